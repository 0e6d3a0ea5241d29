"""A forward to an Open311 server of another vendor, played by a local HTTP server that
speaks GeoReport v2 the way many do: POST answers with a token (batch), the token resolves
to an id later, there is no servicerequestupdates (404), and the request itself carries
the status and notes."""

import json
import threading
import urllib.parse
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from balai.complaints import services as complaint_services
from balai.complaints.models import Complaint, ComplaintMessage, FixedCheck
from balai.complaints.questionnaire import fixed_check_ask
from balai.core.models import AuditEntry
from balai.forwarding import services
from balai.forwarding.models import RemoteFeedback, RemoteForward

pytestmark = pytest.mark.django_db


class Vendor:
    def __init__(self):
        self.posts: list[dict] = []
        self.token_resolved = False
        self.status, self.notes = "open", ""
        self.update_posts = 0


@pytest.fixture
def vendor():
    state = Vendor()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, code, data):
            body = json.dumps(data).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802
            path = urllib.parse.urlparse(self.path).path
            if path.endswith("/services.json"):
                return self._send(200, [{"service_code": "ROAD-7", "service_name": "Road"}])
            if path.endswith("/tokens/T-1.json"):
                rows = [{"token": "T-1", "service_request_id": "CRM-88"}] \
                    if state.token_resolved else [{"token": "T-1"}]
                return self._send(200, rows)
            if path.endswith("/requests/CRM-88.json"):
                return self._send(200, [{"service_request_id": "CRM-88",
                                         "status": state.status,
                                         "status_notes": state.notes}])
            return self._send(404, [{"code": 404, "description": "not found"}])

        def do_POST(self):  # noqa: N802
            length = int(self.headers["Content-Length"])
            form = urllib.parse.parse_qs(self.rfile.read(length).decode())
            if form.get("api_key") != ["vendor-key"]:
                return self._send(403, [{"code": 403, "description": "bad api_key"}])
            if urllib.parse.urlparse(self.path).path.endswith("/servicerequestupdates.json"):
                state.update_posts += 1  # updates are not taken here
                return self._send(404, [{"code": 404, "description": "not found"}])
            state.posts.append(form)
            return self._send(200, [{"token": "T-1"}])

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/georeport/v2"
    yield state
    server.shutdown()
    server.server_close()


def test_token_then_status_from_the_request_itself(vendor, endpoint_for, complaint_with_photo,
                                                   forward, client, verifikator):
    endpoint_for(vendor.url, "vendor-key", mapping={"jalan-rusak": "ROAD-7"})
    ours = forward(complaint_with_photo())
    now = timezone.now()
    assert services.send_sweep(now=now) == 1
    rf = RemoteForward.objects.get()
    assert (rf.status, rf.remote_token, rf.remote_id) == ("sent", "T-1", "")
    (posted,) = vendor.posts
    assert posted["service_code"] == ["ROAD-7"] and posted["media_url"][0].startswith("http")
    assert "Siti" not in json.dumps(posted)  # no consent: identity stays here

    # The token has no id yet: nothing to read, no error.
    assert services.follow_sweep(now=now + timedelta(hours=1)) == 1
    rf.refresh_from_db()
    assert rf.remote_id == "" and rf.last_error == ""

    vendor.token_resolved, vendor.status, vendor.notes = True, "open", "Dijadwalkan."
    services.follow_sweep(now=now + timedelta(hours=2))
    rf.refresh_from_db()
    ours.refresh_from_db()
    assert rf.remote_id == "CRM-88" and ours.external_reference == "CRM-88"
    # No servicerequestupdates there: the status change is read from the request.
    note = ComplaintMessage.objects.get(complaint=ours, kind="remote_note")
    assert note.text == "Dinas PU Bina Marga Jatim: Dijadwalkan."

    vendor.status, vendor.notes = "closed", "Selesai diperbaiki."
    services.follow_sweep(now=now + timedelta(hours=3))
    ours.refresh_from_db()
    assert ours.status == Complaint.Status.DITUTUP and ours.answer == "Selesai diperbaiki."
    assert ComplaintMessage.objects.filter(complaint=ours, kind="remote_note").count() == 1

    # The reporter's "sudah beres?" answer goes back; this server takes no updates (404):
    # recorded once as not accepted, never retried, shown on the forward's panel.
    with transaction.atomic():
        check = fixed_check_ask(complaint=ours, round=FixedCheck.Round.LATER)
    complaint_services.complaint_fixed_answer(check=check, fixed=True)
    feedback = RemoteFeedback.objects.get()
    assert services.feedback_send(feedback_id=feedback.pk) == "refused"
    feedback.refresh_from_db()
    assert vendor.update_posts == 1 and feedback.next_attempt_at is None
    assert "HTTP 404" in feedback.last_error
    assert services.feedback_sweep(now=timezone.now() + timedelta(days=1)) == 0
    assert vendor.update_posts == 1
    assert AuditEntry.objects.filter(action="forwarding.feedback_failed").count() == 1
    client.force_login(verifikator)
    page = client.get(f"/pengaduan/staf/{ours.pk}/").content.decode()
    assert "Tidak diterima oleh pihak tujuan" in page


def test_reading_back_fails_visibly_and_tries_again(vendor, endpoint_for, complaint_with_photo,
                                                    forward):
    endpoint = endpoint_for(vendor.url, "vendor-key", mapping={"jalan-rusak": "ROAD-7"})
    forward(complaint_with_photo())
    now = timezone.now()
    services.send_sweep(now=now)
    vendor.token_resolved = True
    endpoint.base_url = "http://127.0.0.1:9/nothing"
    endpoint.save()
    services.follow_sweep(now=now + timedelta(hours=1))
    rf = RemoteForward.objects.get()
    assert "Gagal membaca perkembangan" in rf.last_error or "Reading back" in rf.last_error
    assert rf.next_check_at > now + timedelta(hours=1)  # checked again later
