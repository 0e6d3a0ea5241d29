"""The one pixel limit every door that takes an image applies (issue 23: a 20 KB PNG of
13000 x 13000 pixels cost the worker 2.2 GB and 6.6 s to decode)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def too_many_pixels(name: str, size: tuple[int, int] | None = None) -> ValidationError:
    """The refusal, naming the size when the header was read (Pillow itself refuses an
    image above twice its limit before telling us the size)."""
    limit = settings.IMAGE_MAX_PIXELS // 1_000_000
    if size is None:
        message = _("%(name)s has more pixels than we accept (%(max)s megapixels). Send a "
                    "smaller photo or scan.") % {"name": name, "max": limit}
    else:
        message = _("%(name)s is %(width)s × %(height)s pixels, larger than we accept "
                    "(%(max)s megapixels). Send a smaller photo or scan.") % {
            "name": name, "width": size[0], "height": size[1], "max": limit}
    return ValidationError(message, code="too_many_pixels")


def refuse_too_many_pixels(name: str, size: tuple[int, int]) -> None:
    """Refuse, from the header's size and before any decode, an image above
    IMAGE_MAX_PIXELS."""
    if size[0] * size[1] > settings.IMAGE_MAX_PIXELS:
        raise too_many_pixels(name, size)
