"""Private storage for KIM decrees (SK files): never under MEDIA_URL; served only to KIM
staff by a view that checks who asks."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class KimPrivateStorage(FileSystemStorage):
    """A folder outside MEDIA_ROOT, read from settings on every use (tests move it)."""

    @property
    def base_location(self):
        return settings.KIM_PRIVATE_ROOT or str(Path(settings.VAR_DIR) / "private" / "kim")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("KIM decrees have no public URL.")


def kim_private_storage():
    """`STORAGES["kim_private"]` when a deployment defines one (the S3 bucket that several
    hosts share); otherwise the folder on this host."""
    if "kim_private" in settings.STORAGES:
        return storages["kim_private"]
    return KimPrivateStorage()
