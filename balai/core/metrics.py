"""Prometheus metrics (DESIGN.md §7): gauges read from the database at scrape time.

Each app that has something to report keeps a `metrics.py` with functions decorated by
`@gauge`; they are found the way the worker finds `tasks.py` (one import per app). A gauge
returns `(labels, value)` pairs. Scrapes are cheap aggregate queries, never a row walk.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps

Sample = tuple[dict[str, str], float]


@dataclass(frozen=True)
class Gauge:
    name: str
    help: str
    collect: Callable[[], Iterable[Sample]]


REGISTRY: dict[str, Gauge] = {}
_discovered = False


def gauge(name: str, help: str):  # noqa: A002 - Prometheus calls it HELP
    """Register `func` as the collector of the gauge `name` (prefix it with balai_)."""

    def decorator(func: Callable[[], Iterable[Sample]]):
        REGISTRY[name] = Gauge(name=name, help=help, collect=func)
        return func

    return decorator


def discover() -> None:
    global _discovered
    if _discovered:
        return
    for app in apps.get_app_configs():
        if app.name.startswith("balai.") and importlib.util.find_spec(f"{app.name}.metrics"):
            importlib.import_module(f"{app.name}.metrics")
    _discovered = True


def _label_value(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def exposition(gauges: Iterable[Gauge]) -> str:
    """The Prometheus text format (version 0.0.4) for `gauges`."""
    lines: list[str] = []
    for g in sorted(gauges, key=lambda g: g.name):
        lines.append(f"# HELP {g.name} {g.help}")
        lines.append(f"# TYPE {g.name} gauge")
        for labels, value in g.collect():
            if value is None:
                continue
            body = ",".join(f'{k}="{_label_value(v)}"' for k, v in sorted(labels.items()))
            lines.append(f"{g.name}{{{body}}} {_number(value)}" if body
                         else f"{g.name} {_number(value)}")
    return "\n".join(lines) + "\n"


@gauge("balai_tasks_queued", "Background tasks waiting for a worker.")
def _tasks_queued():
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    return [({}, DBTaskResult.objects.filter(status="READY").count())]


@gauge("balai_tasks_running", "Background tasks a worker is running now, and those "
       "running longer than TASKS_RUNNING_LIMIT_S (their worker was most likely killed; the "
       "worker's sweep fails and requeues them).")
def _tasks_running():
    from datetime import timedelta  # noqa: PLC0415

    from django.conf import settings  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    running = DBTaskResult.objects.filter(status="RUNNING")
    cutoff = timezone.now() - timedelta(seconds=settings.TASKS_RUNNING_LIMIT_S)
    return [({"age": "any"}, running.count()),
            ({"age": "over_limit"}, running.filter(started_at__lt=cutoff).count())]


@gauge("balai_tasks_oldest_queued_seconds",
       "Age of the oldest task waiting for a worker (absent when none waits).")
def _tasks_oldest():
    from balai.core.selectors import oldest_queued_task_age  # noqa: PLC0415

    return [({}, oldest_queued_task_age())]
