"""One "Lacak" box for every service: the prefix of a code says which service holds it.

Each service registers a `Tracker` when it starts (AppConfig.ready); the core knows no
service. Codes are `PREFIX-YEAR-NUMBER` (ADU-2026-000123, PPID-2026-000045). People copy
them from a message or read them out over the phone, so lower case, spaces or a missing
zero padding (`adu 2026 123`) are accepted and written the canonical way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

_CODE = re.compile(r"^([A-Z]{2,8})[\s\-/.]*(\d{4})[\s\-/.]*(\d{1,9})$")


@dataclass(frozen=True)
class Tracker:
    prefix: str  # "ADU"
    exists: Callable[[str], bool]  # is there a case with this canonical code?
    url_name: str  # the public tracking page, reversed with the code


_TRACKERS: dict[str, Tracker] = {}


def tracker_register(tracker: Tracker) -> None:
    _TRACKERS[tracker.prefix] = tracker


def case_code(prefix: str, year: int, number: int) -> str:
    """A case's tracking code: `ADU-2026-000123` (the year is the local year of receipt)."""
    return f"{prefix}-{year}-{number:06d}"


def code_normalise(raw: str) -> str:
    """`adu 2026 123` -> `ADU-2026-000123`; anything else comes back stripped, upper case."""
    text = raw.strip().upper()
    match = _CODE.match(text)
    if not match:
        return text
    prefix, year, number = match.groups()
    return case_code(prefix, int(year), int(number))


def tracking_url(code: str) -> str | None:
    """The tracking page of the case with this (canonical) code, or None if none has it."""
    tracker = _TRACKERS.get(code.split("-", 1)[0])
    if tracker is None or not tracker.exists(code):
        return None
    return reverse(tracker.url_name, args=[code])
