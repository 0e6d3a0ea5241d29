import io
from datetime import date

import segno
from pypdf import PdfReader

from balai.documents.render import Letter, Signer, letter_render_pdf


def letter(**extra) -> Letter:
    fields = dict(number="000/7/DISKOMINFO/2026", subject="Uji", addressee="Sdr. A",
                  body=["Isi surat."], issued_on=date(2026, 8, 17),
                  signer=Signer(name="B", position="Kepala Dinas"),
                  verify_url="https://layanan.example.go.id/verifikasi/x")
    fields.update(extra)
    return Letter(**fields)


def images_on_first_page(pdf: bytes) -> int:
    resources = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]
    xobjects = resources.get("/XObject", {})
    return sum(1 for ref in xobjects.values() if ref.get_object()["/Subtype"] == "/Image")


def test_configured_local_logo_is_printed_in_the_letterhead(settings, tmp_path):
    logo = tmp_path / "logo.png"
    segno.make("LOGO").save(logo, scale=10)
    settings.BALAI_INSTALLATION = {**settings.BALAI_INSTALLATION, "logo": str(logo)}
    with_logo = letter_render_pdf(letter())
    settings.BALAI_INSTALLATION = {**settings.BALAI_INSTALLATION, "logo": ""}
    without = letter_render_pdf(letter())
    assert images_on_first_page(with_logo) == images_on_first_page(without) + 1


def test_remote_logo_url_is_not_fetched(settings):
    settings.BALAI_INSTALLATION = {**settings.BALAI_INSTALLATION,
                                   "logo": "https://example.invalid/logo.png"}
    text = PdfReader(io.BytesIO(letter_render_pdf(letter()))).pages[0].extract_text()
    assert "17 Agustus 2026" in text


def test_long_letter_numbers_its_pages(settings):
    pdf = letter_render_pdf(letter(body=["Paragraf panjang. " * 80] * 6))
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 2
    assert f"Halaman 2 dari {len(pages)}" in pages[1].extract_text()


def test_specimen_mark_only_on_demo_letters():
    text = PdfReader(io.BytesIO(letter_render_pdf(letter()))).pages[0].extract_text()
    assert "SPESIMEN" not in text
    demo = letter_render_pdf(letter(specimen=True))
    assert "SPESIMEN / DEMO" in PdfReader(io.BytesIO(demo)).pages[0].extract_text()


def test_letters_declare_pdf_a_2b_for_the_archive():
    reader = PdfReader(io.BytesIO(letter_render_pdf(letter())))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in xmp
