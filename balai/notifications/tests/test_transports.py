import email
import hashlib
import hmac
import json
from datetime import timedelta
from email.policy import default as default_policy

import pytest

from balai.core.cluster import free_port
from balai.core.models import AuditEntry
from balai.notifications.models import Outbox
from balai.notifications.services import notification_enqueue, outbox_deliver
from balai.notifications.tests.factories import OutboxFactory
from balai.notifications.transports import (
    TRANSPORTS,
    EmailTransport,
    SmsTransport,
    TelegramTransport,
    TransportError,
    WebhookTransport,
    WhatsAppTransport,
    http_status_is_retryable,
    normalize_phone,
)

CONTEXT = {"nama": "Siti", "judul": "Pengaduan diterima",
           "pesan": "Pengaduan ADU-2026-000123 sudah kami terima & segera diverifikasi."}


def send(channel, recipient, **extra):
    """Store a message through the real service, then deliver it at once."""
    outbox = notification_enqueue(channel=channel, recipient=recipient, template="pesan_umum",
                                  context=CONTEXT, **extra)
    outbox_deliver(outbox_id=outbox.pk)
    outbox.refresh_from_db()
    return outbox


def test_the_registry_has_a_transport_per_channel():
    assert set(TRANSPORTS) == set(Outbox.Channel.values)
    assert TRANSPORTS["email"] is EmailTransport
    assert TRANSPORTS["whatsapp"] is WhatsAppTransport
    assert TRANSPORTS["telegram"] is TelegramTransport
    assert TRANSPORTS["webhook"] is WebhookTransport
    assert TRANSPORTS["sms"] is SmsTransport


@pytest.mark.parametrize(("raw", "normal"), [
    ("081234567890", "6281234567890"), ("+62 812-3456-7890", "6281234567890"),
    ("6281234567890", "6281234567890"), ("0062 812 3456 7890", "6281234567890"),
    ("+1 (202) 555-0100", "12025550100"),
])
def test_normalize_phone(raw, normal):
    assert normalize_phone(raw) == normal


@pytest.mark.parametrize(("status", "retryable"), [
    (400, False), (401, False), (403, False), (404, False), (422, False),
    (408, True), (429, True), (500, True), (502, True), (503, True),
])
def test_which_http_statuses_are_retried(status, retryable):
    assert http_status_is_retryable(status) is retryable


# --- e-mail over a real SMTP server ---------------------------------------------------------

def test_email_arrives_over_smtp_with_subject_text_and_html(db, smtp_server):
    outbox = send("email", "siti@example.id")

    assert outbox.status == Outbox.Status.SENT, outbox.last_error
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["siti@example.id"]
    assert envelope.mail_from == "noreply@balai.test"
    message = email.message_from_bytes(envelope.original_content, policy=default_policy)
    assert message["Subject"] == "Pengaduan diterima — Diskominfo Kota Malang"
    assert message["To"] == "siti@example.id"
    assert message["Message-ID"].strip("<>") == outbox.provider_message_id
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Yth. Siti," in text and "terima & segera" in text
    assert "<html" in html and "terima &amp; segera" in html


def test_email_refused_for_good_fails_at_once(db, smtp_server):
    smtp_server.rcpt_reply = "550 5.1.1 Mailbox tidak ada"
    outbox = send("email", "hilang@example.id")
    assert outbox.status == Outbox.Status.FAILED
    assert "550" in outbox.last_error
    assert smtp_server.messages == []


def test_email_refused_for_now_is_retried(db, smtp_server):
    smtp_server.rcpt_reply = "451 4.7.1 Coba lagi nanti"
    outbox = send("email", "sibuk@example.id")
    assert outbox.status == Outbox.Status.QUEUED
    assert outbox.attempts == 1 and "451" in outbox.last_error


def test_email_server_down_is_retried_without_leaking_the_password(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_HOST_PASSWORD = "smtp-password"
    outbox = send("email", "siti@example.id")
    assert outbox.status == Outbox.Status.QUEUED
    assert outbox.last_error.startswith("email: ConnectionRefusedError")
    assert "smtp-password" not in outbox.last_error


# --- WhatsApp Cloud API ----------------------------------------------------------------

def test_whatsapp_posts_a_text_message_and_stores_the_wamid(db, providers):
    providers.reply(200, {"messaging_product": "whatsapp",
                          "contacts": [{"input": "6281234567890", "wa_id": "6281234567890"}],
                          "messages": [{"id": "wamid.HBgNNjI4MTIzNDU2Nzg5MA=="}]})
    outbox = send("whatsapp", "0812-3456-7890")

    assert outbox.status == Outbox.Status.SENT, outbox.last_error
    assert outbox.provider_message_id == "wamid.HBgNNjI4MTIzNDU2Nzg5MA=="
    [request] = providers.requests
    assert request.path == "/v21.0/1098765/messages"
    assert request.headers["authorization"] == "Bearer wa-secret-token"
    assert request.headers["content-type"] == "application/json"
    body = request.json
    assert body["messaging_product"] == "whatsapp"
    assert body["to"] == "6281234567890"
    assert body["type"] == "text"
    assert body["text"]["body"].startswith("Pengaduan diterima — Diskominfo Kota Malang\n\n")
    assert "ADU-2026-000123" in body["text"]["body"]


@pytest.mark.parametrize("status", [500, 503, 429])
def test_whatsapp_server_errors_and_rate_limits_are_retried_with_backoff(
        db, providers, status):
    providers.reply(status, {"error": {"message": "Service temporarily unavailable"}})
    outbox = send("whatsapp", "081234567890")
    assert outbox.status == Outbox.Status.QUEUED
    assert outbox.attempts == 1
    assert outbox.next_attempt_at - outbox.updated_at >= timedelta(seconds=59)
    assert outbox.last_error.startswith(f"whatsapp: HTTP {status}")
    assert "temporarily unavailable" in outbox.last_error


def test_whatsapp_client_error_fails_at_once_and_hides_the_token(db, providers):
    # Some providers echo the credentials they refused; they must not reach the database.
    providers.reply(401, {"error": {"message": "Invalid OAuth token wa-secret-token"}})
    outbox = send("whatsapp", "081234567890")
    assert outbox.status == Outbox.Status.FAILED
    assert outbox.last_error.startswith("whatsapp: HTTP 401")
    assert "wa-secret-token" not in outbox.last_error
    assert "[redacted]" in outbox.last_error


def test_whatsapp_timeout_is_retried(db, providers, settings):
    settings.NOTIFICATION_HTTP_TIMEOUT = 0.3
    providers.reply(200, {"messages": [{"id": "wamid.late"}]}, delay=1.0)
    outbox = send("whatsapp", "081234567890")
    assert outbox.status == Outbox.Status.QUEUED
    assert "connection failed" in outbox.last_error and "timed out" in outbox.last_error


def test_whatsapp_without_a_token_fails_with_the_reason(db, providers, settings):
    settings.WHATSAPP_TOKEN = ""
    outbox = send("whatsapp", "081234567890")
    assert outbox.status == Outbox.Status.FAILED
    assert outbox.last_error == "whatsapp: WHATSAPP_TOKEN is not configured"
    assert providers.requests == []


# --- Telegram Bot API ------------------------------------------------------------------

def test_telegram_sends_to_the_chat_and_stores_the_message_id(db, providers):
    providers.reply(200, {"ok": True, "result": {"message_id": 4242, "chat": {"id": -100123}}})
    outbox = send("telegram", "-1001234567890")

    assert outbox.status == Outbox.Status.SENT, outbox.last_error
    assert outbox.provider_message_id == "4242"
    [request] = providers.requests
    assert request.path == "/bot123456:tg-secret-token/sendMessage"
    assert request.json["chat_id"] == "-1001234567890"
    assert "ADU-2026-000123" in request.json["text"]


def test_telegram_bad_request_fails_and_the_token_in_the_url_is_not_stored(db, providers):
    providers.reply(400, {"ok": False, "error_code": 400,
                          "description": "Bad Request: chat not found"})
    outbox = send("telegram", "@grup_tidak_ada")
    assert outbox.status == Outbox.Status.FAILED
    assert outbox.last_error == ('telegram: HTTP 400 {"ok": false, "error_code": 400, '
                                 '"description": "Bad Request: chat not found"}')
    assert "tg-secret-token" not in outbox.last_error


def test_telegram_connection_error_does_not_store_the_url_with_the_token(db, settings):
    settings.TELEGRAM_API_URL = f"http://127.0.0.1:{free_port()}"
    settings.TELEGRAM_BOT_TOKEN = "123456:tg-secret-token"
    outbox = send("telegram", "-100123")
    assert outbox.status == Outbox.Status.QUEUED
    assert "connection failed" in outbox.last_error
    assert "tg-secret-token" not in outbox.last_error and "/bot" not in outbox.last_error


# --- webhook -----------------------------------------------------------------------------

def test_webhook_posts_signed_json(db, providers, warga):
    providers.reply(202, {"id": "hook-77"})
    outbox = send("webhook", f"{providers.url}/hooks/balai", related=warga)

    assert outbox.status == Outbox.Status.SENT, outbox.last_error
    assert outbox.provider_message_id == "hook-77"
    [request] = providers.requests
    assert request.path == "/hooks/balai"
    assert request.headers["x-balai-delivery"] == str(outbox.pk)
    timestamp = request.headers["x-balai-timestamp"]
    expected = hmac.new(b"webhook-secret", timestamp.encode() + b"." + request.body,
                        hashlib.sha256).hexdigest()
    assert request.headers["x-balai-signature"] == f"sha256={expected}"
    body = json.loads(request.body)
    assert body["id"] == outbox.pk
    assert body["template"] == "pesan_umum"
    assert body["subject"] == "Pengaduan diterima — Diskominfo Kota Malang"
    assert "ADU-2026-000123" in body["text"]
    assert "<html" in body["html"]
    assert body["related"] == {"type": "accounts.user", "id": str(warga.pk)}


def test_webhook_without_a_secret_is_sent_unsigned(db, providers, settings):
    settings.NOTIFICATION_WEBHOOK_SECRET = ""
    outbox = send("webhook", f"{providers.url}/hook")
    assert outbox.status == Outbox.Status.SENT
    assert "x-balai-signature" not in providers.requests[0].headers
    assert outbox.provider_message_id == ""


def test_webhook_not_found_fails_at_once(db, providers):
    providers.reply(404, "no such hook")
    outbox = send("webhook", f"{providers.url}/gone")
    assert outbox.status == Outbox.Status.FAILED
    assert outbox.last_error == "webhook: HTTP 404 no such hook"


# --- SMS gateway ---------------------------------------------------------------------------

def test_sms_goes_to_the_gateway_with_the_token(db, providers, settings):
    settings.SMS_GATEWAY_SENDER = "KOMINFO"
    providers.reply(200, {"message_id": "sms-991", "status": "accepted"})
    outbox = send("sms", "+62 812 3456 7890")

    assert outbox.status == Outbox.Status.SENT, outbox.last_error
    assert outbox.provider_message_id == "sms-991"
    [request] = providers.requests
    assert request.path == "/sms/send"
    assert request.headers["authorization"] == "Bearer sms-secret-token"
    assert request.json["to"] == "6281234567890"
    assert request.json["from"] == "KOMINFO"
    assert request.json["message"].startswith("Yth. Siti,")


def test_sms_gateway_error_is_retried(db, providers):
    providers.reply(502, "Bad gateway")
    outbox = send("sms", "081234567890")
    assert outbox.status == Outbox.Status.QUEUED
    assert outbox.last_error == "sms: HTTP 502 Bad gateway"


def test_sms_without_a_gateway_fails_with_the_reason(db, settings):
    settings.SMS_GATEWAY_URL = ""
    outbox = send("sms", "081234567890")
    assert outbox.status == Outbox.Status.FAILED
    assert outbox.last_error == "sms: SMS_GATEWAY_URL is not configured"


# --- direct use of a transport -------------------------------------------------------------

def test_chat_text_is_cut_to_the_provider_limit(db, providers):
    providers.reply(200, {"ok": True, "result": {"message_id": 1}})
    outbox = OutboxFactory(channel="telegram", recipient="-100123", body_text="x" * 5000)
    TelegramTransport().send(outbox)
    text = providers.requests[0].json["text"]
    assert len(text) == 4096 and text.endswith("…")


def test_transport_errors_say_whether_to_retry():
    error = TransportError("sms: HTTP 502", retryable=True)
    assert str(error) == "sms: HTTP 502" and error.retryable


def test_a_bad_recipient_is_a_failed_message_and_never_reaches_a_transport(db):
    """The caller's change of state goes on; the message fails visibly (issue 12)."""
    from django_tasks_db.models import DBTaskResult

    outbox = notification_enqueue(channel="webhook", recipient="not a url",
                                  template="pesan_umum", context={})
    outbox.refresh_from_db()
    assert outbox.status == Outbox.Status.FAILED and outbox.attempts == 0
    assert outbox.last_error
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert AuditEntry.objects.filter(action="notifications.failed",
                                     object_id=str(outbox.pk)).exists()
