from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "balai.accounts"
    label = "accounts"
    verbose_name = _("Accounts and staff")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from balai.accounts import checks  # noqa: F401 - registers the system checks
        from balai.accounts.two_factor import remember_enrolment

        def on_login(sender, request, user, **kwargs):
            if request is not None and hasattr(request, "session"):
                remember_enrolment(request, user)

        user_logged_in.connect(on_login, dispatch_uid="balai.accounts.remember_enrolment",
                               weak=False)
