"""Private storage for an outlet's papers and the proof snapshots: never under MEDIA_URL.

Deeds, NPWP cards, bank statements and snapshots are served only by views that check who
is asking (media staff, or the outlet through its private link).
`STORAGES["media_partnerships_private"]` takes over when a deployment defines one (a
private bucket); otherwise a folder under var/.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileStorage(FileSystemStorage):
    """A folder outside MEDIA_ROOT, read from settings on every use (tests move it)."""

    @property
    def base_location(self):
        return (settings.MEDIA_PARTNERSHIP_PRIVATE_ROOT
                or str(Path(settings.VAR_DIR) / "private" / "media_partnerships"))

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private media-partnership files have no public URL.")


def private_storage() -> Storage:
    if "media_partnerships_private" in settings.STORAGES:
        return storages["media_partnerships_private"]
    return PrivateFileStorage()
