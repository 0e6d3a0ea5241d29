"""In Chromium at phone size (390×844): the directory searched with a word people type, an
OPD's list, a service's start page, the printable checklist and "Adukan layanan ini"; and
an OPD's officer changing the standard at desk size (1280×800)."""

import pytest
from playwright.sync_api import expect

from balai.public_services.models import Service

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory(db):
    from balai.demo.complaints import load_categories
    from balai.demo.loader import load_agencies, load_personas
    from balai.demo.public_services import load_services

    load_agencies()
    load_personas()
    load_categories()
    load_services()



def test_a_citizen_finds_what_to_bring_for_an_akta_kelahiran(e2e_page, screenshot,
                                                           directory):
    page = e2e_page(390, 844)
    page.goto("/layanan/")
    expect(page.get_by_role("heading", name="Layanan publik")).to_be_visible()
    page.get_by_label("Cari layanan").fill("akta lahir")
    page.get_by_role("button", name="Cari").click()
    results = page.locator("#results")
    expect(results).to_contain_text("Penerbitan Akta Kelahiran")
    assert results.locator("li").first.inner_text().startswith("Penerbitan Akta Kelahiran")
    page.assert_clean()
    screenshot(page, "layanan-search-390")

    page.get_by_role("link", name="Penerbitan Akta Kelahiran").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Penerbitan Akta Kelahiran")
    expect(page.locator(".checklist")).to_contain_text("Surat keterangan lahir")
    expect(page.locator(".key-facts")).to_contain_text("1 hari kerja")
    expect(page.locator(".key-facts")).to_contain_text("Gratis")
    page.assert_clean()
    screenshot(page, "layanan-service-390")

    page.get_by_role("link", name="Cetak daftar periksa").click()
    expect(page.get_by_role("button", name="Cetak")).to_be_visible()
    screenshot(page, "layanan-checklist-390")
    page.go_back()

    page.get_by_role("link", name="Adukan layanan ini").click()
    expect(page.get_by_text("Penerbitan Akta Kelahiran · Dispendukcapil")).to_be_visible()
    page.go_back()

    page.get_by_role("link", name="‹ Dinas Kependudukan dan Pencatatan Sipil Kota Malang"
                     ).click()
    expect(page.locator("#services")).to_contain_text("Penerbitan KTP-el baru")
    page.assert_clean()
    screenshot(page, "layanan-opd-390")

    page.goto("/layanan/kesiapan/")
    expect(page.locator("#readiness")).to_contain_text("Dinas Kependudukan")
    page.get_by_role("link", name="Dinas Kependudukan dan Pencatatan Sipil Kota Malang").click()
    expect(page.locator("#services")).to_contain_text("Zona")
    page.assert_clean()
    screenshot(page, "layanan-readiness-opd-390")


def test_an_opd_officer_changes_the_time_and_the_version_shows_it(e2e_page, e2e_log_in,
                                                                  screenshot, directory,
                                                                  password):
    from balai.accounts.models import User

    officer = User.objects.get(email="humas.dukcapil@demo.balai.id")
    officer.set_password(password)
    officer.save(update_fields=["password"])
    page = e2e_page(1280, 800)
    e2e_log_in(page, officer)
    page.goto("/layanan/staf/")
    expect(page.locator("table")).to_contain_text("Penerbitan KTP-el baru")
    assert "Polresta" not in page.locator("table").inner_text()
    screenshot(page, "layanan-staff-list-1280")
    service = Service.objects.get(agency__code="dispendukcapil", slug="penerbitan-ktp-el-baru")
    page.goto(f"/layanan/staf/{service.pk}/")
    page.get_by_label("Jangka waktu penyelesaian").fill("2")
    page.get_by_label("Apa yang berubah").fill("Dua hari kerja saat blangko habis")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".key-facts")).to_contain_text("2 hari kerja")
    page.get_by_text("Standar pelayanan selengkapnya").click()
    page.get_by_role("link", name="lihat perubahannya").click()
    expect(page.locator(".diff").first).to_contain_text("2 hari kerja")
    page.assert_clean()


def test_a_citizen_rates_a_service_and_reads_the_yearly_results(e2e_page, screenshot,
                                                                 directory):
    """The SKM form at phone size, and the demo's survey published for last year: graded
    OPDs and services, and services with too few answers shown as such."""
    from django.utils import timezone

    from balai.demo.public_services import load_skm
    from balai.public_services.models import SkmResponse
    from balai.public_services.selectors import skm_year

    load_skm()
    last_year = timezone.localdate().year - 1
    rows = skm_year(last_year)
    graded = [s for r in rows for s in r.services if s.index.enough]
    assert graded and any(not s.index.enough for r in rows for s in r.services)
    assert {s.index.grade for s in graded} >= {"A", "B"}
    assert not SkmResponse.objects.filter(answered_on__gte=timezone.localdate()).exists()

    page = e2e_page(390, 844)
    page.goto("/layanan/dispendukcapil/penerbitan-akta-kelahiran/")
    page.get_by_role("link", name="Nilai layanan ini").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nilai layanan ini")
    for i, answer in enumerate(["Sesuai", "Mudah", "Sangat cepat", "Gratis", "Sesuai",
                                "Kompeten", "Sangat sopan dan ramah",
                                "Dikelola dengan baik", "Baik"], start=1):
        page.locator(f"#id_u{i}").get_by_label(answer, exact=True).check()
    page.get_by_text("Tentang Anda (tidak wajib)").click()
    page.get_by_label("Pendidikan").select_option("S1")
    page.assert_fits_width()
    page.assert_clean()
    screenshot(page, "layanan-skm-form-390")
    page.get_by_role("button", name="Kirim jawaban saya").click()
    expect(page.get_by_text("Terima kasih: jawaban Anda tercatat")).to_be_visible()
    assert SkmResponse.objects.filter(answered_on=timezone.localdate()).count() == 1

    page.get_by_role("link", name="Hasil survei").click()
    page.get_by_role("link", name=str(last_year)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(last_year))
    expect(page.locator("#opd-dispendukcapil")).to_contain_text("IKM")
    expect(page.locator("body")).to_contain_text("terlalu sedikit tanggapan")
    page.assert_fits_width()
    page.assert_clean()
    screenshot(page, "layanan-skm-year-390")


def test_adukan_layanan_ini_sends_the_complaint_to_the_services_opd(e2e_page, tmp_path,
                                                                   malang, cats, admin):
    """From a DLH service filed under a PUPR category: the form shows the service and DLH
    as the destination, and the complaint lands at DLH (routing rule "asset")."""
    from balai.complaints.models import Complaint
    from balai.complaints.tests import factories as complaint_factories
    from balai.public_services.tests import factories

    factories.service(malang["dlh"], admin, name="Pengangkutan sampah usaha", slug="angkut",
                      complaint_category=cats["jalan"])
    photo = tmp_path / "bak.jpg"
    photo.write_bytes(complaint_factories.jpeg_with_gps(*complaint_factories.ALUN_ALUN)
                      .getvalue())
    page = e2e_page(390, 844)
    page.goto("/layanan/dlh/angkut/")
    page.get_by_role("link", name="Adukan layanan ini").click()
    expect(page.locator("#report-destination")).to_contain_text(malang["dlh"].name)
    expect(page.locator("#report-asset")).to_contain_text("Pengangkutan sampah usaha")
    assert page.locator("#id_category option:checked").inner_text() == "Jalan rusak"
    page.set_input_files("#id_photos", str(photo))
    expect(page.locator("#id_lat")).not_to_have_value("")  # no string eval under the CSP
    page.fill("#id_description", "Petugas tidak datang dua minggu.")
    page.fill("#id_reporter_email", "siti@example.id")
    page.assert_fits_width()
    page.locator("main form#report-form button[type=submit]").click()
    page.wait_for_selector(".panel--confirmation")
    complaint = Complaint.objects.get()
    assert (complaint.agency, complaint.routing_rule) == (malang["dlh"], "asset")
    page.assert_clean()
