"""Private storage for identity documents and delivered files: never under MEDIA_URL.

Files here are served only by views that check who is asking (PPID staff for KTP
images, the requester's secret link for answers). `STORAGES["ppid_private"]` takes over
when a deployment defines one (a private S3 bucket); otherwise a folder under var/.
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
        return settings.PPID_PRIVATE_ROOT or str(Path(settings.VAR_DIR) / "private")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # no URL: these files are never linked directly

    def url(self, name):
        raise ValueError("Private PPID files have no public URL.")


def private_storage() -> Storage:
    if "ppid_private" in settings.STORAGES:
        return storages["ppid_private"]
    return PrivateFileStorage()
