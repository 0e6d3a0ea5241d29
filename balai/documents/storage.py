"""Private, content-addressed storage for issued PDFs (never under MEDIA_URL)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages


@lru_cache(maxsize=1)
def _storage_for(location: str) -> Storage:
    return FileSystemStorage(location=location)


def documents_storage() -> Storage:
    """`STORAGES["documents"]` if the deployment defines one, else a folder under var/."""
    if "documents" in settings.STORAGES:
        return storages["documents"]
    default = Path(settings.VAR_DIR) / "documents" / "pdf"
    return _storage_for(str(settings.DOCUMENTS_STORAGE_ROOT or default))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pdf_store(data: bytes) -> tuple[str, str]:
    """Store `data` once under its SHA-256; return (sha256, relative path)."""
    digest = sha256_hex(data)
    path = f"{digest[:2]}/{digest[2:4]}/{digest}.pdf"
    storage = documents_storage()
    if not storage.exists(path):
        saved = storage.save(path, ContentFile(data))
        if saved != path:  # a concurrent writer won; both wrote the same bytes
            storage.delete(saved)
    return digest, path


def pdf_read(path: str) -> bytes:
    with documents_storage().open(path, "rb") as fh:
        return fh.read()
