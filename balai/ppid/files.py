"""Uploaded files of the PPID service: size limit, content sniffing, private storage."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from balai.core.images import refuse_too_many_pixels, too_many_pixels

MAX_BYTES = 5 * 1024 * 1024
# What a KTP scan or a letter may be: a photo or a PDF, judged by content, not by name.
SIGNATURES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png",
              b"%PDF-": "application/pdf"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Office files are ZIP containers: the name tells which one, the content that it is a ZIP.
OFFICE = {".xlsx": XLSX, ".docx": DOCX}
SUFFIX = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf", XLSX: "xlsx",
          DOCX: "docx"}
IDENTITY_TYPES = frozenset({"image/jpeg", "image/png", "application/pdf"})
IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})
DELIVERY_TYPES = frozenset(SUFFIX)
DELIVERY_MAX = 10 * 1024 * 1024


def sniff(head: bytes, name: str = "") -> str | None:
    """The content type from the first bytes (and, for Office files, the name), or None."""
    for magic, content_type in SIGNATURES.items():
        if head.startswith(magic):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        return OFFICE.get(name.lower()[-5:])
    return None


@dataclass
class PreparedFile:
    data: bytes
    content_type: str
    sha256: str
    name: str = ""

    def content(self) -> ContentFile:
        return ContentFile(self.data, name=f"upload.{SUFFIX.get(self.content_type, 'bin')}")


def store_file(field, file: PreparedFile | None) -> str:
    """Save a checked upload on a model's file field (named by its hash, the row not saved
    yet); returns its SHA-256 for the audit entry, or "" when there is none."""
    if file is None:
        return ""
    field.save(f"{file.sha256[:16]}.{SUFFIX[file.content_type]}", file.content(), save=False)
    return file.sha256


def prepare_upload(upload, *, label: str, max_bytes: int = MAX_BYTES,
                   allowed: frozenset[str] = IDENTITY_TYPES) -> PreparedFile:
    """Read an upload once and check it: its size, and its type by content."""
    if upload.size > max_bytes:
        raise ValidationError(_("%(label)s is larger than %(mb)s MB. Send a smaller scan or "
                                "photo.") % {"label": label, "mb": max_bytes // (1024 * 1024)},
                              code="too_big")
    data = upload.read()
    content_type = sniff(data[:16], getattr(upload, "name", "") or "")
    if content_type is None or content_type not in allowed:
        message = (_("%(label)s must be a photo (JPG or PNG) or a PDF.")
                   if allowed == IDENTITY_TYPES else
                   _("%(label)s must be a PDF, JPG, PNG, XLSX or DOCX file."))
        raise ValidationError(message % {"label": label}, code="format")
    if content_type in IMAGE_TYPES:
        data, content_type = reencode_image(data, label=label)
    return PreparedFile(data=data, content_type=content_type,
                        sha256=hashlib.sha256(data).hexdigest(),
                        name=(getattr(upload, "name", "") or "")[:200])


def reencode_image(data: bytes, *, label: str) -> tuple[bytes, str]:
    """A KTP scan or an image file decoded and saved afresh as a JPEG with no metadata,
    after its header's size is checked: what officers open inline is an image we made,
    never the bytes as uploaded (issue 12: a truncated JPEG and a 20000 x 20000 PNG bomb
    were accepted). Refused with a clear message when it cannot be read."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            refuse_too_many_pixels(label, img.size)
            img.load()
            upright = ImageOps.exif_transpose(img)
            rgb = upright.convert("RGB")
    except Image.DecompressionBombError as exc:
        raise too_many_pixels(label) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ValidationError(_("%(label)s could not be read as an image. Scan or photograph "
                                "it again, or send a PDF.") % {"label": label},
                              code="unreadable") from exc
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=90)  # no exif=, no icc_profile=: nothing of the original
    return out.getvalue(), "image/jpeg"
