"""Object ids in API URLs."""

from __future__ import annotations

from django.http import Http404

# Object ids are bigints: a larger number in a URL is a 404, not an overflow in the database.
MAX_ID = 2**63 - 1


def object_id_or_404(raw: str) -> int:
    """The id in a detail URL as an int, or 404. Only ASCII digits: str.isdigit() accepts
    "²" and other digit-like characters that int() refuses (a 500 schemathesis found)."""
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) <= MAX_ID:
        raise Http404
    return int(raw)
