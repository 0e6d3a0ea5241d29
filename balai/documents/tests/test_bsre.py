"""The BSrE v2 client against a local HTTP server that plays the service."""

import logging

import pytest
from django.core.exceptions import ValidationError

from balai.documents.bsre import (
    BsreBackend,
    BsreClient,
    BsreError,
    backend_for,
    sign_failure_message,
)
from balai.documents.models import LetterNumber
from balai.documents.storage import pdf_read
from balai.documents.tests.bsre_server import (
    APP_SECRET,
    EXPIRED_NIK,
    NIK,
    PASSPHRASE,
    FakeBsre,
)
from balai.documents.tests.factories import issue
from balai.documents.verification import Verdict, pdf_verify


@pytest.fixture
def bsre_url(bsre):
    return bsre.url


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


# --- the one signing flow: backend_for(user, passphrase) -------------------------------

class Official:
    """What backend_for reads of a user: their NIK for electronic signature."""

    def __init__(self, signature_nik=""):
        self.signature_nik = signature_nik


def test_without_a_bsre_service_the_server_key_signs(settings):
    settings.DOCUMENTS_BSRE_URL = ""
    assert backend_for(Official(NIK), PASSPHRASE) is None


def test_the_signer_needs_a_nik_and_a_passphrase(bsre):
    with pytest.raises(ValidationError, match="NIK untuk tanda tangan elektronik"):
        backend_for(Official(""), PASSPHRASE)
    with pytest.raises(ValidationError) as missing:
        backend_for(Official(NIK), "")
    assert missing.value.message_dict == {"passphrase": ["Isi passphrase BSrE Anda."]}
    assert bsre.requests == []  # nothing was sent


def test_the_official_signs_with_their_own_nik_and_the_passphrase_typed_now(
        db, bsre, caplog):
    caplog.set_level(logging.DEBUG)
    backend = backend_for(Official(NIK), PASSPHRASE)
    assert PASSPHRASE not in repr(backend) and NIK not in repr(backend)
    document = issue(backend=backend)
    path, payload = bsre.last
    assert (path, payload["nik"], payload["passphrase"]) == ("/api/v2/sign/pdf", NIK,
                                                             PASSPHRASE)
    assert pdf_verify(pdf_read(document.pdf_path)).outcome == Verdict.AUTHENTIC
    assert PASSPHRASE not in caplog.text


def test_failures_are_told_in_indonesian_and_the_number_is_cancelled(db, bsre, settings):
    with pytest.raises(BsreError) as expired:
        issue(backend=backend_for(Official(EXPIRED_NIK), PASSPHRASE))
    assert sign_failure_message(expired.value).startswith(
        "BSrE menolak penandatanganan: Sertifikat pengguna sudah kedaluwarsa.")
    with pytest.raises(BsreError) as wrong:
        issue(backend=backend_for(Official(NIK), "salah-ketik"))
    message = sign_failure_message(wrong.value)
    assert "Passphrase anda salah" in message and "salah-ketik" not in message
    settings.DOCUMENTS_BSRE_URL = "http://127.0.0.1:9"  # nothing listens: service down
    with pytest.raises(BsreError) as down:
        issue(backend=backend_for(Official(NIK), PASSPHRASE))
    assert "tidak dapat dihubungi" in sign_failure_message(down.value)
    assert set(LetterNumber.objects.values_list("status", flat=True)) == {
        LetterNumber.Status.CANCELLED}
