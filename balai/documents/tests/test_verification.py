import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from balai.documents.render import Letter, Signer, letter_render_pdf
from balai.documents.services import letter_number_cancel
from balai.documents.signing import pdf_sign, signing_identity
from balai.documents.storage import pdf_read
from balai.documents.tests.factories import issue
from balai.documents.verification import Verdict, pdf_verify


def tampered(data: bytes) -> bytes:
    """Flip one byte inside the first content stream, leaving the file's structure."""
    start = data.index(b"stream", data.index(b"/Contents")) + len(b"stream\n") + 20
    out = bytearray(data)
    out[start] ^= 0x01
    assert bytes(out) != data
    return bytes(out)


def unissued_signed_pdf() -> bytes:
    letter = Letter(number="000/9/LAIN/2026", subject="Bukan dari register",
                    addressee="Siapa saja", body=["Isi."], issued_on=date(2026, 1, 5),
                    signer=Signer(name="X", position="Y"),
                    verify_url="https://example.invalid/verifikasi/x")
    return pdf_sign(letter_render_pdf(letter), identity=signing_identity(), reason="t",
                    location="t")


def test_issued_pdf_is_authentic_and_unchanged(db):
    document = issue()
    verdict = pdf_verify(pdf_read(document.pdf_path))
    assert verdict.outcome == Verdict.AUTHENTIC
    assert verdict.document == document
    assert verdict.signature.valid


def test_pdf_with_one_flipped_byte_is_reported_altered(db):
    document = issue()
    verdict = pdf_verify(tampered(pdf_read(document.pdf_path)))
    assert verdict.outcome == Verdict.ALTERED
    assert not verdict.signature.valid


def test_bytes_appended_after_signing_are_reported_altered(db):
    document = issue()
    verdict = pdf_verify(pdf_read(document.pdf_path) + b"\n%%extra\n")
    assert verdict.outcome == Verdict.ALTERED


def test_intact_signature_not_in_our_register_is_foreign(db):
    verdict = pdf_verify(unissued_signed_pdf())
    assert verdict.outcome == Verdict.FOREIGN
    assert verdict.document is None


def test_unsigned_pdf_is_not_valid(db):
    pdf = letter_render_pdf(Letter(number="1", subject="s", addressee="a", body=["b"],
                                   issued_on=date(2026, 1, 5),
                                   signer=Signer(name="n", position="p"),
                                   verify_url="https://x.invalid"))
    verdict = pdf_verify(pdf)
    assert verdict.outcome == Verdict.ALTERED
    assert not verdict.signature.signed


def test_upload_form_reports_tampered_pdf_as_altered(client, db):
    document = issue()
    upload = SimpleUploadedFile("surat.pdf", tampered(pdf_read(document.pdf_path)),
                                content_type="application/pdf")
    response = client.post(reverse("documents:verify_upload"), {"file": upload})
    assert response.status_code == 200
    assert response.context["verdict"].outcome == Verdict.ALTERED
    assert b'data-outcome="altered"' in response.content


def test_upload_form_reports_issued_pdf_as_authentic_in_indonesian(client, db):
    document = issue()
    upload = SimpleUploadedFile("surat.pdf", pdf_read(document.pdf_path))
    response = client.post(reverse("documents:verify_upload"), {"file": upload},
                           HTTP_ACCEPT_LANGUAGE="id")
    assert b'data-outcome="authentic"' in response.content
    assert document.number.full_number.encode() in response.content
    assert b"Asli dan tidak berubah" in response.content


def test_upload_form_refuses_a_non_pdf(client, db):
    upload = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\xe0 not a pdf")
    response = client.post(reverse("documents:verify_upload"), {"file": upload})
    assert response.context["verdict"] is None
    assert response.context["form"].errors["file"]


def test_verification_page_shows_number_signer_hash_and_validity(client, db):
    document = issue()
    response = client.get(reverse("documents:verify", args=[document.uuid]))
    assert response.status_code == 200
    body = response.content.decode()
    assert document.number.full_number in body
    assert document.sha256 in body
    assert "Dra. Siti Aminah, M.Si." in body
    assert response.context["check"].valid
    assert "SPESIMEN / DEMO" in body


def test_verification_page_of_unknown_uuid_is_404(client, db):
    response = client.get("/verifikasi/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/verifikasi/"])
def test_upload_page_renders_for_anyone(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    # Anyone holding a letter can check it: a file field for the PDF, no log-in asked.
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html


def test_letter_body_survives_text_extraction(db):
    document = issue()
    text = PdfReader(io.BytesIO(pdf_read(document.pdf_path))).pages[0].extract_text()
    assert "Demikian pemberitahuan ini kami sampaikan." in text


def test_issued_pdf_whose_number_was_cancelled_is_reported_as_cancelled(db, kepala_dinas):
    document = issue()
    letter_number_cancel(number=document.number, reason="Ditarik, diganti surat baru",
                         actor=kepala_dinas)
    verdict = pdf_verify(pdf_read(document.pdf_path))
    assert verdict.outcome == Verdict.CANCELLED
    assert verdict.document == document


def test_upload_checks_are_rate_limited_per_connection(client, db, monkeypatch):
    from django.core.cache import cache

    from balai.documents import views

    cache.clear()
    monkeypatch.setattr(views, "VERIFY_UPLOADS_PER_HOUR", 2)
    document = issue()
    data = pdf_read(document.pdf_path)
    for _ in range(2):
        response = client.post(reverse("documents:verify_upload"),
                               {"file": SimpleUploadedFile("surat.pdf", data)})
        assert response.context["verdict"].outcome == Verdict.AUTHENTIC
    response = client.post(reverse("documents:verify_upload"),
                           {"file": SimpleUploadedFile("surat.pdf", data)})
    assert response.status_code == 429
    assert response.context["verdict"] is None
    assert "Terlalu banyak dokumen" in response.content.decode()
    cache.clear()


def facts(html: str) -> dict[str, str]:
    """The key/value rows of the shared facts list, as a reader sees them."""
    block = html[html.index('id="facts"'):]
    block = block[:block.index("</dl>")]
    rows = re.findall(r'<dt class="summary-list__key">(.*?)</dt>\s*'
                      r'<dd class="summary-list__value">(.*?)</dd>', block, re.S)
    return {key: " ".join(re.sub(r"<[^>]+>", " ", value).split()) for key, value in rows}


def test_qr_page_and_upload_show_the_same_facts_and_a_readable_certificate(client, db):
    document = issue()
    qr = client.get(reverse("documents:verify", args=[document.uuid]),
                    HTTP_ACCEPT_LANGUAGE="id").content.decode()
    upload = client.post(reverse("documents:verify_upload"),
                         {"file": SimpleUploadedFile("surat.pdf", pdf_read(document.pdf_path))},
                         HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert facts(qr) == facts(upload)
    shown = facts(qr)
    assert shown["Nomor"] == document.number.full_number
    assert shown["Pemilik sertifikat"].startswith("SPESIMEN / DEMO")
    assert shown["Organisasi"] == "Pemerintah Kota Malang (SPESIMEN / DEMO)"
    assert shown["Penerbit sertifikat"] == "SPESIMEN / DEMO balai Root CA, Pemerintah Kota Malang"
    assert re.fullmatch(r"dari \d{1,2} \w+ \d{4} sampai \d{1,2} \w+ \d{4}",
                        shown["Masa berlaku sertifikat"])
    for page in (qr, upload):
        assert 'id="specimen"' in page and "SPESIMEN / DEMO</strong>" in page
        assert "CN=" not in page and "Common Name:" not in page  # no raw DN


def test_a_foreign_demo_signed_pdf_still_carries_the_specimen_warning(client, db):
    response = client.post(reverse("documents:verify_upload"),
                           {"file": SimpleUploadedFile("surat.pdf", unissued_signed_pdf())})
    assert response.context["verdict"].outcome == Verdict.FOREIGN
    assert 'id="specimen"' in response.content.decode()
