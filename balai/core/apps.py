from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "balai.core"
    label = "core"
    verbose_name = _("Audit trail and working days")

    def ready(self) -> None:
        from balai.core import signals

        signals.connect()
