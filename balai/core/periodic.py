"""Periodic jobs run by `balai worker` between queued tasks.

Apps register their sweeps at import time of their `tasks.py` (imported from
AppConfig.ready()). Time is cut into periods of each job's interval counted from the Unix
epoch, the same on every host; every worker tries a job once per period and the one whose
claim moves the job's `PeriodicClaim.period` forward runs it (`claim_period`), so with
several workers a sweep still runs once per period (issue 21). A job must still be
idempotent (a claimed run may die half-way and the next period does it again), so it
claims rows with a conditional UPDATE (STYLE.md, Side effects).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import F, Model, QuerySet


@dataclass
class PeriodicJob:
    name: str
    every: timedelta
    func: Callable[[], object]
    last_period: int | None = field(default=None)  # the last period this process tried


REGISTRY: dict[str, PeriodicJob] = {}


def periodic(*, name: str, every: timedelta):
    """Register `func` to run once every `every`, by one of the workers."""

    def decorator(func: Callable[[], object]) -> Callable[[], object]:
        REGISTRY[name] = PeriodicJob(name=name, every=every, func=func)
        return func

    return decorator


def period_of(now_epoch: float, every: timedelta, scale: float = 1.0) -> int:
    """The number of the period of length `every` × `scale` that `now_epoch` falls in."""
    return int(now_epoch // max(every.total_seconds() * scale, 0.001))


def on_sweep_clock(window: timedelta) -> timedelta:
    """A sweep's fixed waiting window (how long a row waits before it counts as lost, so
    the queued task goes first) scaled by PERIODIC_INTERVAL_SCALE as the sweeps' periods
    are: at 0.1 (`make demo-cluster`) a lost photo is taken up within a tenth of the time,
    not after the production two minutes while its sweep already runs every 6 s. Leases
    (how long a piece of work may take) are not on this clock: work is not faster there."""
    from django.conf import settings

    return window * settings.PERIODIC_INTERVAL_SCALE


def due_jobs(now_epoch: float, scale: float = 1.0) -> list[tuple[PeriodicJob, int]]:
    """The jobs this process has not yet tried in the current period, with that period."""
    due = []
    for job in REGISTRY.values():
        period = period_of(now_epoch, job.every, scale)
        if job.last_period is None or period > job.last_period:
            due.append((job, period))
    return due


def claim_period(job: PeriodicJob, period: int, *, worker: str) -> bool:
    """Claim `period` of `job` for this worker; False when another worker has it (or a
    later one). One conditional UPDATE, on the row made the first time the job is seen."""
    from django.utils import timezone

    from balai.core.models import PeriodicClaim

    PeriodicClaim.objects.get_or_create(name=job.name)
    return bool(PeriodicClaim.objects.filter(name=job.name, period__lt=period).update(
        period=period, runs=F("runs") + 1, worker=worker[:100], claimed_at=timezone.now()))


def rows_in_batches(queryset: QuerySet, *, size: int = 500) -> Iterator[Model]:
    """The rows of `queryset` in primary-key order, read `size` at a time, each batch in
    full before the first of its rows is handed out: a sweep may write between them.

    Not `.iterator()`: on SQLite its open cursor holds the sweep's read snapshot while it
    writes, and once any other connection has committed since (a log-in, a report), the
    write cannot be built on that snapshot: SQLite answers SQLITE_BUSY_SNAPSHOT at once,
    without the busy timeout, and the sweep died with "database is locked" (issue 12).
    """
    queryset = queryset.order_by("pk")
    last = None
    while True:
        batch = list(queryset.filter(pk__gt=last)[:size] if last is not None
                     else queryset[:size])
        yield from batch
        if len(batch) < size:
            return
        last = batch[-1].pk


def claim_each(selection: QuerySet, act: Callable[[Model], object], *,
               related: tuple[str, ...] = (), **claim) -> int:
    """Claim and act on each row of a sweep's `selection`; returns how many this call took.

    The primary keys are read in full first (no cursor stays open while the sweep writes:
    see rows_in_batches). Then, one transaction per row: a conditional UPDATE that sets
    `claim` where the selection still holds, and, only if it did, `act(row)` (audit entry,
    outbox message) on the fresh row, `related` joined. Two workers sweeping at once never
    act twice, and a row that moved on since the selection (answered, extended, verified)
    is left alone.
    """
    from django.db import transaction

    done = 0
    for pk in list(selection.values_list("pk", flat=True)):
        with transaction.atomic():
            if not selection.filter(pk=pk).update(**claim):
                continue
            act(selection.model._default_manager.select_related(*related).get(pk=pk))
        done += 1
    return done


def recompute_rows(queryset: QuerySet, recompute: Callable[[Model], object],
                   fields: tuple[str, ...], *, size: int = 500) -> int:
    """Run `recompute(row)` (which sets `fields` on the row) over every row of `queryset`,
    read in batches, and save those whose `fields` changed, `size` at a time; returns how
    many rows were read. For stored values derived from data that changed elsewhere (the
    alarm days after a holiday was added)."""
    model = queryset.model
    changed, seen = [], 0
    for row in rows_in_batches(queryset, size=size):
        seen += 1
        before = [getattr(row, f) for f in fields]
        recompute(row)
        if [getattr(row, f) for f in fields] != before:
            changed.append(row)
        if len(changed) >= size:
            model._default_manager.bulk_update(changed, fields)
            changed = []
    model._default_manager.bulk_update(changed, fields)
    return seen

