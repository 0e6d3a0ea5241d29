from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from balai.core import periodic
from balai.core.models import Holiday, PeriodicClaim
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


def test_a_sweep_is_due_once_in_each_period_of_its_interval(sweep_registry):
    job_fn = periodic.periodic(name="tests.hourly", every=timedelta(hours=1))(lambda: None)
    job = sweep_registry["tests.hourly"]
    assert job.func is job_fn
    assert (job, 2) in periodic.due_jobs(7200.0)
    job.last_period = 2
    assert (job, 2) not in periodic.due_jobs(7200.0 + 3599)
    assert (job, 3) in periodic.due_jobs(7200.0 + 3600)
    # Scaled (the scale-out scenario): periods of 6 minutes.
    assert (job, 31) in periodic.due_jobs(3 * 3600.0 + 360.0, scale=0.1)


@pytest.mark.django_db
def test_two_workers_claim_a_period_once_and_the_next_period_again(sweep_registry):
    periodic.periodic(name="tests.claimed", every=timedelta(minutes=1))(lambda: None)
    job = sweep_registry["tests.claimed"]

    assert periodic.claim_period(job, 100, worker="web1-1")
    assert not periodic.claim_period(job, 100, worker="web2-2")
    assert not periodic.claim_period(job, 99, worker="web2-2")  # a late clock takes nothing
    assert periodic.claim_period(job, 101, worker="web2-2")

    claim = PeriodicClaim.objects.get(name="tests.claimed")
    assert (claim.period, claim.runs, claim.worker) == (101, 2, "web2-2")


@pytest.mark.django_db(transaction=True)
def test_a_second_worker_skips_a_sweep_the_first_ran_this_period(sweep_registry):
    calls = []
    periodic.periodic(name="tests.once", every=timedelta(hours=1))(lambda: calls.append(1))

    call_command("worker", "--once")
    sweep_registry["tests.once"].last_period = None  # as a fresh process on another host
    call_command("worker", "--once")

    assert calls == [1]
    assert PeriodicClaim.objects.get(name="tests.once").runs == 1


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
