"""The BSrE v2 client against a local HTTP server that plays the service."""

import base64
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from balai.documents.bsre import BsreBackend, BsreClient, BsreError
from balai.documents.models import LetterNumber
from balai.documents.signing import pdf_signature_check, signing_identity, trust_roots
from balai.documents.storage import pdf_read
from balai.documents.tests.factories import issue
from balai.documents.verification import Verdict, pdf_verify

AUTH = "Basic " + base64.b64encode(b"balai-app:app-secret").decode()
NIK, PASSPHRASE = "3573010101700001", "Rahasia#Sekali-77"


class FakeBsre(BaseHTTPRequestHandler):
    """Signs with the demo identity, so the answer is a real PAdES PDF."""

    requests: list = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def _answer(self, status, body):
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeBsre.requests.append((self.path, payload))
        if self.headers.get("Authorization") != AUTH:
            return self._answer(401, {"error": "Unauthorized"})
        if self.path == "/api/v2/sign/pdf":
            if payload.get("nik") != NIK or payload.get("passphrase") != PASSPHRASE:
                return self._answer(400, {"error": "Passphrase anda salah"})
            prop = payload["signatureProperties"][0]
            pdf = base64.b64decode(payload["file"][0])
            signed = signing_identity().sign(pdf, reason=prop["reason"],
                                             location=prop["location"])
            return self._answer(200, {"file": [base64.b64encode(signed).decode()]})
        if self.path == "/api/v2/verify/pdf":
            pdf = base64.b64decode(payload["file"])
            check = pdf_signature_check(pdf, trust_roots=trust_roots())
            return self._answer(200, {"conclusion": "VALID" if check.valid else "INVALID"})
        return self._answer(404, {"error": "Not Found"})


@pytest.fixture
def bsre_url():
    FakeBsre.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBsre)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


APP_SECRET = "app-secret"  # noqa: S105 - the fake service's own test credential


def client(url, password=APP_SECRET):
    return BsreClient(base_url=url, username="balai-app", password=password, timeout=5)


def test_letter_signed_through_bsre_is_issued_and_verifies(db, bsre_url):
    backend = BsreBackend(client=client(bsre_url), nik=NIK, passphrase=PASSPHRASE)
    document = issue(backend=backend)
    path, payload = FakeBsre.requests[0]
    assert path == "/api/v2/sign/pdf"
    assert payload["signatureProperties"][0]["tampilan"] == "INVISIBLE"
    assert document.number.full_number in payload["signatureProperties"][0]["reason"]
    assert document.specimen is False
    assert pdf_verify(pdf_read(document.pdf_path)).outcome == Verdict.AUTHENTIC
    assert client(bsre_url).verify_pdf(pdf_read(document.pdf_path)) == {
        "conclusion": "VALID"}


def test_wrong_passphrase_fails_without_leaking_it(db, bsre_url, caplog):
    caplog.set_level(logging.DEBUG)
    backend = BsreBackend(client=client(bsre_url), nik=NIK, passphrase="salah-123456")
    with pytest.raises(BsreError) as info:
        issue(backend=backend)
    assert info.value.status == 400
    assert "Passphrase anda salah" in str(info.value)
    assert "salah-123456" not in str(info.value)
    assert "salah-123456" not in caplog.text
    assert "salah-123456" not in repr(backend)
    assert "app-secret" not in repr(backend.client)
    number = LetterNumber.objects.get()
    assert number.status == LetterNumber.Status.CANCELLED
    assert "BsreError" in number.cancel_reason


def test_bad_application_credentials_are_reported(bsre_url):
    with pytest.raises(BsreError) as info:
        client(bsre_url, password="wrong").verify_pdf(b"%PDF-1.7")
    assert info.value.status == 401


def test_unreachable_service_is_an_error_not_a_hang():
    with pytest.raises(BsreError, match="unreachable"):
        BsreClient(base_url="http://127.0.0.1:9", username="u", password="p",
                   timeout=2).verify_pdf(b"%PDF-1.7")
