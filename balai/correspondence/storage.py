"""Private storage for letter scans: never under MEDIA_URL; served only by a view that asks
the letter's scope (CorrespondenceScope) first."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


class LetterScanStorage(FileSystemStorage):
    """A folder outside MEDIA_ROOT, read from settings on every use (tests move it)."""

    @property
    def base_location(self):
        return settings.CORRESPONDENCE_PRIVATE_ROOT or str(
            Path(settings.VAR_DIR) / "private" / "correspondence")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Letter scans have no public URL.")


def scan_storage() -> Storage:
    if "correspondence_private" in settings.STORAGES:
        return storages["correspondence_private"]
    return LetterScanStorage()
