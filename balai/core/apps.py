from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "balai.core"
    label = "core"
    verbose_name = _("Audit trail and working days")

    def ready(self) -> None:
        from balai.core import signals

        signals.connect()
        _bound_pillow()


def _bound_pillow() -> None:
    """Every Pillow decode in every process (web, worker, commands) refuses a decompression
    bomb, not only the doors that check an image's header first (issue 23): Pillow raises
    DecompressionBombError above twice MAX_IMAGE_PIXELS, and only warns above it, so its
    default (89 MP) let a 13000 x 13000 PNG of 20 KB through with a warning."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
