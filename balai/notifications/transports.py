"""Channel transports, looked up by channel in TRANSPORTS (healthchecks hc/api style).

Each transport sends one Outbox row and returns the provider's message id, or raises
TransportError saying whether a retry can help. Errors never carry secrets: URLs with
tokens are never put in messages, and configured secrets are scrubbed from provider text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import smtplib
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid

if TYPE_CHECKING:
    from balai.notifications.models import Outbox

# Chat providers refuse longer texts (WhatsApp and Telegram: 4096 characters).
CHAT_TEXT_LIMIT = 4096
ERROR_EXCERPT = 300


class TransportError(Exception):
    """A send that did not go through; `retryable` says whether to try again later."""

    def __init__(self, message: str, *, retryable: bool):
        super().__init__(message)
        self.message = message
        self.retryable = retryable

    def __str__(self) -> str:
        return self.message


def http_status_is_retryable(status: int) -> bool:
    """Server errors, rate limits and timeouts are worth retrying; other 4xx are not."""
    return status >= 500 or status in (408, 425, 429)


def normalize_phone(number: str) -> str:
    """Digits only in international form; Indonesian 08… becomes 628…."""
    digits = re.sub(r"[\s\-().]", "", number or "")
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits


def _secrets() -> list[str]:
    values = [settings.WHATSAPP_TOKEN, settings.TELEGRAM_BOT_TOKEN, settings.SMS_GATEWAY_TOKEN,
              settings.NOTIFICATION_WEBHOOK_SECRET, settings.EMAIL_HOST_PASSWORD]
    return [value for value in values if value]


def redact(text: str) -> str:
    """`text` with every configured secret replaced, cut to a readable length."""
    for secret in _secrets():
        text = text.replace(secret, "[redacted]")
    return text[:1000]


def _timeout() -> float:
    return float(settings.NOTIFICATION_HTTP_TIMEOUT)


def post_json(*, url: str, payload: dict[str, Any], provider: str,
              headers: dict[str, str] | None = None,
              body: bytes | None = None) -> dict[str, Any]:
    """POST JSON and return the decoded JSON answer, raising TransportError on failure."""
    data = body if body is not None else json.dumps(payload).encode()
    request = urllib.request.Request(  # noqa: S310 - provider URLs come from settings
        url, data=data, method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json",
                 "User-Agent": "balai-notifications", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=_timeout()) as response:  # noqa: S310
            raw = response.read(1_000_000)
    except urllib.error.HTTPError as exc:
        excerpt = exc.read(ERROR_EXCERPT).decode("utf-8", "replace").strip()
        raise TransportError(redact(f"{provider}: HTTP {exc.code} {excerpt}"),
                             retryable=http_status_is_retryable(exc.code)) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        # The exception text may hold the URL, and a Telegram URL holds the token.
        raise TransportError(redact(f"{provider}: connection failed ({type(reason).__name__}: "
                                    f"{reason})"), retryable=True) from None
    if not raw.strip():
        return {}
    try:
        answer = json.loads(raw)
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


def chat_text(outbox: Outbox) -> str:
    """Subject and body as one chat message, cut to the providers' limit."""
    text = f"{outbox.subject}\n\n{outbox.body_text}" if outbox.subject else outbox.body_text
    if len(text) > CHAT_TEXT_LIMIT:
        text = text[: CHAT_TEXT_LIMIT - 1] + "…"
    return text


def _required(name: str, provider: str) -> str:
    value = getattr(settings, name)
    if not value:
        # A missing setting is not fixed by waiting; the admin retries after setting it.
        raise TransportError(f"{provider}: {name} is not configured", retryable=False)
    return value


class Transport:
    name = ""

    def send(self, outbox: Outbox) -> str:
        raise NotImplementedError


class EmailTransport(Transport):
    """SMTP through Django's mail framework, text with an HTML alternative."""

    name = "email"

    def send(self, outbox: Outbox) -> str:
        message_id = make_msgid(domain=settings.NOTIFICATION_EMAIL_DOMAIN)
        message = EmailMultiAlternatives(
            subject=outbox.subject,
            body=outbox.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[outbox.recipient],
            headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated"},
            connection=get_connection(fail_silently=False),
        )
        if outbox.body_html:
            message.attach_alternative(outbox.body_html, "text/html")
        if outbox.attachment_id:
            attached = outbox.attachment
            message.attach(attached.filename, bytes(attached.data), attached.content_type)
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _msg in exc.recipients.values()]
            raise TransportError(redact(f"email: recipient refused {codes}"),
                                 retryable=any(400 <= code < 500 for code in codes)) from None
        except smtplib.SMTPResponseException as exc:
            text = exc.smtp_error.decode("utf-8", "replace") if isinstance(
                exc.smtp_error, bytes) else str(exc.smtp_error)
            # SMTP 4xx is a temporary refusal, 5xx a permanent one (RFC 5321 §4.2.1).
            raise TransportError(redact(f"email: SMTP {exc.smtp_code} {text}"),
                                 retryable=not 500 <= exc.smtp_code < 600) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise TransportError(redact(f"email: {type(exc).__name__}: {exc}"),
                                 retryable=True) from None
        return message_id.strip("<>")


class WhatsAppTransport(Transport):
    """WhatsApp Cloud API text message (Meta Graph API)."""

    name = "whatsapp"

    def send(self, outbox: Outbox) -> str:
        token = _required("WHATSAPP_TOKEN", self.name)
        phone_id = _required("WHATSAPP_PHONE_NUMBER_ID", self.name)
        base = settings.WHATSAPP_API_URL
        answer = post_json(
            url=f"{base.rstrip('/')}/{phone_id}/messages",
            provider=self.name,
            headers={"Authorization": f"Bearer {token}"},
            payload={"messaging_product": "whatsapp", "recipient_type": "individual",
                     "to": normalize_phone(outbox.recipient), "type": "text",
                     "text": {"preview_url": False, "body": chat_text(outbox)}},
        )
        try:
            return str(answer["messages"][0]["id"])
        except (KeyError, IndexError, TypeError):
            raise TransportError("whatsapp: answer without messages[0].id",
                                 retryable=True) from None


class TelegramTransport(Transport):
    """Telegram Bot API sendMessage to a chat id or @channel."""

    name = "telegram"

    def send(self, outbox: Outbox) -> str:
        token = _required("TELEGRAM_BOT_TOKEN", self.name)
        base = settings.TELEGRAM_API_URL
        answer = post_json(
            url=f"{base.rstrip('/')}/bot{token}/sendMessage",
            provider=self.name,
            payload={"chat_id": outbox.recipient, "text": chat_text(outbox),
                     "disable_web_page_preview": True},
        )
        if not answer.get("ok"):
            raise TransportError(redact(f"telegram: {answer.get('description', 'not ok')}"),
                                 retryable=True)
        try:
            return str(answer["result"]["message_id"])
        except (KeyError, TypeError):
            raise TransportError("telegram: answer without result.message_id",
                                 retryable=True) from None


class WebhookTransport(Transport):
    """POST the message as JSON to the recipient URL, signed when a secret is set.

    Signature: `X-Balai-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with
    the timestamp in `X-Balai-Timestamp`, so a receiver can refuse replays.
    """

    name = "webhook"

    def send(self, outbox: Outbox) -> str:
        payload = {
            "id": outbox.pk,
            "template": outbox.template,
            "subject": outbox.subject,
            "text": outbox.body_text,
            "html": outbox.body_html,
            "related": ({"type": f"{outbox.content_type.app_label}.{outbox.content_type.model}",
                         "id": outbox.object_id} if outbox.content_type_id else None),
            "created_at": outbox.created_at.isoformat() if outbox.created_at else None,
        }
        body = json.dumps(payload, ensure_ascii=False).encode()
        headers = {"X-Balai-Delivery": str(outbox.pk)}
        secret = settings.NOTIFICATION_WEBHOOK_SECRET
        if secret:
            timestamp = str(int(time.time()))
            digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body,
                              hashlib.sha256).hexdigest()
            headers |= {"X-Balai-Timestamp": timestamp, "X-Balai-Signature": f"sha256={digest}"}
        answer = post_json(url=outbox.recipient, payload=payload, body=body,
                           provider=self.name, headers=headers)
        return str(answer.get("id", ""))[:200]


class SmsTransport(Transport):
    """A generic HTTP SMS gateway: JSON `{"to", "message"[, "from"]}` with a Bearer token."""

    name = "sms"

    def send(self, outbox: Outbox) -> str:
        url = _required("SMS_GATEWAY_URL", self.name)
        headers = {}
        if token := settings.SMS_GATEWAY_TOKEN:
            headers["Authorization"] = f"Bearer {token}"
        payload = {"to": normalize_phone(outbox.recipient), "message": outbox.body_text}
        if sender := settings.SMS_GATEWAY_SENDER:
            payload["from"] = sender
        answer = post_json(url=url, payload=payload, provider=self.name, headers=headers)
        return str(answer.get("id") or answer.get("message_id") or "")[:200]


TRANSPORTS: dict[str, type[Transport]] = {
    "email": EmailTransport,
    "whatsapp": WhatsAppTransport,
    "telegram": TelegramTransport,
    "webhook": WebhookTransport,
    "sms": SmsTransport,
}


def transport_for(channel: str) -> Transport:
    """The transport that sends on `channel`."""
    try:
        return TRANSPORTS[channel]()
    except KeyError:
        raise TransportError(f"no transport for channel {channel!r}", retryable=False) from None
