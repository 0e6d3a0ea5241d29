"""A local HTTP server that plays the BSrE (BSSN) v2 signing API, for every app whose
letters a named official signs (documents, persuratan, PPID notices).

It signs with the installation's signing identity (the demo CA in tests), so what it
returns is a real PAdES PDF; it refuses a wrong passphrase like BSrE ("Passphrase anda
salah"), an expired certificate (EXPIRED_NIK), and bad application credentials (401).
The root conftest's `bsre` fixture starts it and points settings.DOCUMENTS_BSRE_* at it.
"""

from __future__ import annotations

import base64
import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

APP_USER = "balai-app"
APP_SECRET = "app-secret"  # noqa: S105 - the fake service's own test credential
AUTH = "Basic " + base64.b64encode(f"{APP_USER}:{APP_SECRET}".encode()).decode()
# The certificate holders the fake knows: one valid, one whose certificate has expired.
NIK, PASSPHRASE = "3573010101700001", "Rahasia#Sekali-77"
EXPIRED_NIK = "3573019999990009"


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
        from balai.documents.signing import pdf_signature_check, signing_identity, trust_roots

        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeBsre.requests.append((self.path, payload))
        if self.headers.get("Authorization") != AUTH:
            return self._answer(401, {"error": "Unauthorized"})
        if self.path == "/api/v2/sign/pdf":
            if payload.get("nik") == EXPIRED_NIK:
                return self._answer(400, {"error": "Sertifikat pengguna sudah kedaluwarsa"})
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


@dataclass
class RunningBsre:
    url: str
    requests: list = field(default_factory=list)

    @property
    def last(self) -> tuple[str, dict]:
        return self.requests[-1]


@contextmanager
def running_bsre():
    """Serve FakeBsre on a free loopback port for the duration of the block."""
    FakeBsre.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBsre)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield RunningBsre(url=f"http://127.0.0.1:{server.server_port}",
                          requests=FakeBsre.requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
