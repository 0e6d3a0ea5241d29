"""Private storage for an outlet's papers and the proof snapshots: never under MEDIA_URL.

Deeds, NPWP cards, bank statements and snapshots are served only by views that check who
is asking (media staff, or the outlet through its private link).
`STORAGES["media_partnerships_private"]` takes over when a deployment defines one (a
private bucket); otherwise MEDIA_PARTNERSHIP_PRIVATE_ROOT, or var/private/media_partnerships.
"""

from __future__ import annotations

from django.core.files.storage import Storage

from balai.core.private_files import private_folder


def private_storage() -> Storage:
    return private_folder(alias="media_partnerships_private",
                          setting="MEDIA_PARTNERSHIP_PRIVATE_ROOT", subdir="media_partnerships")
