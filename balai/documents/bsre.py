"""A client for the BSrE (BSSN) v2 signing API, behind the same backend interface.

Request shapes follow public integrations (indonesia-rules.md §5, S88/S89): JSON
`POST /api/v2/sign/pdf` with `nik`, `passphrase`, `signatureProperties[]`, `file[]`
(base64), Basic auth for the client application; the answer carries the signed PDF in
`file[0]`. [M] The response of `/api/v2/verify/pdf` is returned as BSrE sends it.
The passphrase only ever travels in the request body: it is never logged, never part of
an exception message and hidden from repr().

Every service that issues a letter signed by a named official (a PPID notice, an
outgoing letter of persuratan) uses one flow: `backend_for(user, passphrase)` at the
moment of signing (UU ITE Pasal 11, PP 71/2019: the key in the signer's sole control),
passed to `document_issue(backend=...)`; on failure, `sign_failure_message(exc)` says in
Indonesian what happened and that the letter stays unsigned and can be retried. Without a
configured BSrE service `backend_for` returns None: the server key (the institutional
seal, also the demo's) signs, and the letter carries SERVER_KEY_NOTE.
"""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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


# Printed on a letter the server key signed, so nobody takes the seal for the official's
# own certified signature.
SERVER_KEY_NOTE = ("Ditandatangani dengan sertifikat elektronik server instansi (segel), "
                   "bukan sertifikat pribadi penanda tangan.")


def bsre_configured() -> bool:
    """Whether officials sign through BSrE here (else the server key seals letters)."""
    return bool(settings.DOCUMENTS_BSRE_URL)


def backend_for(user, passphrase: str) -> BsreBackend | None:
    """The BSrE signature of `user` for this one call, with the passphrase they typed now;
    None where no BSrE service is configured (the server key signs, and the letter says
    so). The passphrase lives only in the returned object: never stored, never logged."""
    if not bsre_configured():
        return None
    if not getattr(user, "signature_nik", ""):
        raise ValidationError(_("Your NIK for electronic signature is not recorded. Ask "
                                "the administrator to add it to your account."))
    if not passphrase:
        raise ValidationError({"passphrase": _("Enter your BSrE passphrase.")})
    client = BsreClient(base_url=settings.DOCUMENTS_BSRE_URL,
                        username=settings.DOCUMENTS_BSRE_USER,
                        password=settings.DOCUMENTS_BSRE_PASSWORD,
                        timeout=settings.DOCUMENTS_BSRE_TIMEOUT)
    return BsreBackend(client=client, nik=user.signature_nik, passphrase=passphrase)


def sign_failure_message(exc: Exception) -> str:
    """What the signer reads when signing failed: BSrE's reason, never the request."""
    if isinstance(exc, BsreError) and exc.status is None:
        return _("The BSrE signing service cannot be reached now. The letter is not signed "
                 "and keeps no number; try again later.")
    if isinstance(exc, BsreError):
        reason = str(exc).split(": ", 1)[-1] or str(exc.status)
        return _("BSrE refused to sign: %(reason)s. The letter is not signed and keeps no "
                 "number; check your passphrase and certificate and try again.") % {
            "reason": reason}
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return _("Signing failed (%(error)s). The letter is not signed and keeps no number; "
             "try again.") % {"error": type(exc).__name__}
