from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaporConfig(AppConfig):
    name = "balai.lapor"
    label = "lapor"
    verbose_name = _("SP4N-LAPOR!")

    def ready(self) -> None:
        from balai.lapor import actions  # noqa: F401 (the audit catalogue)
