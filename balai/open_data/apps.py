from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "balai.open_data"
    label = "open_data"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from balai.open_data import actions  # noqa: F401  (registers the action catalogue)
