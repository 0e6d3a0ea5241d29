"""Uploaded images made safe to publish: decoded, turned upright, shrunk, re-encoded as a
fresh JPEG with no metadata (EXIF, GPS, comments) at all (DESIGN.md §7, Uploads).

For pictures published as they are taken (a KIM post's image, a market listing's photos);
the complaint photos have their own pipeline (the worker, private originals) because they
arrive from the public in bulk.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from balai.core.images import refuse_too_many_pixels, too_many_pixels

try:  # phone photos (HEIC/HEIF)
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover
    pass

ACCEPTED = {"JPEG", "PNG", "WEBP", "HEIF", "HEIC", "MPO"}
MAX_BYTES = 12 * 1024 * 1024


@dataclass(frozen=True)
class Reencoded:
    data: bytes  # a JPEG
    width: int
    height: int


def _not_an_image(name: str) -> ValidationError:
    # The complaint photos' words, already in the shared catalogue.
    return ValidationError(_("%(name)s is not a photo we can read. Use a JPEG, PNG, WebP or "
                             "HEIC photo.") % {"name": name}, code="not_image")


def reencode_image(upload, *, max_side: int = 1600, quality: int = 82) -> Reencoded:
    """The upload as a clean JPEG at most `max_side` pixels on its long side, or a
    ValidationError naming the file (too big, too many pixels, not an image)."""
    name = getattr(upload, "name", "") or "foto"
    if getattr(upload, "size", 0) and upload.size > MAX_BYTES:
        raise ValidationError(_("%(name)s is larger than 12 MB. Choose a smaller photo.")
                              % {"name": name}, code="too_big")
    upload.seek(0)
    try:
        img = Image.open(io.BytesIO(upload.read()))
        if img.format not in ACCEPTED:
            raise _not_an_image(name)
        refuse_too_many_pixels(name, img.size)
        img.draft("RGB", (max_side, max_side))
        img.load()
    except Image.DecompressionBombError as exc:
        raise too_many_pixels(name) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise _not_an_image(name) from exc
    ImageOps.exif_transpose(img, in_place=True)
    if img.mode not in ("RGB", "L"):
        background = Image.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.split()[-1])
        img = background
    img.thumbnail((max_side, max_side), Image.Resampling.BICUBIC, reducing_gap=2.0)
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return Reencoded(data=out.getvalue(), width=img.width, height=img.height)
