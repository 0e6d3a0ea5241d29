import io
from datetime import date

import segno
from PIL import Image
from pypdf import PdfReader

from balai.documents.render import DEMO_LOGO, Letter, Signer, letter_render_pdf, letterhead_logo


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


def image_sizes_on_first_page(pdf: bytes) -> list[tuple[int, int]]:
    resources = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]
    images = [ref.get_object() for ref in resources.get("/XObject", {}).values()]
    return sorted((int(i["/Width"]), int(i["/Height"])) for i in images
                  if i["/Subtype"] == "/Image")


def test_configured_local_logo_is_printed_in_the_letterhead(settings, tmp_path):
    logo = tmp_path / "logo.png"
    segno.make("LOGO").save(logo, scale=10)
    settings.BALAI_INSTALLATION = {**settings.BALAI_INSTALLATION, "logo": str(logo)}
    sizes = image_sizes_on_first_page(letter_render_pdf(letter()))
    assert Image.open(logo).size in sizes
    assert Image.open(DEMO_LOGO).size not in sizes


def test_without_a_configured_logo_the_letterhead_carries_the_demo_logo(settings):
    settings.BALAI_INSTALLATION = {**settings.BALAI_INSTALLATION, "logo": ""}
    settings.DOCUMENTS_LOGO_PATH = ""
    assert letterhead_logo() == DEMO_LOGO
    assert Image.open(DEMO_LOGO).size in image_sizes_on_first_page(letter_render_pdf(letter()))


def test_signer_block_prints_name_position_rank_and_nip():
    signer = Signer(name="Drs. Bambang Sutrisno", position="Atasan PPID",
                    nip="197805122005011003", rank="Pembina Tk. I (IV/b)")
    text = PdfReader(io.BytesIO(letter_render_pdf(letter(signer=signer)))).pages[0] \
        .extract_text()
    lines = [line.strip() for line in text.splitlines()]
    assert "Atasan PPID," in lines
    at = lines.index("Drs. Bambang Sutrisno")
    assert lines[at + 1:at + 3] == ["Pembina Tk. I (IV/b)", "NIP 197805122005011003"]


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
