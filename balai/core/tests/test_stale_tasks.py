"""A task whose worker was killed mid-run does not stay RUNNING for ever (issue 12)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from balai.core.services import WORKER_LOST, tasks_reclaim_stale

pytestmark = pytest.mark.django_db


def _running(task_path: str, started_ago: timedelta) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status="RUNNING", args_kwargs={"args": [41], "kwargs": {}}, task_path=task_path,
        backend_name="default", run_after=now - started_ago,
        started_at=now - started_ago, worker_ids=["web1-123"])


def test_a_task_running_past_the_limit_is_failed_with_the_reason_and_queued_again(settings):
    settings.TASKS_RUNNING_LIMIT_S = 600
    lost = _running("balai.complaints.tasks.process_photo", timedelta(minutes=11))
    busy = _running("balai.complaints.tasks.process_photo", timedelta(minutes=2))

    assert tasks_reclaim_stale(now=timezone.now()) == 1

    lost.refresh_from_db()
    busy.refresh_from_db()
    assert lost.status == "FAILED" and lost.exception_class_path == WORKER_LOST
    assert "web1-123" in lost.traceback and "queued again" in lost.traceback
    assert busy.status == "RUNNING"
    again = DBTaskResult.objects.get(status="READY")
    assert again.task_path == lost.task_path and again.args_kwargs == lost.args_kwargs


def test_a_second_sweep_queues_nothing_twice(settings):
    settings.TASKS_RUNNING_LIMIT_S = 600
    _running("balai.notifications.tasks.deliver_outbox", timedelta(hours=3))
    now = timezone.now()
    assert tasks_reclaim_stale(now=now) == 1
    assert tasks_reclaim_stale(now=now) == 0
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_a_task_of_another_package_is_failed_but_not_rerun(settings):
    settings.TASKS_RUNNING_LIMIT_S = 60
    _running("somewhere.else.task", timedelta(minutes=5))
    assert tasks_reclaim_stale(now=timezone.now()) == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_metrics_count_the_tasks_running_past_the_limit(client, settings):
    settings.TASKS_RUNNING_LIMIT_S = 600
    _running("balai.complaints.tasks.process_photo", timedelta(minutes=20))
    _running("balai.complaints.tasks.process_photo", timedelta(minutes=1))
    body = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    assert 'balai_tasks_running{age="any"} 2' in body
    assert 'balai_tasks_running{age="over_limit"} 1' in body
