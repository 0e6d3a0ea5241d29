"""The installation's working-day calendar: national holidays plus admin rows (DESIGN.md §3).

National holidays and cuti bersama come from the `holidays` package (Indonesia, categories
`public` and `government`, names in Bahasa Indonesia). Rows in `core.Holiday` are added on
top. `get_work_calendar()` caches the result in the process and rebuilds it when the
Holiday table changes: a post_save/post_delete signal drops it at once in this process, and
every call compares a fingerprint of the table (row count, last update) so that other
processes (web workers, `balai worker`) and rolled-back transactions never keep a stale
calendar. That costs one small query per call: fetch the calendar once per request or
sweep and pass it down.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from datetime import date, datetime, time

import holidays as holidays_pkg
from django.conf import settings
from django.db.models import Count, Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from balai.lib.workdays import (
    Deadline,
    WorkCalendar,
    clock_start,
    estimated_near,
    explain,
)

# The package computes every year on demand; a fixed span keeps this free of today() and
# covers old cases being re-read as well as multi-year PPID disputes.
YEARS = range(2010, 2051)
# The package's category for cuti bersama ("Joint Holiday"); whether it counts is a
# regional choice (reference/alaveteli-ppid.md), so it can be switched off.
NATIONAL_CATEGORIES = ("public",)
CUTI_BERSAMA_CATEGORY = "government"

_lock = threading.Lock()
_cached: tuple[object, WorkCalendar] | None = None


@functools.lru_cache(maxsize=8)
def national_calendar(years: tuple[int, ...] = tuple(YEARS), *,
                      cuti_bersama: bool = True) -> WorkCalendar:
    """Indonesia's national holidays (and cuti bersama) from `holidays` (DESIGN.md §3)."""
    categories = NATIONAL_CATEGORIES + ((CUTI_BERSAMA_CATEGORY,) if cuti_bersama else ())
    source = holidays_pkg.country_holidays("ID", years=years, categories=categories,
                                           language="id")
    # The package joins two holidays on one date with "; ", as WorkCalendar does.
    return WorkCalendar(holidays=dict(source.items()))


@functools.lru_cache(maxsize=1)
def decreed_cuti_bersama_years() -> frozenset[int]:
    """The years whose cuti bersama the package carries, i.e. whose joint decree (SKB) was
    out when the pinned `holidays` version was released."""
    source = holidays_pkg.country_holidays("ID", years=YEARS,
                                           categories=(CUTI_BERSAMA_CATEGORY,))
    return frozenset(day.year for day in source)


def deadline_estimates(start: date, due: date, calendar: WorkCalendar) -> list[str]:
    """Why a due date counted from `start` to `due` may still move, in Bahasa Indonesia:
    holidays near it whose date is only estimated, and years whose cuti bersama are not
    decreed yet (when cuti bersama count here). Empty for a due date on a fixed calendar."""
    notes = [f"{day.reason}, {formats.date_format(day.date, 'j F Y')}"
             for day in estimated_near(start, due, calendar)]
    if cuti_bersama_counts():
        decreed = decreed_cuti_bersama_years()
        notes += [_("the cuti bersama of %(year)s, not decreed yet") % {"year": year}
                  for year in range(start.year, due.year + 1) if year not in decreed]
    return notes


def _holiday_rows() -> list[tuple[date, str]]:
    from balai.core.models import Holiday

    return [(row.date, row.name or str(Holiday.Kind(row.kind).label))
            for row in Holiday.objects.only("date", "name", "kind").order_by("date")]


def cuti_bersama_counts() -> bool:
    """Whether cuti bersama are non-working days here (WORKDAYS_CUTI_BERSAMA, default on)."""
    return settings.WORKDAYS_CUTI_BERSAMA


def work_calendar(years: Iterable[int] = YEARS, *, cuti_bersama: bool | None = None,
                  with_admin_rows: bool = True) -> WorkCalendar:
    """National holidays plus the admin's `core.Holiday` rows, uncached (DESIGN.md §3)."""
    if cuti_bersama is None:
        cuti_bersama = cuti_bersama_counts()
    calendar = national_calendar(tuple(sorted(set(years))), cuti_bersama=cuti_bersama)
    return calendar.merged(_holiday_rows()) if with_admin_rows else calendar


def _fingerprint() -> tuple:
    from balai.core.models import Holiday

    stats = Holiday.objects.aggregate(count=Count("id"), last=Max("updated_at"),
                                      top=Max("id"))
    return (stats["count"], stats["last"], stats["top"], cuti_bersama_counts())


def get_work_calendar() -> WorkCalendar:
    """The cached calendar for deadlines, rebuilt when Holiday rows change (DESIGN.md §3)."""
    global _cached
    fingerprint = _fingerprint()
    cached = _cached
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    calendar = work_calendar()
    with _lock:
        _cached = (fingerprint, calendar)
    return calendar


def invalidate_work_calendar(**_kwargs) -> None:
    """Drop the cached calendar; connected to Holiday's post_save/post_delete."""
    global _cached
    with _lock:
        _cached = None


def office_hours() -> tuple[time, time]:
    """OFFICE_HOURS_START/END from settings as times (DESIGN.md §3)."""
    return (time.fromisoformat(settings.OFFICE_HOURS_START),
            time.fromisoformat(settings.OFFICE_HOURS_END))


def clock_start_for(received_at: datetime, calendar: WorkCalendar | None = None) -> date:
    """Day 0 for a receipt at `received_at`, with the installation's hours and zone (§3)."""
    start, end = office_hours()
    return clock_start(received_at, calendar or get_work_calendar(), office_start=start,
                       office_end=end, tz=timezone.get_default_timezone())


def deadline_for(received_at: datetime | date, n_workdays: int,
                 calendar: WorkCalendar | None = None) -> Deadline:
    """Due date n working days after a receipt, with the days skipped (DESIGN.md §3).

    A datetime goes through the office-hours cut-off first; a date is taken as day 0.
    """
    calendar = calendar or get_work_calendar()
    if isinstance(received_at, datetime):
        start = clock_start_for(received_at, calendar)
    else:
        start = received_at
    return explain(start, n_workdays, calendar)
