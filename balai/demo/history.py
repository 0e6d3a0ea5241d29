"""The demo's cases happened in the past: their audit trail says when.

The services record each step at the moment they run. The demo replays weeks of history
in seconds, so every step it takes is wrapped in `happened_at(moment)`, which dates the
audit entries (and the case's own new rows: messages, objections) written inside it to the
story's moment. Only the demo does this, to rows it made a moment before.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from balai.core.models import AuditEntry


@dataclass
class Loaded:
    """What one demo loader made: how many cases, and the codes of those its story means to
    be past their deadline now (all others are within it)."""

    created: int = 0
    late: list[str] = field(default_factory=list)


@contextmanager
def happened_at(moment: datetime, *models):
    """Date the audit entries (and the new rows of `models`) written inside to `moment`."""
    tracked = (AuditEntry, *models)
    last = {m: m.objects.aggregate(last=Max("pk"))["last"] or 0 for m in tracked}
    yield
    for model in tracked:
        model.objects.filter(pk__gt=last[model]).update(created_at=moment)


def sweep_on_the_days(sweep, model, alarm_day) -> None:
    """Run a deadline sweep as the worker would have run it through the story: each audit
    entry it writes about a `model` row is dated 07:00 on the day that alarm fell,
    `alarm_day(row, entry)`, not the moment the demo was loaded."""
    from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415

    last = AuditEntry.objects.aggregate(last=Max("id"))["last"] or 0
    sweep()
    kind = ContentType.objects.get_for_model(model)
    for entry in AuditEntry.objects.filter(pk__gt=last, content_type=kind):
        row = model.objects.filter(pk=int(entry.object_id)).first()
        day = alarm_day(row, entry) if row is not None else None
        if day is not None:
            AuditEntry.objects.filter(pk=entry.pk).update(created_at=at(day, 7))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """That local day at that hour, but never later than now."""
    return min(timezone.make_aware(datetime.combine(day, time(hour, minute))), timezone.now())


def workdays_ago(n: int, *, today: date, calendar) -> date:
    """The working day `n` working days before `today` (today itself if n is 0 and it works)."""
    day = today
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    for _i in range(n):
        day -= timedelta(days=1)
        while not calendar.is_workday(day):
            day -= timedelta(days=1)
    return day
