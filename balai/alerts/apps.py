from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "balai.alerts"
    label = "alerts"
    verbose_name = _("Complaint alerts")

    def ready(self) -> None:
        from balai.alerts import actions, tasks  # noqa: F401 (catalogue, periodic sweeps)
