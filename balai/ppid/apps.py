from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "balai.ppid"
    label = "ppid"
    verbose_name = _("Public information (PPID)")

    def ready(self) -> None:
        from balai.ppid import tasks  # noqa: F401  (registers the deadline sweep)
