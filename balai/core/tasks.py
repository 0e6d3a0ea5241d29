"""Core periodic work: tasks whose worker died are not left RUNNING for ever."""

from datetime import timedelta

from django.utils import timezone

from balai.core.periodic import periodic
from balai.core.services import tasks_reclaim_stale


@periodic(name="core.stale_tasks_sweep", every=timedelta(minutes=1))
def stale_tasks_sweep() -> dict:
    return {"tasks_reclaimed": tasks_reclaim_stale(now=timezone.now())}
