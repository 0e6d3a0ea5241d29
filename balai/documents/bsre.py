"""A client for the BSrE (BSSN) v2 signing API, behind the same backend interface.

Request shapes follow public integrations (indonesia-rules.md §5, S88/S89): JSON
`POST /api/v2/sign/pdf` with `nik`, `passphrase`, `signatureProperties[]`, `file[]`
(base64), Basic auth for the client application; the answer carries the signed PDF in
`file[0]`. [M] The response of `/api/v2/verify/pdf` is returned as BSrE sends it.
The passphrase only ever travels in the request body: it is never logged, never part of
an exception message and hidden from repr().
"""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


class BsreError(Exception):
    """BSrE refused or failed; the message holds the status and BSrE's error text only."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


@dataclass
class BsreClient:
    base_url: str
    username: str
    password: str = field(repr=False)
    timeout: float = 60.0

    def __post_init__(self):
        if not self.base_url.startswith(("https://", "http://")):
            raise ValueError("The BSrE URL must be http(s)://")

    def _post(self, path: str, payload: dict) -> dict:
        url = self.base_url.rstrip("/") + path
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __post_init__
            url, data=json.dumps(payload).encode(), method="POST",
            headers={"Content-Type": "application/json", "Accept": "application/json",
                     "Authorization": f"Basic {token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        except (urllib.error.URLError, TimeoutError) as exc:
            logger.warning("BSrE %s unreachable: %s", path, type(exc).__name__)
            raise BsreError(f"BSrE unreachable: {type(exc).__name__}") from None
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            data = {}
        if status >= 400:
            # Only BSrE's own error text; the request (with the passphrase) is never echoed.
            reason = str(data.get("error") or data.get("message") or "")[:300]
            logger.warning("BSrE %s answered %s", path, status)
            raise BsreError(f"BSrE {path} answered {status}: {reason}", status=status)
        return data

    def sign_pdf(self, pdf: bytes, *, nik: str, passphrase: str, reason: str,
                 location: str, tampilan: str = "INVISIBLE") -> bytes:
        """Sign one PDF with the certificate of `nik` (PP 71/2019 certified signature)."""
        data = self._post("/api/v2/sign/pdf", {
            "nik": nik, "passphrase": passphrase,
            "signatureProperties": [{"tampilan": tampilan, "reason": reason,
                                     "location": location}],
            "file": [base64.b64encode(pdf).decode()],
        })
        files = data.get("file") or []
        if not files:
            raise BsreError("BSrE answered without a signed file")
        return base64.b64decode(files[0])

    def verify_pdf(self, pdf: bytes) -> dict:
        """BSrE's own verdict on a signed PDF (what tte.komdigi.go.id shows)."""
        return self._post("/api/v2/verify/pdf", {"file": base64.b64encode(pdf).decode()})


@dataclass
class BsreBackend:
    """Signs through BSrE for one signer; build it with the passphrase the signer typed."""

    client: BsreClient
    nik: str = field(repr=False)
    passphrase: str = field(repr=False)
    specimen: bool = False

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        return self.client.sign_pdf(pdf, nik=self.nik, passphrase=self.passphrase,
                                    reason=reason, location=location)
