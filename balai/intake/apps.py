from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "balai.intake"
    label = "intake"
    verbose_name = _("WhatsApp and e-mail intake")

    def ready(self) -> None:
        from balai.intake import actions, tasks  # noqa: F401 (catalogue, periodic sweeps)
        from balai.intake.assets import register_kind

        register_kind()
