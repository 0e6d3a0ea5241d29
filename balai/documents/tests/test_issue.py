import hashlib
import io
import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from balai.core.audit import audit_trail
from balai.core.tests.programs import needs_program
from balai.documents import services
from balai.documents.models import LetterNumber
from balai.documents.signing import signing_identity
from balai.documents.storage import documents_storage, pdf_read, pdf_store
from balai.documents.tests.factories import issue

ARTIFACTS = Path(os.environ.get("BALAI_TEST_ARTIFACTS",
                                Path(settings.BASE_DIR).parent / "test-artifacts")) / "documents"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_issued_letter_carries_a_valid_pades_signature(db, kepala_dinas):
    document = issue(actor=kepala_dinas)
    data = pdf_read(document.pdf_path)
    sig = PdfFileReader(io.BytesIO(data)).embedded_signatures[-1]
    status = validate_pdf_signature(
        sig, ValidationContext(trust_roots=list(signing_identity().trust_roots)))
    assert status.bottom_line
    assert "SPESIMEN / DEMO" in status.signing_cert.subject.human_friendly
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


def test_issued_letter_shows_number_letterhead_and_specimen_mark(db, kepala_dinas):
    document = issue(actor=kepala_dinas)
    data = pdf_read(document.pdf_path)
    text = pdf_text(data)
    inst = settings.BALAI_INSTALLATION
    assert document.number.full_number == "000.8.3.3/1/DISKOMINFO/" + str(
        document.issued_at.year)
    assert document.number.full_number in text
    assert inst["pemda_name"].upper() in text
    assert inst["office_name"].upper() in text
    assert inst["address"] in text
    assert "SPESIMEN / DEMO" in text
    assert f"https://layanan.example.go.id/verifikasi/{document.uuid}" in text
    assert "Halaman 1 dari 1" in text
    assert "Daftar menara telekomunikasi 2025" in text

    needs_program("pdftoppm")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "letter.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1",
                    str(ARTIFACTS / "letter.pdf"), str(ARTIFACTS / "letter")], check=True)
    png = next(ARTIFACTS.glob("letter-*1.png"))
    assert png.stat().st_size > 10_000


def test_citizen_text_is_printed_literally_not_run_as_typst(db):
    document = issue(subject='#panic("x") *tebal* $x$ <label> @ref',
                     addressee='Sdr. "Budi" #read("/etc/passwd")')
    text = pdf_text(pdf_read(document.pdf_path))
    assert '#panic("x") *tebal* $x$ <label> @ref' in text
    assert '#read("/etc/passwd")' in text
    assert "root:" not in text


def test_issue_is_audited_with_the_hash(db, kepala_dinas):
    document = issue(actor=kepala_dinas)
    entry = audit_trail(document).get()
    assert entry.action == "documents.issued"
    assert entry.actor == kepala_dinas
    assert entry.data["sha256"] == document.sha256
    assert entry.data["number"] == document.number.full_number


def test_failed_rendering_cancels_the_number_with_its_reason(db, monkeypatch):
    def broken(letter):
        raise RuntimeError("typst crashed")

    monkeypatch.setattr(services, "letter_render_pdf", broken)
    with pytest.raises(RuntimeError):
        issue()
    number = LetterNumber.objects.get()
    assert number.status == LetterNumber.Status.CANCELLED
    assert "RuntimeError" in number.cancel_reason


def test_redownload_serves_the_stored_bytes(client, kepala_dinas, password):
    document = issue(actor=kepala_dinas)
    client.post(reverse("accounts:login"), {"username": kepala_dinas.email,
                                            "password": password})
    first = client.get(reverse("documents:download", args=[document.uuid]))
    second = client.get(reverse("documents:download", args=[document.uuid]))
    assert first.status_code == 200
    assert first.content == second.content == pdf_read(document.pdf_path)
    assert hashlib.sha256(first.content).hexdigest() == document.sha256
    assert first["Cache-Control"] == "private, no-store"  # letters carry personal data


def test_citizen_cannot_download_issued_pdf(client, warga, password):
    document = issue()
    client.post(reverse("accounts:login"), {"username": warga.email, "password": password})
    assert client.get(reverse("documents:download", args=[document.uuid])).status_code == 403


def test_same_content_is_stored_once(db, settings):
    digest, path = pdf_store(b"%PDF-1.7 same")
    again, path2 = pdf_store(b"%PDF-1.7 same")
    assert (digest, path) == (again, path2)
    _, files = documents_storage().listdir(path.rsplit("/", 1)[0])
    assert files == [f"{digest}.pdf"]
