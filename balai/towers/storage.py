"""Private storage for permit scans and inspection originals: never under MEDIA_URL.

Served only by views that check the viewer is tower staff. `STORAGES["towers_private"]`
takes over when a deployment defines one (a private S3 bucket); otherwise a folder under
var/private/towers (TOWERS_PRIVATE_ROOT to move it).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateTowerStorage(FileSystemStorage):
    """A folder outside MEDIA_ROOT, read from settings on every use (tests move it)."""

    @property
    def base_location(self):
        return settings.TOWERS_PRIVATE_ROOT or str(Path(settings.VAR_DIR) / "private" / "towers")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private tower files have no public URL.")


def private_storage() -> Storage:
    if "towers_private" in settings.STORAGES:
        return storages["towers_private"]
    return PrivateTowerStorage()
