"""A local HTTP server that plays the WhatsApp Cloud API, and helpers that post signed
webhook events to balai as Meta does."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

TOKEN = "token-cloud-api-uji"
APP_SECRET = "rahasia-aplikasi-meta"
VERIFY_TOKEN = "verifikasi-balai"
PHONE_ID = "109876543210"


@pytest.fixture(autouse=True)
def _files(complaint_files):
    """Photos under the test's tmp folder, as in the complaints tests."""


@dataclass
class CloudApi:
    url: str = ""
    sent: list[dict] = field(default_factory=list)  # our messages, as the API got them
    media: dict[str, bytes] = field(default_factory=dict)
    media_gets: list[str] = field(default_factory=list)
    unauthorised: int = 0

    def texts_to(self, phone: str) -> list[str]:
        return [m["text"]["body"] for m in self.sent if m["to"] == phone]


@pytest.fixture
def cloud_api(settings):
    api = CloudApi()

    class Handler(BaseHTTPRequestHandler):
        def _authorised(self) -> bool:
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                api.unauthorised += 1
                self._answer(401, {"error": {"message": "Invalid OAuth access token"}})
                return False
            return True

        def _answer(self, status: int, body, content_type="application/json"):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if not self._authorised():
                return
            if self.path != f"/{PHONE_ID}/messages":
                return self._answer(404, {"error": {"message": "unknown path"}})
            api.sent.append(json.loads(body))
            self._answer(200, {"messaging_product": "whatsapp",
                               "messages": [{"id": f"wamid.keluar.{len(api.sent)}"}]})

        def do_GET(self):  # noqa: N802
            if not self._authorised():
                return
            api.media_gets.append(self.path)
            if self.path.startswith("/unduh/"):
                media_id = self.path.rsplit("/", 1)[-1]
                return self._answer(200, api.media[media_id], "image/jpeg")
            media_id = self.path.strip("/")
            if media_id not in api.media:
                return self._answer(404, {"error": {"message": "media not found"}})
            self._answer(200, {"messaging_product": "whatsapp", "id": media_id,
                               "url": f"{api.url}/unduh/{media_id}", "mime_type": "image/jpeg",
                               "file_size": len(api.media[media_id]),
                               "sha256": hashlib.sha256(api.media[media_id]).hexdigest()})

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.WHATSAPP_API_URL = api.url
    settings.WHATSAPP_TOKEN = TOKEN
    settings.WHATSAPP_PHONE_NUMBER_ID = PHONE_ID
    settings.WHATSAPP_APP_SECRET = APP_SECRET
    settings.WHATSAPP_VERIFY_TOKEN = VERIFY_TOKEN
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    yield api
    server.shutdown()
    server.server_close()


def event(phone: str, message: dict, *, name: str = "Siti Aminah") -> dict:
    """A webhook delivery as the Cloud API posts it (one message)."""
    return {"object": "whatsapp_business_account", "entry": [{
        "id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "6281100000000", "phone_number_id": PHONE_ID},
            "contacts": [{"profile": {"name": name}, "wa_id": phone}],
            "messages": [{"from": phone, "timestamp": "1764835200", **message}],
        }}]}]}


def sign(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture
def deliver(client, django_capture_on_commit_callbacks):
    """Post one signed event to the webhook, running what it queues at commit."""

    def post(payload: dict, *, signature: str | None = None):
        body = json.dumps(payload).encode()
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/pengaduan/masuk/whatsapp/webhook/", body,
                               content_type="application/json",
                               headers={"X-Hub-Signature-256": signature or sign(body)})

    return post
