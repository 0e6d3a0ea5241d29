import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from balai.core.audit import audit_trail
from balai.core.tests.concurrency import needs_concurrent_writers, run_at_once
from balai.notifications import services, transports
from balai.notifications.models import Outbox
from balai.notifications.services import (
    notification_enqueue,
    notification_recipient_clean,
    outbox_deliver,
    outbox_retry,
    outbox_sweep,
    retry_delay,
)
from balai.notifications.tests.factories import OutboxFactory
from balai.notifications.transports import TransportError

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


class StubTransport:
    """Stands in for a provider: records sends, fails with the queued errors first."""

    def __init__(self):
        self.sent: list[int] = []
        self.errors: list[Exception] = []
        self.during_send = None

    def send(self, outbox):
        if self.during_send:
            self.during_send(outbox)
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(outbox.pk)
        return f"stub-{outbox.pk}"


@pytest.fixture
def stub(monkeypatch):
    stub = StubTransport()
    for channel in Outbox.Channel.values:
        monkeypatch.setitem(transports.TRANSPORTS, channel, lambda: stub)
    return stub


def enqueue(**overrides):
    kwargs = {"channel": "email", "recipient": "siti@example.id", "template": "pesan_umum",
              "context": {"nama": "Siti", "judul": "Pengaduan diterima",
                          "pesan": "Pengaduan ADU-2026-000123 sudah kami terima."}}
    return notification_enqueue(**(kwargs | overrides))


def task_rows_for(outbox):
    return [row for row in DBTaskResult.objects.all()
            if row.task_path.endswith("deliver_outbox") and row.args_kwargs["args"] == [outbox.pk]]


# --- enqueue ---------------------------------------------------------------------------

def test_enqueue_renders_templates_and_queues_the_task_in_the_callers_transaction(
        db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outbox = enqueue()
        # The queue is a table of the same database: the task row is written with the
        # message, in the caller's transaction; nothing waits for the commit.
        assert len(task_rows_for(outbox)) == 1
    assert callbacks == []
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.QUEUED
    assert outbox.subject == "Pengaduan diterima — Diskominfo Kota Malang"
    assert "Yth. Siti," in outbox.body_text
    assert "ADU-2026-000123" in outbox.body_text
    assert "<html" in outbox.body_html and "ADU-2026-000123" in outbox.body_html
    assert outbox.attempts == 0 and outbox.max_attempts == 6
    assert outbox.enqueued_at is not None
    [row] = task_rows_for(outbox)
    assert row.status == "READY"


def test_enqueue_rolled_back_queues_nothing(db, django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True) as callbacks,
          pytest.raises(RuntimeError), transaction.atomic()):
        enqueue()
        raise RuntimeError("the case save failed")
    assert callbacks == []
    assert not Outbox.objects.exists()
    assert not [row for row in DBTaskResult.objects.all()
                if row.task_path.endswith("deliver_outbox")]  # rolled back with it


def test_same_dedupe_key_never_queues_twice(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = enqueue(dedupe_key="complaint:123:received:email")
        second = enqueue(dedupe_key="complaint:123:received:email")
    assert first.pk == second.pk
    assert Outbox.objects.count() == 1
    assert len(task_rows_for(first)) == 1 and callbacks == []


def test_dedupe_key_is_unique_in_the_database_but_empty_keys_are_not(db):
    OutboxFactory(dedupe_key=None)
    OutboxFactory(dedupe_key=None)
    OutboxFactory(dedupe_key="k1")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxFactory(dedupe_key="k1")
    assert Outbox.objects.count() == 3


def test_losing_the_dedupe_race_returns_the_winner(db, monkeypatch):
    winner = OutboxFactory(dedupe_key="race")
    real_filter = Outbox.objects.filter
    calls = []

    def filter_missing_first_time(*args, **kwargs):
        calls.append(kwargs)
        if len(calls) == 1:  # the other process inserts between our check and our insert
            return Outbox.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Outbox.objects, "filter", filter_missing_first_time)
    assert enqueue(dedupe_key="race").pk == winner.pk
    assert real_filter(dedupe_key="race").count() == 1


@pytest.mark.parametrize(("channel", "recipient", "code", "message"), [
    ("email", "bukan-email", "invalid_email", "alamat e-mail yang benar"),
    ("whatsapp", "12ab", "invalid_phone", "nomor ponsel yang benar"),
    ("sms", "0812", "invalid_phone", "nomor ponsel yang benar"),
    ("telegram", "grup warga", "invalid_chat", "id obrolan Telegram"),
    ("webhook", "ftp://example.id/hook", "invalid_url", "alamat webhook"),
    ("email", "  ", "required", "Isi penerima pesan"),
])
def test_a_recipient_of_the_wrong_shape_is_refused_in_bahasa_indonesia_and_stored_failed(
        db, channel, recipient, code, message):
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        notification_recipient_clean(channel=channel, recipient=recipient)
    assert caught.value.error_list[0].code == code
    assert message in caught.value.messages[0]
    # Enqueueing it does not raise into the caller's change of state: the message is kept
    # as failed, with the reason, and nothing is delivered.
    with translation.override("id"):
        outbox = enqueue(channel=channel, recipient=recipient)
    assert outbox.status == Outbox.Status.FAILED
    assert message in outbox.last_error
    assert Outbox.objects.filter(status=Outbox.Status.QUEUED).count() == 0


def test_recipient_messages_have_english_msgids(db):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        notification_recipient_clean(channel="whatsapp", recipient="12ab")
    assert caught.value.messages[0].startswith("Enter a valid mobile number")


@pytest.mark.parametrize("number", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890",
                                    "(0812) 3456.7890"])
def test_enqueue_normalises_indonesian_mobile_numbers(db, number):
    outbox = enqueue(channel="whatsapp", recipient=number)
    assert outbox.recipient == "6281234567890"
    assert outbox.body_html == ""  # chat and SMS are plain text


def test_enqueue_accepts_telegram_groups_channels_and_webhooks(db):
    assert enqueue(channel="telegram", recipient="-1001234567890").recipient == "-1001234567890"
    assert enqueue(channel="telegram", recipient="@trc_malang").recipient == "@trc_malang"
    url = "https://hooks.example.id/balai"
    assert enqueue(channel="webhook", recipient=url).recipient == url


@pytest.mark.parametrize("template", ["tidak_ada", "../../admin/base", "pesan_umum/body"])
def test_enqueue_refuses_an_unknown_template(db, template):
    with pytest.raises(ValidationError) as caught:
        enqueue(template=template)
    assert caught.value.error_list[0].code == "invalid_template"
    assert not Outbox.objects.exists()


def test_text_parts_are_not_html_escaped_but_html_is(db):
    outbox = enqueue(context={"judul": "Jl. A & B", "pesan": "Lubang <besar> di Jl. A & B"})
    assert outbox.subject.startswith("Jl. A & B")
    assert "Lubang <besar> di Jl. A & B" in outbox.body_text
    assert "Lubang &lt;besar&gt; di Jl. A &amp; B" in outbox.body_html


def test_enqueue_links_the_related_case(db, warga):
    outbox = enqueue(related=warga)
    assert outbox.content_type.model == "user"
    assert outbox.object_id == str(warga.pk)


# --- deliver ---------------------------------------------------------------------------

def test_deliver_sends_once_and_records_the_provider_id(db, stub):
    outbox = OutboxFactory()
    result = outbox_deliver(outbox_id=outbox.pk)
    outbox.refresh_from_db()
    assert result.pk == outbox.pk
    assert outbox.status == Outbox.Status.SENT
    assert outbox.provider_message_id == f"stub-{outbox.pk}"
    assert outbox.attempts == 1 and outbox.sent_at is not None and outbox.locked_at is None
    assert [e.action for e in audit_trail(outbox)] == ["notifications.sent"]


def test_two_deliveries_of_one_row_send_once(db, stub):
    outbox = OutboxFactory()
    outbox_deliver(outbox_id=outbox.pk)
    assert outbox_deliver(outbox_id=outbox.pk) is None
    assert stub.sent == [outbox.pk]


def test_a_second_worker_cannot_claim_a_row_being_sent(db, stub):
    outbox = OutboxFactory()
    second_worker = []
    # While the first worker is inside send(), a second worker tries the same row.
    stub.during_send = lambda row: second_worker.append(outbox_deliver(outbox_id=row.pk))
    outbox_deliver(outbox_id=outbox.pk)
    assert second_worker == [None]
    assert stub.sent == [outbox.pk]


def test_deliver_skips_a_row_that_is_not_due(db, stub):
    outbox = OutboxFactory(next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert outbox_deliver(outbox_id=outbox.pk) is None
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.QUEUED and outbox.attempts == 0
    assert stub.sent == []


def test_a_retryable_failure_requeues_with_exponential_backoff(
        db, stub, django_capture_on_commit_callbacks):
    stub.errors = [TransportError("whatsapp: HTTP 500 down", retryable=True),
                   TransportError("whatsapp: HTTP 503 down", retryable=True)]
    with time_machine.travel(T0, tick=False):
        outbox = OutboxFactory(channel="whatsapp", recipient="6281234567890")
        with django_capture_on_commit_callbacks(execute=True):
            outbox_deliver(outbox_id=outbox.pk)
        outbox.refresh_from_db()
        assert outbox.status == Outbox.Status.QUEUED
        assert outbox.attempts == 1
        assert outbox.last_error == "whatsapp: HTTP 500 down"
        assert T0 + timedelta(seconds=60) <= outbox.next_attempt_at <= T0 + timedelta(seconds=72)
        # The retry is a deferred task that the worker picks up when it is due.
        [row] = [r for r in task_rows_for(outbox)]
        assert row.run_after == outbox.next_attempt_at
        assert outbox_deliver(outbox_id=outbox.pk) is None  # not due yet
    second_try = outbox.next_attempt_at
    with time_machine.travel(second_try, tick=False):
        outbox_deliver(outbox_id=outbox.pk)
    outbox.refresh_from_db()
    assert outbox.attempts == 2 and outbox.last_error == "whatsapp: HTTP 503 down"
    delay = outbox.next_attempt_at - second_try
    assert timedelta(seconds=120) <= delay <= timedelta(seconds=144)
    assert audit_trail(outbox).count() == 0


def test_a_permanent_failure_fails_at_once(db, stub):
    stub.errors = [TransportError("telegram: HTTP 400 chat not found", retryable=False)]
    outbox = OutboxFactory(channel="telegram", recipient="-100123")
    outbox_deliver(outbox_id=outbox.pk)
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.FAILED
    assert outbox.attempts == 1
    assert outbox.last_error == "telegram: HTTP 400 chat not found"
    [entry] = audit_trail(outbox)
    assert entry.action == "notifications.failed" and entry.data["retryable"] is False


def test_out_of_attempts_the_message_fails_and_stays_visible(db, stub):
    stub.errors = [TransportError(f"sms: HTTP 502 try {n}", retryable=True) for n in range(3)]
    with time_machine.travel(T0, tick=False):
        outbox = OutboxFactory(channel="sms", recipient="6281234567890", max_attempts=3)
    moment = T0
    for _ in range(3):
        with time_machine.travel(moment, tick=False):
            outbox_deliver(outbox_id=outbox.pk)
        outbox.refresh_from_db()
        moment = outbox.next_attempt_at
    assert outbox.status == Outbox.Status.FAILED
    assert outbox.attempts == 3
    assert outbox.last_error == "sms: HTTP 502 try 2"
    assert stub.sent == []


def test_an_unexpected_transport_bug_is_retried_not_dropped(db, stub):
    stub.errors = [KeyError("oops")]
    outbox = OutboxFactory()
    outbox_deliver(outbox_id=outbox.pk)
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.QUEUED
    assert outbox.last_error == "email: KeyError"


@pytest.mark.parametrize(("attempt", "low", "high"), [
    (1, 60, 72), (2, 120, 144), (3, 240, 288), (4, 480, 576), (10, 3600, 4320),
])
def test_retry_delay_doubles_with_jitter_and_a_cap(attempt, low, high):
    assert retry_delay(attempt=attempt, jitter=0).total_seconds() == low
    assert retry_delay(attempt=attempt, jitter=0.999).total_seconds() == pytest.approx(
        high, rel=0.001)


# --- retry (admin) ---------------------------------------------------------------------

def test_retry_puts_a_failed_message_back_and_audits_it(
        db, admin, django_capture_on_commit_callbacks):
    outbox = OutboxFactory(status=Outbox.Status.FAILED, attempts=6, last_error="HTTP 500")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outbox_retry(outbox=outbox, actor=admin)
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.QUEUED
    assert outbox.attempts == 0
    assert len(callbacks) == 1 and len(task_rows_for(outbox)) == 1
    [entry] = audit_trail(outbox)
    assert entry.action == "notifications.retried"
    assert entry.actor == admin
    assert entry.data == {"previous_attempts": 6, "last_error": "HTTP 500"}


def test_only_failed_messages_can_be_retried(db, admin):
    outbox = OutboxFactory(status=Outbox.Status.SENT)
    with pytest.raises(ValidationError):
        outbox_retry(outbox=outbox, actor=admin)
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.SENT


# --- sweep -----------------------------------------------------------------------------

def claim_and_die(outbox):
    """A worker claims the row, then is killed before it records any result."""
    stub = StubTransport()

    def killed(row):
        raise SystemExit("worker killed")

    stub.during_send = killed
    transports.TRANSPORTS[outbox.channel], saved = (lambda: stub), transports.TRANSPORTS[
        outbox.channel]
    try:
        with pytest.raises(SystemExit):
            outbox_deliver(outbox_id=outbox.pk)
    finally:
        transports.TRANSPORTS[outbox.channel] = saved


def test_sweep_recovers_a_row_stuck_in_sending(db, stub, django_capture_on_commit_callbacks):
    with time_machine.travel(T0, tick=False):
        outbox = OutboxFactory()
        claim_and_die(outbox)
        outbox.refresh_from_db()
        assert outbox.status == Outbox.Status.SENDING
    with time_machine.travel(T0 + timedelta(minutes=5), tick=False):
        assert outbox_sweep(now=timezone.now())["recovered"] == 0  # still within the timeout
    with time_machine.travel(T0 + timedelta(minutes=11), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            counts = outbox_sweep(now=timezone.now())
        assert counts == {"recovered": 1, "failed": 0, "requeued": 0}
        outbox.refresh_from_db()
        assert outbox.status == Outbox.Status.QUEUED
        assert "Worker stopped while sending" in outbox.last_error
        assert len(task_rows_for(outbox)) == 1
        outbox_deliver(outbox_id=outbox.pk)
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.SENT and outbox.attempts == 2
    assert stub.sent == [outbox.pk]


def test_sweep_fails_a_stuck_row_that_has_no_attempts_left(db):
    with time_machine.travel(T0, tick=False):
        outbox = OutboxFactory(max_attempts=1)
        claim_and_die(outbox)
    counts = outbox_sweep(now=T0 + timedelta(hours=1))
    outbox.refresh_from_db()
    assert counts["failed"] == 1
    assert outbox.status == Outbox.Status.FAILED
    assert [e.action for e in audit_trail(outbox)] == ["notifications.failed"]


def test_sweep_requeues_a_due_row_whose_task_was_lost_once(db):
    with time_machine.travel(T0, tick=False):
        lost = OutboxFactory(enqueued_at=None)
        fresh = OutboxFactory(enqueued_at=T0)
    later = T0 + timedelta(minutes=1)
    assert outbox_sweep(now=later)["requeued"] == 0  # its task may simply still be waiting
    much_later = T0 + timedelta(minutes=10)
    with time_machine.travel(much_later, tick=False):
        assert outbox_sweep(now=much_later)["requeued"] == 2
        # A second sweeping worker right after does not queue them again.
        assert outbox_sweep(now=much_later)["requeued"] == 0
    assert len(task_rows_for(lost)) == 1 and len(task_rows_for(fresh)) == 1
    lost.refresh_from_db()
    assert lost.enqueued_at == much_later


def test_sweep_leaves_sent_and_failed_rows_alone(db):
    OutboxFactory(status=Outbox.Status.SENT, next_attempt_at=T0)
    OutboxFactory(status=Outbox.Status.FAILED, next_attempt_at=T0)
    assert outbox_sweep(now=T0 + timedelta(days=1)) == {"recovered": 0, "failed": 0,
                                                        "requeued": 0}


def test_services_module_exposes_the_public_api():
    assert callable(services.notification_enqueue) and callable(services.outbox_sweep)


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_one_row_send_it_once(monkeypatch):
    needs_concurrent_writers()
    outbox = OutboxFactory()
    sent = []

    class SlowTransport:
        def send(self, row):
            sent.append(row.pk)
            time.sleep(0.2)  # the other worker tries while this send is in flight
            return "slow"

    monkeypatch.setitem(transports.TRANSPORTS, "email", SlowTransport)
    results = run_at_once(lambda: outbox_deliver(outbox_id=outbox.pk), 2)
    assert sent == [outbox.pk]
    assert sorted(result is None for result in results) == [False, True]
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.SENT and outbox.attempts == 1
