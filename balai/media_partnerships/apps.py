from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaPartnershipsConfig(AppConfig):
    name = "balai.media_partnerships"
    label = "media_partnerships"
    verbose_name = _("Media partnerships")

    def ready(self) -> None:
        from balai.media_partnerships import (
            actions,  # noqa: F401  (registers the catalogue)
            tasks,  # noqa: F401  (registers the rendering sweep)
        )
