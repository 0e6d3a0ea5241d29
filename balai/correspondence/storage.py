"""Private storage for letter scans: never under MEDIA_URL; served only by a view that asks
the letter's scope (CorrespondenceScope) first."""

from django.core.files.storage import Storage

from balai.core.private_files import private_folder


def scan_storage() -> Storage:
    """STORAGES["correspondence_private"], else CORRESPONDENCE_PRIVATE_ROOT, else
    var/private/correspondence."""
    return private_folder(alias="correspondence_private",
                          setting="CORRESPONDENCE_PRIVATE_ROOT", subdir="correspondence")
