"""An outlet's uploads: size limit, type judged by content, images re-encoded."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from balai.core.images import refuse_too_many_pixels, too_many_pixels

MAX_BYTES = 5 * 1024 * 1024
RECORDING_MAX_BYTES = 50 * 1024 * 1024
PAPER_TYPES = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg",
               b"\x89PNG\r\n\x1a\n": "image/png"}
# A broadcast recording: MP3 (ID3 tag or frame sync), MP4/M4A ("ftyp" at byte 4), OGG.
RECORDING_TYPES = {b"ID3": "audio/mpeg", b"\xff\xfb": "audio/mpeg", b"OggS": "audio/ogg"}
SUFFIX = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png",
          "audio/mpeg": "mp3", "audio/ogg": "ogg", "video/mp4": "mp4"}


@dataclass
class PreparedFile:
    data: bytes
    content_type: str
    sha256: str
    name: str = ""

    def content(self) -> ContentFile:
        return ContentFile(self.data, name=f"berkas.{SUFFIX[self.content_type]}")


def _sniff(head: bytes, table: dict[bytes, str]) -> str | None:
    for magic, content_type in table.items():
        if head.startswith(magic):
            return content_type
    return None


def _reencode(data: bytes, label: str) -> bytes:
    """A photo or scan saved afresh as a JPEG without metadata: what staff open is an
    image we made, never the bytes as uploaded."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            refuse_too_many_pixels(label, img.size)
            rgb = img.convert("RGB")
    except Image.DecompressionBombError as exc:
        raise too_many_pixels(label) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ValidationError(_("%(label)s could not be read as an image. Scan or photograph "
                                "it again, or send a PDF.") % {"label": label},
                              code="unreadable") from exc
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=88)
    return out.getvalue()


def prepare_paper(upload, *, label: str) -> PreparedFile:
    """A deed, card, certificate or photo: PDF, JPG or PNG of at most 5 MB."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("%(label)s is larger than 5 MB. Send a smaller scan or photo.")
                              % {"label": label}, code="too_big")
    data = upload.read()
    content_type = _sniff(data[:16], PAPER_TYPES)
    if content_type is None:
        raise ValidationError(_("%(label)s must be a PDF, or a photo (JPG or PNG).")
                              % {"label": label}, code="format")
    if content_type != "application/pdf":
        data, content_type = _reencode(data, label), "image/jpeg"
    return PreparedFile(data=data, content_type=content_type,
                        sha256=hashlib.sha256(data).hexdigest(),
                        name=(getattr(upload, "name", "") or "")[:200])


def prepare_recording(upload, *, label: str) -> PreparedFile:
    """A broadcast recording: MP3, OGG or MP4 of at most 50 MB."""
    if upload.size > RECORDING_MAX_BYTES:
        raise ValidationError(_("%(label)s is larger than 50 MB.") % {"label": label},
                              code="too_big")
    data = upload.read()
    content_type = _sniff(data[:16], RECORDING_TYPES) or (
        "video/mp4" if data[4:8] == b"ftyp" else None)
    if content_type is None:
        raise ValidationError(_("%(label)s must be an MP3, OGG or MP4 recording.")
                              % {"label": label}, code="format")
    return PreparedFile(data=data, content_type=content_type,
                        sha256=hashlib.sha256(data).hexdigest(),
                        name=(getattr(upload, "name", "") or "")[:200])
