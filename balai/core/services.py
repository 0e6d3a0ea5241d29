"""Core writes that belong to no domain app."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from balai.core.periodic import rows_in_batches

logger = logging.getLogger("balai.worker")

WORKER_LOST = "balai.core.WorkerLost"


def tasks_reclaim_stale(*, now: datetime) -> int:
    """Fail the tasks RUNNING longer than TASKS_RUNNING_LIMIT_S, whose worker was killed
    mid-task, and queue each again: every balai task loads its row by key and calls one
    idempotent service (STYLE.md, Side effects), so running it twice does no harm.

    Each row is claimed with a conditional UPDATE, so two workers never queue it twice.
    """
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 - only with that backend

    cutoff = now - timedelta(seconds=settings.TASKS_RUNNING_LIMIT_S)
    stale = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=cutoff)
    reclaimed = 0
    for row in rows_in_batches(stale):
        reason = (f"Worker lost: the task was still running {now - row.started_at} after it "
                  f"started on {', '.join(row.worker_ids) or 'an unknown worker'} "
                  f"(limit {settings.TASKS_RUNNING_LIMIT_S} s); it was queued again.")
        with transaction.atomic():
            won = DBTaskResult.objects.filter(pk=row.pk, status="RUNNING").update(
                status="FAILED", finished_at=now, exception_class_path=WORKER_LOST,
                traceback=reason)
            if not won:
                continue
            if row.task_path.startswith("balai."):
                DBTaskResult.objects.create(
                    status="READY", args_kwargs=row.args_kwargs, priority=row.priority,
                    task_path=row.task_path, queue_name=row.queue_name,
                    backend_name=row.backend_name, run_after=now)
        logger.warning("reclaimed task %s (%s): %s", row.pk, row.task_path, reason)
        reclaimed += 1
    return reclaimed
