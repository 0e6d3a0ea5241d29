"""Periodic jobs run by `balai worker` between queued tasks.

Apps register their sweeps at import time of their `tasks.py` (imported from
AppConfig.ready()). A job must be idempotent: two workers may run it at once, so it
claims rows with a conditional UPDATE (STYLE.md, Side effects).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta


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
