"""Inspection photos: the file as taken is kept privately with its EXIF (evidence: when and
where it was taken), the public copy is re-encoded from pixels only (no metadata), upright
and at most 1600 px."""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from balai.core.images import refuse_too_many_pixels, too_many_pixels

MAX_BYTES = 12 * 1024 * 1024
MAX_SIDE = 1600
ACCEPTED = {"JPEG", "MPO", "PNG", "WEBP"}


@dataclass
class InspectionImage:
    name: str
    original: bytes
    public: bytes
    sha256: str
    gps: tuple[float, float] | None


def _gps(img: Image.Image) -> tuple[float, float] | None:
    try:
        gps = img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        if not gps or 2 not in gps or 4 not in gps:
            return None

        def degrees(dms, ref):
            value = float(dms[0]) + float(dms[1]) / 60 + float(dms[2]) / 3600
            return -value if ref in ("S", "W") else value

        return degrees(gps[2], gps.get(1, "N")), degrees(gps[4], gps.get(3, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None


def prepare(upload) -> InspectionImage:
    name = os.path.basename(getattr(upload, "name", "foto") or "foto")
    data = upload.read()
    if len(data) > MAX_BYTES:
        raise ValidationError(_("%(name)s is larger than 12 MB.") % {"name": name})
    try:
        img = Image.open(io.BytesIO(data))
        if (img.format or "").upper() not in ACCEPTED:
            raise ValidationError(_("%(name)s is not a JPEG, PNG or WebP photo.")
                                  % {"name": name})
        refuse_too_many_pixels(name, img.size)
        gps = _gps(img)
        img.load()
    except Image.DecompressionBombError as exc:
        raise too_many_pixels(name) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, EOFError) as exc:
        raise ValidationError(_("%(name)s is not a photo we can read.") % {"name": name}) \
            from exc
    ImageOps.exif_transpose(img, in_place=True)
    img = img.convert("RGB")
    img.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)  # pixels only: no exif=, so no metadata survives
    return InspectionImage(name=name, original=data, public=out.getvalue(),
                           sha256=hashlib.sha256(data).hexdigest(), gps=gps)
