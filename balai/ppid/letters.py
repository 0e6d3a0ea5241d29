"""The kinds of letter the PPID issues, and the archive classification each is filed under."""

from django.conf import settings

from balai.documents.models import Classification, IssuedDocument

# The written notice (UU 14/2008 Pasal 22(7)) and the atasan's decision on a keberatan
# (Pasal 36(2)).
LETTER_KINDS = (IssuedDocument.Kind.PPID_NOTICE, IssuedDocument.Kind.OBJECTION_DECISION)


def letter_classification(kind: str) -> Classification:
    """The classification configured for this kind of letter (PPID_LETTER_CLASSIFICATIONS;
    the start-up check ppid.E001 makes sure there is one)."""
    code = settings.PPID_LETTER_CLASSIFICATIONS[kind].strip()
    return Classification.objects.get_or_create(
        code=code, defaults={"name": "Layanan informasi publik", "verified": False})[0]
