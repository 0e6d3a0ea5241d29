from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from balai.core import periodic
from balai.notifications.models import Outbox
from balai.notifications.services import notification_enqueue, outbox_sweep
from balai.notifications.tasks import deliver_outbox, sweep_outbox
from balai.notifications.tests.factories import OutboxFactory


def run_worker():
    """The django-tasks-db worker in batch mode: run what is ready, then return."""
    Worker(queue_names=["*"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="notifications-test",
           excluded_queue_names=[]).run()


def deliver_rows():
    return DBTaskResult.objects.filter(task_path=deliver_outbox.module_path)


@pytest.mark.django_db(transaction=True)
def test_the_delivery_task_runs_on_the_database_backend_and_sends(mailoutbox):
    outbox = notification_enqueue(channel="email", recipient="siti@example.id",
                                  template="uji_kirim", context={"saluran": "e-mail"})
    [row] = deliver_rows()
    assert row.status == "READY" and row.args_kwargs == {"args": [outbox.pk], "kwargs": {}}

    run_worker()

    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert row.return_value == "sent"
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.SENT
    [message] = mailoutbox
    assert message.subject == "Uji kirim notifikasi — Diskominfo Kota Malang"
    assert message.to == ["siti@example.id"]
    assert "saluran notifikasi e-mail sudah berfungsi" in message.body
    assert message.alternatives[0][1] == "text/html"


@pytest.mark.django_db(transaction=True)
def test_db_worker_command_runs_the_task(mailoutbox):
    notification_enqueue(channel="email", recipient="siti@example.id", template="uji_kirim",
                         context={})
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay",
                 "--no-reload", verbosity=0)
    assert len(mailoutbox) == 1
    assert Outbox.objects.get().status == Outbox.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_a_failed_send_is_retried_by_a_deferred_task(providers):
    providers.reply(503, {"error": "busy"})
    providers.reply(200, {"ok": True, "result": {"message_id": 7}})
    outbox = notification_enqueue(channel="telegram", recipient="-100123",
                                  template="pesan_umum", context={"pesan": "Uji"})
    run_worker()
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.QUEUED and outbox.attempts == 1
    retry = deliver_rows().get(status="READY")
    assert retry.run_after == outbox.next_attempt_at

    run_worker()  # not due yet: the worker leaves it alone
    assert len(providers.requests) == 1

    with time_machine.travel(outbox.next_attempt_at + timedelta(seconds=1), tick=False):
        run_worker()
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.SENT and outbox.provider_message_id == "7"
    assert len(providers.requests) == 2


@pytest.mark.django_db(transaction=True)
def test_the_task_of_an_already_sent_row_does_nothing(mailoutbox):
    outbox = OutboxFactory(status=Outbox.Status.SENT)
    result = deliver_outbox.enqueue(outbox.pk)
    run_worker()
    assert DBTaskResult.objects.get(id=result.id).return_value is None
    assert mailoutbox == []


def test_the_sweep_is_registered_with_the_worker_every_30_seconds():
    job = periodic.REGISTRY["notifications.outbox_sweep"]
    assert job.every == timedelta(seconds=30)
    assert job.func is sweep_outbox


@pytest.mark.django_db(transaction=True)
def test_the_worker_sweep_recovers_a_stuck_row_and_its_task_sends_it(mailoutbox):
    OutboxFactory(status=Outbox.Status.SENDING, attempts=1,
                  locked_at=timezone.now() - timedelta(minutes=30))
    assert sweep_outbox() == "recovered 1, failed 0, requeued 0"
    assert sweep_outbox() is None  # idle sweeps stay quiet in the worker log
    run_worker()
    outbox = Outbox.objects.get()
    assert outbox.status == Outbox.Status.SENT and outbox.attempts == 2
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_balai_worker_once_runs_the_sweep_and_the_tasks(mailoutbox, monkeypatch):
    OutboxFactory(enqueued_at=None, next_attempt_at=timezone.now() - timedelta(hours=1))
    monkeypatch.setattr(periodic.REGISTRY["notifications.outbox_sweep"], "last_period", None)
    call_command("worker", "--once")
    assert Outbox.objects.get().status == Outbox.Status.SENT
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_with_the_immediate_backend_sends_at_commit_and_the_sweep_retries(settings, providers):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    providers.reply(500, {"error": "down"})
    providers.reply(200, {"ok": True, "result": {"message_id": 9}})
    outbox = notification_enqueue(channel="telegram", recipient="-100123",
                                  template="uji_kirim", context={})
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.QUEUED and outbox.attempts == 1
    assert not DBTaskResult.objects.exists()  # no deferred task on this backend

    sweep_at = outbox.next_attempt_at + timedelta(minutes=5)
    with time_machine.travel(sweep_at, tick=False):
        assert outbox_sweep(now=sweep_at)["requeued"] == 1
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.SENT and outbox.provider_message_id == "9"
