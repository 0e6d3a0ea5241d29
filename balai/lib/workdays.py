"""Working-day arithmetic: pure, no Django, no clock (DESIGN.md §3).

Conventions (DESIGN.md §3, as Alaveteli counts them):
- the start day is day 0; `add_workdays(start, n)` is the n-th working day after it;
- `workdays_between(a, b)` counts the working days after `a` up to and including `b`,
  so `workdays_between(d, add_workdays(d, n)) == n` for every working day `d`;
- a start that is not a working day behaves as if the clock started on it: the working
  days are still counted after it, and `add_workdays(start, 0)` rolls forward to the next
  working day, because a due date never falls on a non-working day.

Everything is O(log holidays + holidays in the span): weeks are skipped with arithmetic and
holidays are found by bisection, so n of several hundred costs no more than n of ten.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from types import MappingProxyType

SATURDAY, SUNDAY = 5, 6
# Reasons are shown to citizens and staff, so they are in Bahasa Indonesia.
WEEKDAY_NAMES_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class SkippedDay:
    """A day the clock did not count, with the reason in Bahasa Indonesia (DESIGN.md §3)."""

    date: date
    reason: str

    def as_dict(self) -> dict:
        return {"date": self.date.isoformat(), "reason": self.reason}


@dataclass(frozen=True)
class Deadline:
    """A due date and how it was reached: day 0, n working days, the days skipped (§3)."""

    start: date
    workdays: int
    due: date
    skipped: tuple[SkippedDay, ...] = ()

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "skipped": [day.as_dict() for day in self.skipped],
        }


@dataclass(frozen=True)
class WorkCalendar:
    """Non-working days (date -> reason) plus weekend weekdays; immutable (DESIGN.md §3)."""

    holidays: Mapping[date, str] = field(default_factory=dict)
    weekend: frozenset[int] = frozenset({SATURDAY, SUNDAY})
    # Holidays that fall on a weekday that would otherwise be worked, sorted for bisection.
    _extra: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weekend = frozenset(self.weekend)
        if not weekend <= set(range(7)):
            raise ValueError("weekend holds weekday numbers 0 (Monday) to 6 (Sunday)")
        if len(weekend) == 7:
            raise ValueError("a calendar needs at least one working weekday")
        holidays = MappingProxyType(dict(self.holidays))
        object.__setattr__(self, "weekend", weekend)
        object.__setattr__(self, "holidays", holidays)
        object.__setattr__(
            self, "_extra", tuple(sorted(d for d in holidays if d.weekday() not in weekend))
        )

    def __hash__(self) -> int:
        return hash((self.weekend, tuple(sorted(self.holidays.items()))))

    @classmethod
    def from_days(cls, days: Iterable[tuple[date, str]], *,
                  weekend: Iterable[int] = (SATURDAY, SUNDAY)) -> WorkCalendar:
        """Build a calendar from (date, reason) pairs; reasons of one date are joined."""
        merged: dict[date, str] = {}
        for day, reason in days:
            if day in merged and reason not in merged[day].split("; "):
                merged[day] = f"{merged[day]}; {reason}"
            else:
                merged.setdefault(day, reason)
        return cls(holidays=merged, weekend=frozenset(weekend))

    def merged(self, days: Iterable[tuple[date, str]]) -> WorkCalendar:
        """This calendar plus more non-working days (e.g. rows an admin entered)."""
        return WorkCalendar.from_days([*self.holidays.items(), *days], weekend=self.weekend)

    @property
    def workdays_per_week(self) -> int:
        return 7 - len(self.weekend)

    def is_workday(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def reason(self, day: date) -> str | None:
        """Why `day` is not worked, in Bahasa Indonesia; None for a working day."""
        name = self.holidays.get(day)
        weekend = day.weekday() in self.weekend
        if name and weekend:
            return f"{name} ({WEEKDAY_NAMES_ID[day.weekday()]})"
        if name:
            return name
        if weekend:
            return WEEKDAY_NAMES_ID[day.weekday()]
        return None

    # Weekday-only arithmetic; holidays are corrected for by the public functions.

    def _weekdays_after(self, a: date, b: date) -> int:
        """Days in (a, b] that are not weekend days."""
        weeks, rest = divmod((b - a).days, 7)
        count = weeks * self.workdays_per_week
        day = a + timedelta(weeks=weeks)
        for _ in range(rest):
            day += _DAY
            if day.weekday() not in self.weekend:
                count += 1
        return count

    def _add_weekdays(self, start: date, n: int) -> date:
        """The n-th (n >= 1) non-weekend day after start."""
        weeks, rest = divmod(n, self.workdays_per_week)
        if rest == 0:
            # Land on a counted day, not on start's weekday (which may be a weekend day).
            weeks, rest = weeks - 1, self.workdays_per_week
        day = start + timedelta(weeks=weeks)
        while rest:
            day += _DAY
            if day.weekday() not in self.weekend:
                rest -= 1
        return day

    def _holidays_after(self, a: date, b: date) -> int:
        """Holidays on otherwise-working weekdays in (a, b]."""
        return bisect.bisect_right(self._extra, b) - bisect.bisect_right(self._extra, a)


def next_workday(day: date, calendar: WorkCalendar) -> date:
    """The first working day strictly after `day` (DESIGN.md §3)."""
    return add_workdays(day, 1, calendar)


def add_workdays(start: date, n: int, calendar: WorkCalendar) -> date:
    """The n-th working day after `start` (day 0); n=0 rolls a non-working start forward (§3)."""
    if n < 0:
        raise ValueError("n must be zero or more working days")
    if n == 0:
        return start if calendar.is_workday(start) else add_workdays(start, 1, calendar)
    day, remaining = start, n
    while remaining:
        # Step over weekends by arithmetic, then give back one step per holiday we crossed;
        # each round crosses fewer holidays, so this ends after at most `holidays` rounds.
        target = calendar._add_weekdays(day, remaining)
        remaining = calendar._holidays_after(day, target)
        day = target
    return day


def workdays_between(a: date, b: date, calendar: WorkCalendar) -> int:
    """Working days after `a` up to and including `b`; negative when b < a (DESIGN.md §3)."""
    if b < a:
        return -workdays_between(b, a, calendar)
    return calendar._weekdays_after(a, b) - calendar._holidays_after(a, b)


def skipped_days(start: date, due: date, calendar: WorkCalendar) -> list[SkippedDay]:
    """Every weekend day and holiday after `start` up to `due`, with its reason (§3)."""
    # One pass over the span: it is as long as the explanation a person reads anyway.
    skipped: list[SkippedDay] = []
    day = start + _DAY
    while day <= due:
        reason = calendar.reason(day)
        if reason is not None:
            skipped.append(SkippedDay(day, reason))
        day += _DAY
    return skipped


# How the `holidays` package names a holiday whose date is not fixed yet (Islamic holidays
# of future years, before the government's decree), in Bahasa Indonesia.
ESTIMATED_MARK = "(perkiraan)"


def estimated_near(start: date, due: date, calendar: WorkCalendar, *,
                   margin: int = 3) -> list[SkippedDay]:
    """Holidays only estimated so far that fall within `margin` days of the span from
    `start` to `due`: when the government fixes them a day earlier or later, the due date
    may move (DESIGN.md §3)."""
    low, high = start - timedelta(days=margin), due + timedelta(days=margin)
    return [SkippedDay(day, name) for day, name in sorted(calendar.holidays.items())
            if low <= day <= high and ESTIMATED_MARK in name]


def explain(start: date, n: int, calendar: WorkCalendar) -> Deadline:
    """The due date n working days after `start`, with the days skipped (DESIGN.md §3)."""
    due = add_workdays(start, n, calendar)
    return Deadline(start=start, workdays=n, due=due,
                    skipped=tuple(skipped_days(start, due, calendar)))


def clock_start(received_at: datetime, calendar: WorkCalendar, *, office_start: time,
                office_end: time, tz: tzinfo) -> date:
    """Day 0 for something received at `received_at` (office-hours cut-off, DESIGN.md §3).

    The local receipt day is day 0 when it is a working day and the request came in before
    `office_end` (at or after the cut-off counts as after hours). Otherwise day 0 is the
    next working day. Before `office_start` on a working day still counts as that day: the
    office has the whole day to start on it.
    """
    if received_at.tzinfo is None or received_at.utcoffset() is None:
        raise ValueError("received_at must be timezone-aware")
    if not office_start < office_end:
        raise ValueError("office hours must start before they end")
    local = received_at.astimezone(tz)
    day = local.date()
    if not calendar.is_workday(day):
        return add_workdays(day, 0, calendar)
    if local.time().replace(tzinfo=None) >= office_end:
        return next_workday(day, calendar)
    return day


# Reminders and warnings at 80 % of the working days allowed (DESIGN.md §4; Perki 1/2021
# sets no figure, balai uses the same for PPID). As a fraction of integers, so that the
# stored `warn_on` and the live `Clock.warn` can never disagree by a rounding error.
WARN_NUMERATOR, WARN_DENOMINATOR = 4, 5


@dataclass(frozen=True)
class Clock:
    """How far a running deadline has come: one type for complaint SLAs and PPID clocks.

    `elapsed` counts the working days after `start` up to today; the clock is overdue from
    the first working day after `due`, and warns from 80 % of `total` until then.
    """

    start: date
    due: date
    elapsed: int
    total: int

    @property
    def remaining(self) -> int:
        return self.total - self.elapsed

    @property
    def fraction(self) -> float:
        return self.elapsed / self.total if self.total else 1.0

    @property
    def overdue(self) -> bool:
        return self.elapsed > self.total

    @property
    def warn(self) -> bool:
        return (not self.overdue and self.total > 0
                and self.elapsed * WARN_DENOMINATOR >= self.total * WARN_NUMERATOR)


def clock(*, start: date, due: date, today: date, calendar: WorkCalendar) -> Clock:
    """How many of the working days allowed between `start` and `due` have passed by `today`."""
    total = workdays_between(start, due, calendar)
    elapsed = workdays_between(start, today, calendar) if today > start else 0
    return Clock(start=start, due=due, elapsed=elapsed, total=total)


@dataclass(frozen=True)
class Alarms:
    """The days a clock starts to warn and becomes overdue: stored on the case, so that a
    sweep selects `warn_on <= today` on an index instead of recomputing every open row."""

    warn_on: date | None
    overdue_on: date


def alarms(*, start: date, due: date, calendar: WorkCalendar) -> Alarms:
    """The first day on which `clock(...)` warns, and the first on which it is overdue.

    For every day d: `clock(start, due, d).overdue == (d >= overdue_on)` and
    `clock(start, due, d).warn == (warn_on is not None and warn_on <= d < overdue_on)`.
    """
    total = workdays_between(start, due, calendar)
    overdue_on = add_workdays(start, max(total, 0) + 1, calendar)
    if total <= 0:
        return Alarms(warn_on=None, overdue_on=overdue_on)
    threshold = -(-total * WARN_NUMERATOR // WARN_DENOMINATOR)  # ceil(0.8 × total)
    return Alarms(warn_on=add_workdays(start, threshold, calendar), overdue_on=overdue_on)
