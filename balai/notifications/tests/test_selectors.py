from datetime import UTC, datetime, timedelta

from balai.notifications.models import Outbox
from balai.notifications.selectors import outbox_backlog, outbox_list_for_related
from balai.notifications.services import notification_enqueue
from balai.notifications.tests.factories import OutboxFactory

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def test_backlog_counts_unsent_rows_and_the_oldest_due_one(db):
    OutboxFactory(next_attempt_at=NOW - timedelta(minutes=3))
    OutboxFactory(next_attempt_at=NOW + timedelta(minutes=3))  # a retry not yet due
    OutboxFactory(status=Outbox.Status.FAILED)
    OutboxFactory(status=Outbox.Status.SENT)
    assert outbox_backlog(now=NOW) == {"queued": 2, "sending": 0, "failed": 1,
                                       "oldest_due_seconds": 180.0}


def test_messages_about_one_case(db, warga, verifikator):
    mine = notification_enqueue(channel="email", recipient="a@example.id", template="uji_kirim",
                                context={}, related=warga)
    notification_enqueue(channel="email", recipient="b@example.id", template="uji_kirim",
                         context={}, related=verifikator)
    OutboxFactory()
    assert list(outbox_list_for_related(related=warga)) == [mine]
