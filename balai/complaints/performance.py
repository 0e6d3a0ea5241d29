"""The public performance tables (/pengaduan/kinerja/): per agency and per kelurahan, for
the last 30 days, the quarter or the year (Qlue's table per kelurahan; reference/
registries-and-portal.md §6).

Read from the daily roll-up (complaints.rollup), never from the complaints one by one,
except the two counts that depend on today: the cases of the period overdue now, one
indexed query on the running clocks' due dates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.agencies.models import Agency
from balai.complaints.models import (
    CLOCKS,
    FOLLOWING_UP,
    Complaint,
    RollupCursor,
)
from balai.complaints.rollup import period_sums
from balai.geo.models import Area
from balai.lib.dates import days_range

CACHE_SECONDS = 3600
PERIODS = {"30": _("Last 30 days"), "kuartal": _("This quarter"), "tahun": _("This year")}


def period_days(period: str, today: date) -> tuple[date, date]:
    """Pure: the first and last day of a period ending today."""
    if period == "kuartal":
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if period == "tahun":
        return date(today.year, 1, 1), today
    return today - timedelta(days=29), today


def median_of(histogram: dict[int, int]) -> float | None:
    """Pure: the median of values given as {value: count} (the lower middle when even
    counts split, averaged with the upper)."""
    n = sum(histogram.values())
    if not n:
        return None
    lower, upper = (n - 1) // 2, n // 2
    seen, low = 0, None
    for value in sorted(histogram):
        seen += histogram[value]
        if low is None and seen > lower:
            low = value
        if seen > upper:
            return (low + value) / 2
    return None


@dataclass
class Row:
    ref_id: int
    name: str = ""
    received: int = 0
    answered: int = 0
    answered_with_due: int = 0
    on_time: int = 0
    rated: int = 0
    rating_sum: int = 0
    fixed_yes: int = 0
    fixed_no: int = 0
    overdue_now: int = 0  # of the period's cases, overdue today (any stage)
    late_open: int = 0  # of the period's cases, past the follow-up deadline, unanswered
    answer_days: dict = field(default_factory=lambda: defaultdict(int))  # {days: count}

    @property
    def on_time_pct(self) -> int | None:
        """Answered by the deadline, of the cases whose deadline has come (answered, or
        still unanswered past it)."""
        judged = self.answered_with_due + self.late_open
        return round(100 * self.on_time / judged) if judged else None

    @property
    def median_days(self) -> float | None:
        return median_of(self.answer_days)

    @property
    def fixed_pct(self) -> int | None:
        asked = self.fixed_yes + self.fixed_no
        return round(100 * self.fixed_yes / asked) if asked else None

    @property
    def rating(self) -> float | None:
        return self.rating_sum / self.rated if self.rated else None


def performance_tables(*, period: str = "30", today: date | None = None) -> dict:
    """The two tables of a period, busiest first, with the period and the roll-up time.

    Cached until the roll-up is rebuilt (the worker's cursor) or the day changes: every
    figure, the live overdue counts included, only moves with a change of a complaint
    (which the next roll-up run follows) or with the date."""
    today = today or timezone.localdate()
    as_of = RollupCursor.objects.filter(name="complaints").values_list("rebuilt_at",
                                                                       flat=True).first()
    key = f"complaints:performance:{period}:{today}:{as_of and as_of.timestamp()}"
    tables = cache.get(key)
    if tables is None:
        tables = _compute(period, today)
        cache.set(key, tables, CACHE_SECONDS)
    return {**tables, "as_of": as_of}


def _compute(period: str, today: date) -> dict:
    first, last = period_days(period, today)
    return {"period": period, **tables_between(first, last, today=today)}


def tables_between(first: date, last: date, *, today: date) -> dict:
    """The two tables for the complaints received from `first` to `last` (local days), read
    from the roll-up, with the cases overdue on `today`; uncached."""
    rows = {kind: {ref: Row(ref_id=ref, **counts)
                   for ref, counts in period_sums(kind, first, last).items()}
            for kind in ("agency", "kelurahan")}
    start, end = days_range(first, last, timezone.get_current_timezone())
    period_cases = Complaint.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    # One grouped query per clock for both tables (each read from its own index alone):
    # overdue now, and unanswered past the follow-up deadline (part of the on-time
    # share's denominator).
    for statuses, due in CLOCKS:
        # Past the follow-up deadline and not answered yet (a case reopened after an answer
        # is already judged by that answer); counting an indexed column keeps the scan on
        # the index.
        unanswered = Q(answered_at__isnull=True) if statuses == FOLLOWING_UP else Q(pk__in=[])
        for agency_id, kelurahan_id, overdue, late in (
                period_cases.filter(status__in=statuses, **{f"{due}__lt": today}).order_by()
                .values_list("agency_id", "kelurahan_id")
                .annotate(n=Count("submitted_at"),
                          late=Count("submitted_at", filter=unanswered))):
            for kind, ref in (("agency", agency_id or 0), ("kelurahan", kelurahan_id or 0)):
                row = rows[kind].setdefault(ref, Row(ref_id=ref))
                row.overdue_now += overdue
                row.late_open += late
    names = {"agency": dict(Agency.objects.filter(pk__in=rows["agency"])
                            .values_list("pk", "name")),
             "kelurahan": dict(Area.objects.filter(pk__in=rows["kelurahan"])
                               .values_list("pk", "name"))}
    for kind in rows:
        for ref, row in rows[kind].items():
            row.name = names[kind].get(ref, "")
            row.answer_days = dict(row.answer_days)  # picklable for the cache
    return {"first": first, "last": last,
            "agencies": _ordered(rows["agency"]), "kelurahan": _ordered(rows["kelurahan"])}


def _ordered(rows: dict[int, Row]) -> list[Row]:
    return sorted(rows.values(), key=lambda r: (r.ref_id == 0, -r.received, r.name))
