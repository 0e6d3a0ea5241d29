"""Calendar days as timestamp ranges (pure).

A filter such as "received from 1 to 30 November" must compare the stored timestamps with
the first instant of the first day and the first instant after the last day, in the
office's time zone. Casting each row's timestamp to a date instead (`__date`) cannot use
an index and reads the whole table.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo


def day_start(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def days_range(first: date | None, last: date | None,
               tz: tzinfo) -> tuple[datetime | None, datetime | None]:
    """[start, end) covering the whole local days first..last; None where open-ended."""
    start = day_start(first, tz) if first else None
    # The last day of the calendar has no day after it: the range is then open-ended.
    end = day_start(last + timedelta(days=1), tz) if last and last < date.max else None
    return start, end
