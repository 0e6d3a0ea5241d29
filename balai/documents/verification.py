"""Answer "is this PDF one of ours, unchanged?" for the public verification pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from balai.documents.models import IssuedDocument
from balai.documents.signing import SignatureCheck, pdf_signature_check, trust_roots
from balai.documents.storage import pdf_read, sha256_hex


@dataclass(frozen=True)
class Verdict:
    """The outcome shown to whoever uploaded or scanned a document."""

    AUTHENTIC = "authentic"
    CANCELLED = "cancelled"
    FOREIGN = "foreign"
    ALTERED = "altered"

    outcome: str
    sha256: str
    signature: SignatureCheck
    document: IssuedDocument | None = None

    @property
    def message(self) -> str:
        return {
            self.AUTHENTIC: _("Authentic and unchanged: this file is exactly the document "
                              "we issued."),
            self.CANCELLED: _("Issued by us and unchanged, but its number was cancelled "
                              "afterwards: the letter no longer stands."),
            self.FOREIGN: _("Signed, but not issued by us: the signature is intact, yet "
                            "no document we issued has this content."),
            self.ALTERED: _("Altered or not valid: this file is not a document we issued, "
                            "or it was changed after signing."),
        }[self.outcome]


def document_signature_check(document: IssuedDocument) -> SignatureCheck:
    """Validate the stored copy of `document` against our trust roots (PP 71/2019 Ps. 60)."""
    return pdf_signature_check(pdf_read(document.pdf_path),
                               trust_roots=trust_roots())


def pdf_verify(data: bytes) -> Verdict:
    """Compare an uploaded PDF with what we issued, then check its signature offline."""
    digest = sha256_hex(data)
    check = pdf_signature_check(data, trust_roots=trust_roots())
    document = IssuedDocument.objects.select_related("number").filter(sha256=digest).first()
    if document is not None:
        cancelled = document.number.status == document.number.Status.CANCELLED
        return Verdict(Verdict.CANCELLED if cancelled else Verdict.AUTHENTIC, digest, check,
                       document)
    if check.signed and check.intact and check.whole_file:
        return Verdict(Verdict.FOREIGN, digest, check)
    return Verdict(Verdict.ALTERED, digest, check)
