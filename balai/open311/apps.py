from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Open311Config(AppConfig):
    name = "balai.open311"
    label = "open311"
    verbose_name = _("Open311")

    def ready(self) -> None:
        from balai.open311 import actions  # noqa: F401 (catalogue)
