import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.notifications.models import Outbox
from balai.notifications.tests.factories import OutboxFactory

CHANGELIST = "admin:notifications_outbox_changelist"


@pytest.fixture
def admin_client(client, admin):
    """Logged in as the project's `admin` persona (root conftest), not pytest-django's."""
    client.force_login(admin)
    return client


def test_outbox_list_shows_status_attempts_and_error(admin_client):
    OutboxFactory(status=Outbox.Status.FAILED, attempts=6, last_error="whatsapp: HTTP 400 bad")
    response = admin_client.get(reverse(CHANGELIST), {"status__exact": "failed"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "whatsapp: HTTP 400 bad" in content and "6/6" in content


def test_retry_action_requeues_failed_rows_only_and_audits(
        admin_client, admin, django_capture_on_commit_callbacks):
    failed = OutboxFactory(status=Outbox.Status.FAILED, attempts=6, last_error="HTTP 500")
    sent = OutboxFactory(status=Outbox.Status.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse(CHANGELIST), {
            "action": "retry_selected", "_selected_action": [failed.pk, sent.pk]}, follow=True)
    assert response.status_code == 200
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert failed.status == Outbox.Status.QUEUED and failed.attempts == 0
    assert sent.status == Outbox.Status.SENT
    assert [e.actor for e in audit_trail(failed)] == [admin]
    messages = [str(m) for m in response.context["messages"]]
    assert any("1" in m and "diantrekan kembali" in m for m in messages)
    assert any("dilewati" in m for m in messages)


def test_the_outbox_cannot_be_edited_added_or_deleted_in_the_admin(admin_client):
    outbox = OutboxFactory()
    change_url = reverse("admin:notifications_outbox_change", args=[outbox.pk])
    assert admin_client.get(reverse("admin:notifications_outbox_add")).status_code == 403
    response = admin_client.post(change_url, {"recipient": "lain@example.id"})
    assert response.status_code == 403
    outbox.refresh_from_db()
    assert outbox.recipient != "lain@example.id"


def test_send_test_notification_command_sends_now(db, mailoutbox):
    call_command("send_test_notification", "--channel", "email", "--to", "siti@example.id")
    assert mailoutbox[0].subject.startswith("Uji kirim notifikasi")
    assert Outbox.objects.get().status == Outbox.Status.SENT


def test_send_test_notification_command_reports_a_bad_recipient(db):
    with pytest.raises(CommandError, match="nomor ponsel"):
        call_command("send_test_notification", "--channel", "sms", "--to", "12")
