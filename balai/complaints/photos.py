"""Complaint photos: checked, re-encoded, resized, stripped of EXIF (DESIGN.md §4, §7).

A citizen's upload is checked cheaply while they wait (size, format from the header, GPS
from EXIF) and kept as it came in a private storage that has no URL; the background
worker then decodes it, re-encodes a fresh JPEG with no metadata at all and a thumbnail,
publishes those and deletes the original. Until then the photo is "pending": nothing of
it is served, and the pages say it is being processed. A worker that dies mid-photo
leaves it pending, and the periodic sweep processes it again.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from balai.core.images import refuse_too_many_pixels, too_many_pixels
from balai.core.periodic import on_sweep_clock

try:  # phone photos (HEIC/HEIF) need the plugin; without it they are refused clearly
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover
    pass

logger = logging.getLogger("balai.complaints.photos")

MAX_PHOTOS = 5
MAX_BYTES = 12 * 1024 * 1024
MAX_SIDE = 2048
# A JPEG is decoded at 1/2, 1/4 or 1/8 scale (libjpeg's DCT scaling, far cheaper than a
# full decode plus a resize) when its long side stays at least this long: a 12 MP phone
# photo (4000 × 3000) becomes 2000 × 1500 straight from the decoder.
MIN_DRAFT_SIDE = 1600
THUMB_SIDE = 480
ACCEPTED = {"JPEG", "PNG", "WEBP", "HEIF", "HEIC", "MPO"}
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "HEIF": "heic",
              "HEIC": "heic"}
GPS_IFD = 0x8825
# A pending photo older than this is taken to have lost its task (a crash between commit
# and enqueue, a worker killed mid-photo): the sweep processes it. On the sweeps' clock
# (PERIODIC_INTERVAL_SCALE).
STALE_AFTER = timedelta(minutes=2)
SWEEP_BATCH = 20


@dataclass
class PreparedPhoto:
    """A photo re-encoded in this process (staff evidence, tests)."""

    name: str
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str
    gps: tuple[float, float] | None


@dataclass
class CheckedPhoto:
    """An upload whose header says it is a photo; re-encoded later by the worker."""

    name: str
    file: object
    format: str
    width: int
    height: int
    gps: tuple[float, float] | None
    original: str = ""  # its name in the private storage once stored


class OriginalsStorage(FileSystemStorage):
    """Uploads as they came, outside MEDIA_ROOT and without any URL (read from settings on
    every use, so tests can move it)."""

    @property
    def base_location(self):
        configured = settings.COMPLAINT_ORIGINALS_ROOT
        return str(configured or Path(settings.VAR_DIR) / "private")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Original uploads are private and have no URL.")


def originals_storage() -> Storage:
    """`STORAGES["complaints_private"]` when a deployment defines one (a private bucket that
    web and worker hosts share); otherwise a folder under var/ on this host."""
    if "complaints_private" in settings.STORAGES:
        return storages["complaints_private"]
    return OriginalsStorage()


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


def _not_a_photo(name: str) -> ValidationError:
    return ValidationError(_("%(name)s is not a photo we can read. Use a JPEG, PNG, WebP or "
                             "HEIC photo.") % {"name": name}, code="not_image")


def check_photo(upload) -> CheckedPhoto:
    """The cheap checks a citizen waits for: size, format and GPS from the file's header.

    Nothing is decoded here; a clear ValidationError when it is not a photo.
    """
    name = getattr(upload, "name", "foto") or "foto"
    name = os.path.basename(str(name))
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(_("%(name)s is larger than 12 MB. Choose a smaller photo.")
                              % {"name": name}, code="too_big")
    try:
        upload.seek(0)
        with Image.open(upload) as img:
            fmt = (img.format or "").upper()
            if fmt not in ACCEPTED:
                raise ValidationError(_("%(name)s is a %(format)s file. Use a JPEG, PNG, WebP "
                                        "or HEIC photo.") % {"name": name, "format": fmt or "?"},
                                      code="format")
            width, height = img.size
            refuse_too_many_pixels(name, img.size)
            gps = read_gps(img)
    except Image.DecompressionBombError as exc:
        raise too_many_pixels(name) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise _not_a_photo(name) from exc
    if size is None:
        upload.seek(0, os.SEEK_END)
        if upload.tell() > MAX_BYTES:
            raise ValidationError(_("%(name)s is larger than 12 MB. Choose a smaller photo.")
                                  % {"name": name}, code="too_big")
    upload.seek(0)
    return CheckedPhoto(name=name, file=upload, format=fmt, width=width, height=height,
                        gps=gps)


def _draft_size(img: Image.Image) -> tuple[int, int] | None:
    """The size to ask libjpeg for: the smallest 1/2^k scale that keeps the long side at
    least MIN_DRAFT_SIDE, or None when the full image is needed."""
    if img.format not in ("JPEG", "MPO") or max(img.size) <= MAX_SIDE:
        return None
    scale = 1
    while scale < 8 and max(img.size) // (scale * 2) >= MIN_DRAFT_SIDE:
        scale *= 2
    return (img.width // scale, img.height // scale) if scale > 1 else None


def _scaled(size: tuple[int, int], side: int) -> tuple[int, int]:
    ratio = side / max(size)
    if ratio >= 1:
        return size
    return max(1, round(size[0] * ratio)), max(1, round(size[1] * ratio))


def _jpeg(img: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # A new JPEG from pixels only: no exif=, no icc_profile=, so no metadata survives.
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()


def encode_photo(data: bytes, name: str = "foto") -> PreparedPhoto:
    """Decode, upright, resize and re-encode one photo (the worker's share of the work)."""
    try:
        img = Image.open(io.BytesIO(data))
        refuse_too_many_pixels(name, img.size)  # again: a row may predate the limit
        gps = read_gps(img)
        draft = _draft_size(img)
        if draft:
            img.draft("RGB", draft)
        img.load()
    except Image.DecompressionBombError as exc:
        raise too_many_pixels(name) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise _not_a_photo(name) from exc
    ImageOps.exif_transpose(img, in_place=True)
    if img.mode not in ("RGB", "L"):
        background = Image.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.split()[-1])
        img = background
    # Bicubic with reducing_gap (shrink by whole factors first, then filter) looks the
    # same as Lanczos on photos at a fraction of the CPU.
    size = _scaled(img.size, MAX_SIDE)
    resized = img if size == img.size else img.resize(size, Image.Resampling.BICUBIC,
                                                      reducing_gap=2.0)
    # The thumbnail shrinks by whole factors nearly all the way (reducing_gap=1: a 2048 px
    # photo is box-reduced to 512 px, then filtered to 480): half the CPU of gap 2, and the
    # same picture at thumbnail size.
    thumb = resized.resize(_scaled(resized.size, THUMB_SIDE), Image.Resampling.BICUBIC,
                           reducing_gap=1.0)
    image = _jpeg(resized, 85)
    return PreparedPhoto(name=name, image=image, thumbnail=_jpeg(thumb, 80),
                         width=resized.width, height=resized.height,
                         sha256=hashlib.sha256(image).hexdigest(), gps=gps)


def prepare_photo(upload) -> PreparedPhoto:
    """Check and re-encode one uploaded file in this process."""
    checked = check_photo(upload)
    checked.file.seek(0)
    return encode_photo(checked.file.read(), checked.name)


def check_photos(files: Iterable) -> list:
    """Check every file before anything is saved, so a bad one leaves nothing behind."""
    files = [f for f in files if f]
    if len(files) > MAX_PHOTOS:
        raise ValidationError(_("Add at most %(n)s photos.") % {"n": MAX_PHOTOS},
                              code="too_many")
    return [f if isinstance(f, PreparedPhoto | CheckedPhoto) else check_photo(f)
            for f in files]


def prepare_photos(files: Iterable) -> list[PreparedPhoto]:
    """Check and re-encode every file in this process (staff evidence photos)."""
    return [f if isinstance(f, PreparedPhoto) else
            encode_photo(_read(f.file), f.name) for f in check_photos(files)]


def _read(upload) -> bytes:
    upload.seek(0)
    return upload.read()


def originals_store(photos: list) -> list:
    """Write checked uploads to the private storage, before the caller's transaction so
    that the database lock is not held while megabytes are written."""
    from balai.complaints.models import ComplaintPhoto  # noqa: PLC0415

    upload_to = ComplaintPhoto._meta.get_field("original")
    for photo in photos:
        if isinstance(photo, CheckedPhoto) and not photo.original:
            photo.file.seek(0)
            # A random name: a private file's name must not be guessable either.
            name = upload_to.generate_filename(
                None, f"{secrets.token_hex(12)}.{EXTENSIONS[photo.format]}")
            photo.original = originals_storage().save(name, photo.file)
    return photos


def originals_discard(photos: list) -> None:
    """Remove stored uploads whose submission did not commit."""
    for photo in photos:
        if isinstance(photo, CheckedPhoto) and photo.original:
            originals_storage().delete(photo.original)
            photo.original = ""


def _store_prepared(row, photo: PreparedPhoto, base: str) -> None:
    """The re-encoded files go to private storage; public copies come with publication."""
    row.private_image.save(f"{base}.jpg", ContentFile(photo.image), save=False)
    row.private_thumbnail.save(f"{base}-t.jpg", ContentFile(photo.thumbnail), save=False)
    row.width, row.height, row.sha256 = photo.width, photo.height, photo.sha256


def _is_public(complaint) -> bool:
    from balai.complaints.selectors import public_complaints  # noqa: PLC0415 - imports us

    return public_complaints().filter(pk=complaint.pk).exists()


def _copy(source, target, name: str) -> None:
    with source.open("rb") as handle:
        target.save(name, ContentFile(handle.read()), save=False)


def _publish(row) -> bool:
    """Copy one ready photo's private files to public media; False if another process did."""
    from balai.complaints.models import ComplaintPhoto  # noqa: PLC0415

    _copy(row.private_image, row.image, os.path.basename(row.private_image.name))
    _copy(row.private_thumbnail, row.thumbnail, os.path.basename(row.private_thumbnail.name))
    won = ComplaintPhoto.objects.filter(pk=row.pk, image="").update(
        image=row.image.name, thumbnail=row.thumbnail.name)
    if not won:
        row.image.delete(save=False)
        row.thumbnail.delete(save=False)
    return bool(won)


def photos_publish(*, complaint) -> int:
    """Public copies of a public case's ready photos (idempotent); returns how many it made.

    Runs after the commit that made the case public: copying files is no work to do
    while holding the database's write lock, and until it is done the photo view serves
    the same photo to everyone entitled to see the case.
    """
    from balai.complaints.models import ComplaintPhoto  # noqa: PLC0415

    if not _is_public(complaint):
        return 0
    rows = ComplaintPhoto.objects.filter(complaint_id=complaint.pk, image="",
                                         state=ComplaintPhoto.State.READY).exclude(
        private_image="")
    made = sum(_publish(row) for row in rows)
    if made:
        complaint.__class__.objects.filter(pk=complaint.pk).update(updated_at=timezone.now())
    return made


def photos_unpublish(*, complaint) -> int:
    """Withdraw the public copies of a case that is no longer public (archived, returned,
    rahasia): the fields are cleared in the caller's transaction, the files deleted once
    it commits."""
    from balai.complaints.models import ComplaintPhoto  # noqa: PLC0415

    rows = list(ComplaintPhoto.objects.filter(complaint_id=complaint.pk).exclude(image="")
                .values_list("image", "thumbnail"))
    if not rows:
        return 0
    ComplaintPhoto.objects.filter(complaint_id=complaint.pk).update(image="", thumbnail="")
    public = ComplaintPhoto._meta.get_field("image").storage

    def delete_files():
        for names in rows:
            for name in names:
                if name:
                    public.delete(name)

    transaction.on_commit(delete_files, robust=True)
    return len(rows)


def photos_follow_visibility(complaint) -> None:
    """After a change of state: publish the photos of a case that became public, withdraw
    those of one that no longer is. Call inside the service's transaction."""
    if _is_public(complaint):
        transaction.on_commit(lambda: photos_publish(complaint=complaint), robust=True)
    else:
        photos_unpublish(complaint=complaint)


def photos_attach(*, complaint, files: Iterable, kind: str) -> list:
    """Store photos on a complaint; runs inside the caller's transaction.

    Prepared photos are published at once; checked uploads are kept privately as they
    came (stored already when `originals_store` ran before the transaction) and
    re-encoded by the worker, queued when the transaction commits.
    """
    from balai.complaints.models import ComplaintPhoto  # noqa: PLC0415

    stored = []
    for index, photo in enumerate(check_photos(files), start=1):
        row = ComplaintPhoto(complaint=complaint, kind=kind)
        if isinstance(photo, PreparedPhoto):
            _store_prepared(row, photo, f"{secrets.token_hex(8)}-{kind}-{index}-"
                                        f"{photo.sha256[:10]}")
        else:
            row.state = ComplaintPhoto.State.PENDING
            row.width, row.height = photo.width, photo.height
            row.original.name = originals_store([photo])[0].original
        row.save()
        stored.append(row)
        if row.state == ComplaintPhoto.State.PENDING:
            _queue_processing(row.pk)
    if any(row.state == ComplaintPhoto.State.READY for row in stored):
        transaction.on_commit(lambda: photos_publish(complaint=complaint), robust=True)
    return stored


def _queue_processing(photo_id: int) -> None:
    from balai.complaints.tasks import process_photo  # noqa: PLC0415 - tasks imports us

    if type(process_photo.get_backend()).__module__.startswith("django_tasks_db"):
        # The queue is a table of this database: the task commits with the photo's row,
        # so no crash between commit and enqueue can lose it (and SQLite is spared a
        # write transaction of its own).
        process_photo.enqueue(photo_id)
    else:
        transaction.on_commit(lambda: process_photo.enqueue(photo_id), robust=True)


def photo_process(*, photo_id: int, now: datetime | None = None) -> str:
    """Re-encode one pending photo, publish it and delete the original; idempotent.

    Returns the photo's state afterwards ("ready", "failed"), or "" when it is not pending
    (already processed by another worker, or deleted).
    """
    from balai.complaints.models import Complaint, ComplaintPhoto  # noqa: PLC0415

    S = ComplaintPhoto.State
    row = (ComplaintPhoto.objects.filter(pk=photo_id, state=S.PENDING)
           .select_related("complaint").first())
    if row is None:
        return ""
    now = now or timezone.now()
    try:
        with row.original.open("rb") as handle:
            data = handle.read()
        prepared = encode_photo(data, os.path.basename(row.original.name))
    except (ValidationError, FileNotFoundError) as exc:
        logger.warning("complaint photo %s could not be processed: %s", photo_id, exc)
        ComplaintPhoto.objects.filter(pk=photo_id, state=S.PENDING).update(
            state=S.FAILED, updated_at=now)
        return S.FAILED
    _store_prepared(row, prepared,
                    f"{secrets.token_hex(8)}-{row.kind}-{row.pk}-{prepared.sha256[:10]}")
    with transaction.atomic():
        # The claim: only one worker processes a photo; the loser removes its copies.
        claimed = ComplaintPhoto.objects.filter(pk=photo_id, state=S.PENDING).update(
            state=S.READY, private_image=row.private_image.name,
            private_thumbnail=row.private_thumbnail.name,
            width=row.width, height=row.height, sha256=row.sha256, original="",
            updated_at=now)
        if claimed:
            # The public tracking page is cached by the case's updated_at.
            Complaint.objects.filter(pk=row.complaint_id).update(updated_at=now)
    if not claimed:
        row.private_image.delete(save=False)
        row.private_thumbnail.delete(save=False)
        return ""
    photos_publish(complaint=row.complaint)
    try:
        originals_storage().delete(row.original.name)
    except OSError:  # pragma: no cover - a leftover private file is harmless
        logger.warning("complaint photo %s: original %s not deleted", photo_id,
                       row.original.name)
    return S.READY


def photos_sweep(*, now: datetime) -> int:
    """Process pending photos whose task was evidently lost; returns how many it did."""
    from balai.complaints.models import ComplaintPhoto  # noqa: PLC0415

    ids = list(ComplaintPhoto.objects.filter(state=ComplaintPhoto.State.PENDING,
                                             created_at__lte=now - on_sweep_clock(STALE_AFTER))
               .order_by("created_at").values_list("pk", flat=True)[:SWEEP_BATCH])
    return sum(1 for pk in ids if photo_process(photo_id=pk, now=now))
