"""Periodic jobs run by `balai worker` between queued tasks.

Apps register their sweeps at import time of their `tasks.py` (imported from
AppConfig.ready()). A job must be idempotent: two workers may run it at once, so it
claims rows with a conditional UPDATE (STYLE.md, Side effects).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Model, QuerySet


@dataclass
class PeriodicJob:
    name: str
    every: timedelta
    func: Callable[[], object]
    last_run: float | None = field(default=None)


REGISTRY: dict[str, PeriodicJob] = {}


def periodic(*, name: str, every: timedelta):
    """Register `func` to run every `every` in each worker process."""

    def decorator(func: Callable[[], object]) -> Callable[[], object]:
        REGISTRY[name] = PeriodicJob(name=name, every=every, func=func)
        return func

    return decorator


def due_jobs(now_monotonic: float) -> list[PeriodicJob]:
    """The jobs whose interval has passed since their last run in this process."""
    return [job for job in REGISTRY.values()
            if job.last_run is None or now_monotonic - job.last_run >= job.every.total_seconds()]


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
