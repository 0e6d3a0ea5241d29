"""The public tower page a QR plate opens, the plate, and the "cek titik" page."""

import subprocess
from datetime import date

import pytest
from PIL import Image

from balai.core.tests.programs import needs_program, pdf_text
from balai.towers.models import Tower
from balai.towers.tests import factories

pytestmark = pytest.mark.django_db


def test_the_plate_page_shows_the_tower_and_links_to_a_prefilled_complaint(client):
    tower = factories.tower("MLG-0007", last_inspected_on=date(2026, 10, 5))
    tower.permits.create(kind="pbg", number="PBG-7", issued_on=date(2020, 1, 1))
    page = client.get("/menara/MLG-0007/").content.decode()
    assert "MLG-0007" in page and "PT Menara Bersama Nusantara" in page
    assert "5 Oktober 2026" in page
    assert "Laporkan masalah menara ini" in page
    assert ("/pengaduan/lapor/?kategori=menara&amp;aset=menara%3AMLG-0007"
            "&amp;lat=-7.940950&amp;lng=112.619250"
            "&amp;title=Masalah+pada+menara+MLG-0007") in page
    # The public never sees the company's contact person or the permit's number.
    assert "Andi Wijaya" not in page and "PBG-7" not in page


def test_a_code_typed_in_small_letters_finds_the_tower_and_planned_ones_are_hidden(client):
    factories.tower("MLG-0008")
    factories.tower("MLG-0009", status=Tower.Status.PLANNED)
    assert client.get("/menara/mlg-0008/").status_code == 200
    assert client.get("/menara/MLG-0009/").status_code == 404


def test_the_plate_is_an_svg_with_a_qr_code_for_staff(client, petugas_menara, warga):
    factories.tower("MLG-0010")
    client.force_login(petugas_menara)
    response = client.get("/menara/MLG-0010/plat.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert b"MLG-0010" in response.content and b"<path" in response.content
    client.force_login(warga)
    assert client.get("/menara/MLG-0010/plat.svg").status_code == 403


def test_cek_titik_answers_with_the_reasons(client):
    factories.circle_zone("Zona Sel Lowokwaru 3", "allowed", factories.SUHAT, 800, cap=42)
    ok = client.get("/menara/cek-titik/", {"lat": "-7.94095", "lng": "112.61925",
                                           "height_m": "30"}).content.decode()
    assert "Titik ini dapat memperoleh rekomendasi" in ok
    assert "Titik ini berada di dalam zona sel Zona Sel Lowokwaru 3" in ok
    outside = client.get("/menara/cek-titik/", {"lat": "-7.99", "lng": "112.66"})
    assert "Titik ini tidak dapat memperoleh rekomendasi" in outside.content.decode()


def test_cek_titik_says_what_is_wrong_with_a_bad_point(client):
    response = client.get("/menara/cek-titik/", {"lat": "abc", "lng": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tulis lintang sebagai angka desimal, misalnya -7.9666." in page
    assert "Pilih titik di peta atau isi bujurnya." in page


def test_cek_titik_is_rate_limited(client, settings):
    settings.TOWERS_CHECKS_PER_HOUR = 2
    for _ in range(2):
        assert client.get("/menara/cek-titik/", {"lat": "-7.9", "lng": "112.6"}).status_code \
            == 200
    assert client.get("/menara/cek-titik/", {"lat": "-7.9", "lng": "112.6"}).status_code == 429


def test_the_complaint_form_opens_with_the_tower_filled_in(client, cats):
    from balai.complaints.models import Category, CategoryGroup

    group = CategoryGroup.objects.first()
    menara = Category.objects.create(group=group, code="menara", name="Menara telekomunikasi")
    page = client.get("/pengaduan/lapor/", {
        "kategori": "menara", "lat": "-7.940950", "lng": "112.619250",
        "title": "Masalah pada menara MLG-0007"}).content.decode()
    assert 'value="-7.94095"' in page and 'value="112.61925"' in page
    assert 'value="Masalah pada menara MLG-0007"' in page
    assert f'<option value="{menara.pk}" selected>' in page


def test_an_officer_who_scans_the_plate_can_go_on_to_inspect_it(client, petugas_menara):
    factories.tower("MLG-0011")
    assert "/menara/periksa/?kode=MLG-0011" not in client.get("/menara/MLG-0011/").content.decode()
    client.force_login(petugas_menara)
    page = client.get("/menara/MLG-0011/").content.decode()
    assert "/menara/periksa/?kode=MLG-0011" in page
    form = client.get("/menara/periksa/?kode=MLG-0011").content.decode()
    assert 'value="MLG-0011"' in form


def test_the_plates_print_as_a_pdf_one_a5_page_each(client, petugas_menara, warga, tmp_path):
    """Rendered with Typst, read back with pdftotext and drawn with pdftoppm: the code, the
    owner and the hint on each plate, one A5 page per tower with a plate."""
    factories.tower("MLG-0011")
    factories.tower("MLG-0012", at=factories.ALUN_ALUN,
                    company=factories.company("PT Tiang Kota"))
    factories.tower("MLG-0013", status=Tower.Status.PLANNED)  # no plate yet
    client.force_login(petugas_menara)
    response = client.get("/menara/staf/plat.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "plates.pdf"
    pdf.write_bytes(response.content)
    text = pdf_text(pdf)
    assert "MLG-0011" in text and "MLG-0012" in text and "MLG-0013" not in text
    assert "PT Tiang Kota" in text and "Pindai untuk melihat menara ini" in text
    one = client.get("/menara/staf/plat.pdf?kode=mlg-0012").content
    assert one.startswith(b"%PDF-")
    subprocess.run([needs_program("pdftoppm"), "-png", "-r", "40", str(pdf),
                    str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2  # A5 (148 × 210 mm) at 40 dpi: 234 × 331 px
    with Image.open(pages[0]) as img:
        assert img.size == (234, 331)
    client.force_login(warga)
    assert client.get("/menara/staf/plat.pdf").status_code == 403
