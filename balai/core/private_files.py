"""A private folder for uploads that are never under MEDIA_URL (letter scans, originals):
served only by views that check who is asking."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFolderStorage(FileSystemStorage):
    """The folder named by `setting` (read on every use: tests move it), else
    var/private/<subdir>. No URL: the files are never linked directly."""

    def __init__(self, *, setting: str, subdir: str):
        super().__init__()
        self.setting, self.subdir = setting, subdir

    @property
    def base_location(self):
        return getattr(settings, self.setting) or str(
            Path(settings.VAR_DIR) / "private" / self.subdir)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL.")


def private_folder(*, alias: str, setting: str, subdir: str) -> Storage:
    """`STORAGES[alias]` when a deployment defines one (a private bucket the web and
    worker hosts share); otherwise the private folder."""
    if alias in settings.STORAGES:
        return storages[alias]
    return PrivateFolderStorage(setting=setting, subdir=subdir)
