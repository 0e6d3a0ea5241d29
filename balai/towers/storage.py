"""Private storage for permit scans and inspection originals: never under MEDIA_URL.

Served only by views that check the viewer is tower staff. `STORAGES["towers_private"]`
takes over when a deployment defines one (a private S3 bucket); otherwise a folder under
var/private/towers (TOWERS_PRIVATE_ROOT to move it).
"""

from django.core.files.storage import Storage

from balai.core.private_files import private_folder


def private_storage() -> Storage:
    return private_folder(alias="towers_private", setting="TOWERS_PRIVATE_ROOT",
                          subdir="towers")
