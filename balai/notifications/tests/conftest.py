"""Local stand-ins for the providers: a real SMTP server and an HTTP server in a thread."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from balai.core.cluster import free_port


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class FakeProvider:
    """An HTTP server that records each POST and answers with the next queued reply."""

    url: str = ""
    requests: list[RecordedRequest] = field(default_factory=list)
    replies: list[tuple[int, Any, float]] = field(default_factory=list)

    def reply(self, status: int, body: Any = None, *, delay: float = 0.0) -> None:
        self.replies.append((status, body if body is not None else {}, delay))


@pytest.fixture
def provider():
    fake = FakeProvider()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length", 0))
            fake.requests.append(RecordedRequest(
                path=self.path, headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length)))
            status, body, delay = fake.replies.pop(0) if fake.replies else (200, {}, 0.0)
            if delay:
                time.sleep(delay)
            payload = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    server.shutdown()
    server.server_close()


class RecordingHandler:
    """aiosmtpd handler keeping every accepted message; rcpt_reply forces a refusal."""

    def __init__(self):
        self.messages: list[Any] = []
        self.rcpt_reply: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Diskominfo <noreply@balai.test>"
    yield handler
    controller.stop()


@pytest.fixture
def providers(settings, provider):
    """Every HTTP transport pointed at the fake provider, with test credentials."""
    settings.WHATSAPP_API_URL = f"{provider.url}/v21.0"
    settings.WHATSAPP_PHONE_NUMBER_ID = "1098765"
    settings.WHATSAPP_TOKEN = "wa-secret-token"
    settings.TELEGRAM_API_URL = provider.url
    settings.TELEGRAM_BOT_TOKEN = "123456:tg-secret-token"
    settings.SMS_GATEWAY_URL = f"{provider.url}/sms/send"
    settings.SMS_GATEWAY_TOKEN = "sms-secret-token"
    settings.NOTIFICATION_WEBHOOK_SECRET = "webhook-secret"
    settings.NOTIFICATION_HTTP_TIMEOUT = 2
    return provider
