from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from balai.core import periodic
from balai.core.models import Holiday
from balai.core.periodic import rows_in_batches
from balai.core.tests.sample_tasks import remember


@pytest.fixture
def sweep_registry():
    saved = dict(periodic.REGISTRY)
    yield periodic.REGISTRY
    periodic.REGISTRY.clear()
    periodic.REGISTRY.update(saved)


@pytest.mark.django_db(transaction=True)
def test_worker_runs_queued_tasks_and_due_sweeps(sweep_registry):
    calls = []
    periodic.periodic(name="tests.sweep", every=timedelta(minutes=5))(lambda: calls.append(1))
    result = remember.enqueue("worker-test", "ran")
    assert DBTaskResult.objects.get(id=result.id).status == "READY"

    call_command("worker", "--once")

    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert cache.get("worker-test") == "ran"
    assert calls == [1]


def test_a_sweep_runs_again_only_after_its_interval(sweep_registry):
    job_fn = periodic.periodic(name="tests.hourly", every=timedelta(hours=1))(lambda: None)
    job = sweep_registry["tests.hourly"]
    assert job.func is job_fn
    assert job in periodic.due_jobs(1000.0)
    job.last_run = 1000.0
    assert job not in periodic.due_jobs(1000.0 + 3599)
    assert job in periodic.due_jobs(1000.0 + 3600)


@pytest.mark.django_db(transaction=True)
def test_a_failing_sweep_does_not_stop_the_queue(sweep_registry):
    def broken():
        raise RuntimeError("boom")

    periodic.periodic(name="tests.broken", every=timedelta(minutes=1))(broken)
    result = remember.enqueue("worker-test-2", "still ran")
    call_command("worker", "--once")
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"


@pytest.mark.django_db
def test_a_sweep_reads_its_rows_in_whole_batches_and_misses_none():
    for day in range(1, 8):
        Holiday.objects.create(date=date(2026, 3, day), name=f"Libur {day}")
    seen = []
    for holiday in rows_in_batches(Holiday.objects.all(), size=3):
        seen.append(holiday.date.day)
        # A write between rows: the next batch is read after it, and nothing is skipped.
        Holiday.objects.filter(pk=holiday.pk).update(name="dibaca")
    assert seen == [1, 2, 3, 4, 5, 6, 7]
    assert not Holiday.objects.exclude(name="dibaca").exists()
