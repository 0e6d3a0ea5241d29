"""Complaint photos: checked, re-encoded, resized, stripped of EXIF (DESIGN.md §4, §7).

The GPS position is read from the original before anything is stored; what we store and
serve is a fresh JPEG with no metadata at all.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

try:  # phone photos (HEIC/HEIF) need the plugin; without it they are refused clearly
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover
    pass

MAX_PHOTOS = 5
MAX_BYTES = 12 * 1024 * 1024
MAX_SIDE = 2048
THUMB_SIDE = 480
ACCEPTED = {"JPEG", "PNG", "WEBP", "HEIF", "HEIC", "MPO"}
GPS_IFD = 0x8825


@dataclass
class PreparedPhoto:
    name: str
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str
    gps: tuple[float, float] | None


def _dms_to_degrees(dms, ref) -> float:
    degrees, minutes, seconds = (float(x) for x in dms)
    value = degrees + minutes / 60 + seconds / 3600
    return -value if ref in ("S", "W") else value


def read_gps(img: Image.Image) -> tuple[float, float] | None:
    """Latitude and longitude from a photo's EXIF, or None."""
    try:
        gps = img.getexif().get_ifd(GPS_IFD)
        if not gps or 2 not in gps or 4 not in gps:
            return None
        lat = _dms_to_degrees(gps[2], gps.get(1, "N"))
        lng = _dms_to_degrees(gps[4], gps.get(3, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180) or (lat == 0 and lng == 0):
        return None
    return round(lat, 7), round(lng, 7)


def _encode(img: Image.Image, side: int, quality: int) -> tuple[Image.Image, bytes]:
    copy = img.copy()
    # Bicubic with reducing_gap (shrink by whole factors first, then filter) looks the
    # same as Lanczos on photos at a fraction of the CPU: every upload pays this cost.
    copy.thumbnail((side, side), Image.Resampling.BICUBIC, reducing_gap=3.0)
    out = io.BytesIO()
    # A new JPEG from pixels only: no exif=, no icc_profile=, so no metadata survives.
    copy.save(out, "JPEG", quality=quality)
    return copy, out.getvalue()


def prepare_photo(upload) -> PreparedPhoto:
    """Check and re-encode one uploaded file; a clear ValidationError when it is not a photo."""
    name = getattr(upload, "name", "foto") or "foto"
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(_("%(name)s is larger than 12 MB. Choose a smaller photo.")
                              % {"name": name}, code="too_big")
    try:
        upload.seek(0)
        img = Image.open(io.BytesIO(upload.read()))
        fmt = (img.format or "").upper()
        if fmt not in ACCEPTED:
            raise ValidationError(_("%(name)s is a %(format)s file. Use a JPEG, PNG, WebP or "
                                    "HEIC photo.") % {"name": name, "format": fmt or "?"},
                                  code="format")
        gps = read_gps(img)
        # JPEG can decode straight at 1/2, 1/4 or 1/8 scale: a phone photo never needs its
        # full 12 MP decoded to become a 2048 px image, which halves the work per upload.
        img.draft("RGB", (MAX_SIDE, MAX_SIDE))
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("%(name)s is not a photo we can read. Use a JPEG, PNG, WebP "
                                "or HEIC photo.") % {"name": name}, code="not_image") from exc
    img = ImageOps.exif_transpose(img)
    if img.mode not in ("RGB", "L"):
        background = Image.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.split()[-1])
        img = background
    resized, image = _encode(img, MAX_SIDE, 85)
    _thumb, thumbnail = _encode(resized, THUMB_SIDE, 80)
    return PreparedPhoto(name=name, image=image, thumbnail=thumbnail, width=resized.width,
                         height=resized.height, sha256=hashlib.sha256(image).hexdigest(),
                         gps=gps)


def prepare_photos(files: Iterable) -> list[PreparedPhoto]:
    """Check every file before anything is saved, so a bad one leaves nothing behind."""
    files = [f for f in files if f]
    if len(files) > MAX_PHOTOS:
        raise ValidationError(_("Add at most %(n)s photos.") % {"n": MAX_PHOTOS},
                              code="too_many")
    return [f if isinstance(f, PreparedPhoto) else prepare_photo(f) for f in files]


def photos_attach(*, complaint, files: Iterable, kind: str) -> list:
    """Store prepared (or raw) photos on a complaint; runs inside the caller's transaction."""
    from balai.complaints.models import ComplaintPhoto  # noqa: PLC0415

    stored = []
    for index, photo in enumerate(prepare_photos(files), start=1):
        base = f"{complaint.code or complaint.pk}-{kind}-{index}-{photo.sha256[:10]}"
        row = ComplaintPhoto(complaint=complaint, kind=kind, width=photo.width,
                             height=photo.height, sha256=photo.sha256)
        row.image.save(f"{base}.jpg", ContentFile(photo.image), save=False)
        row.thumbnail.save(f"{base}-t.jpg", ContentFile(photo.thumbnail), save=False)
        row.save()
        stored.append(row)
    return stored
