from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TowersConfig(AppConfig):
    name = "balai.towers"
    label = "towers"
    verbose_name = _("Telecommunication towers")

    def ready(self) -> None:
        from balai.towers import (
            actions,  # noqa: F401  (registers the action catalogue)
            tasks,  # noqa: F401  (registers the findings sweep)
        )
        from balai.towers.assets import register_kind

        register_kind()
