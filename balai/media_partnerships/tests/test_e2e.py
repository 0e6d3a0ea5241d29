"""In Chromium: an outlet registers on a phone, is told what is wrong in Indonesian without
losing what it typed, keeps its private link and applies; the team reads the findings."""

from datetime import date

import pytest
from playwright.sync_api import expect

from balai.e2e.tests.login import log_in
from balai.media_partnerships.models import Application, MediaOutlet
from balai.media_partnerships.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fill_registration(page):
    values = {"id_name": "Suara Arema", "id_company_name": "PT Suara Arema Media",
              "id_deed_number": "45", "id_npwp": "012345678901234", "id_kbli": "63122",
              "id_press_council_certificate": "555/DP-Terverifikasi/K/2023",
              "id_press_council_valid_until": "30/06/2028",
              "id_first_published_on": "01/03/2020", "id_address": "Jl. Ijen 5, Malang",
              "id_email": "redaksi@suaraarema.example", "id_phone": "0341555666",
              "id_bank_name": "BRI", "id_bank_account_number": "123456789",
              "id_bank_account_name": "PT Suara Arema Media", "id_chief_name": "Dian Prasetya",
              "id_chief_ukw_certificate": "UKW-UT-77"}
    for field, value in values.items():
        page.fill(f"#{field}", value)
    page.select_option("#id_media_type", "online")
    page.select_option("#id_legal_form", "pt")
    page.select_option("#id_press_council_status", "factual")
    page.select_option("#id_chief_ukw_level", "utama")
    page.check("#id_has_local_office")
    page.set_input_files("#id_deed", files=[{"name": "akta.pdf", "mimeType": "application/pdf",
                                             "buffer": PDF}])


def test_an_outlet_registers_on_a_phone_and_applies(e2e_page, screenshot):
    factories.verification_round(opens_on=date(2026, 1, 1), closes_on=date(2099, 12, 31))
    page = e2e_page(390, 844)
    page.goto("/mitra-media/daftar/")
    screenshot(page, "media-register-390")
    fill_registration(page)
    page.get_by_role("button", name="Kirim pendaftaran").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Isi NIB (13 angka).")
    expect(page.locator("#id_name")).to_have_value("Suara Arema")
    screenshot(page, "media-register-error-390")
    page.fill("#id_nib", "9120009876543")
    page.set_input_files("#id_deed", files=[{"name": "akta.pdf", "mimeType": "application/pdf",
                                             "buffer": PDF}])
    page.get_by_role("button", name="Kirim pendaftaran").click()
    expect(page.locator("h1")).to_contain_text("Pendaftaran diterima")
    link = page.locator("#private-link").get_attribute("href")
    page.goto(link)
    page.get_by_role("button", name="Ajukan verifikasi").click()
    expect(page.locator(".application")).to_contain_text("Diajukan")
    outlet = MediaOutlet.objects.get(name="Suara Arema")
    assert Application.objects.filter(outlet=outlet).exists()
    page.assert_fits_width()
    # The refused form answers 400 by design (the browser logs it); nothing else may fail.
    assert [e for e in page.balai_errors if "status of 400" not in e] == []


def test_the_team_reads_the_findings_on_the_verification_page(e2e_page, screenshot,
                                                             tim_verifikasi, password):
    rnd = factories.verification_round(opens_on=date(2026, 1, 1), closes_on=date(2099, 12, 31))
    from balai.media_partnerships import services  # noqa: PLC0415

    application = services.application_submit(outlet=factories.outlet(ukw="madya"), round=rnd)
    page = e2e_page(1280, 800)
    log_in(page, tim_verifikasi, password)
    page.goto(f"/mitra-media/staf/verifikasi/{application.pk}/")
    page.get_by_role("button", name="Mulai verifikasi").click()
    expect(page.locator("#checklist")).to_contain_text("UKW madya")
    screenshot(page, "media-verification-1280")
    assert page.balai_errors == []


def test_the_media_officer_sets_a_checklist_and_a_price_in_the_browser(
        e2e_page, screenshot, petugas_media, password):
    rnd = factories.verification_round(year=2027, opens_on=date(2027, 1, 4),
                                       closes_on=date(2027, 1, 29))
    page = e2e_page(1280, 800)
    log_in(page, petugas_media, password)
    page.goto(f"/mitra-media/staf/putaran/{rnd.pk}/")
    page.select_option("#id_kind", "kbli")
    page.fill("#id_value", "6312")
    page.fill("#id_label", "KBLI portal berita")
    page.get_by_role("button", name="Tambahkan butir").click()
    expect(page.locator(".error-summary")).to_contain_text("lima digit")
    expect(page.locator("#id_label")).to_have_value("KBLI portal berita")
    screenshot(page, "media-round-error-1280")
    page.fill("#id_value", "63122")
    page.get_by_role("button", name="Tambahkan butir").click()
    expect(page.locator("#requirements")).to_contain_text("KBLI portal berita")
    screenshot(page, "media-round-1280")

    phone = e2e_page(390, 844)
    log_in(phone, petugas_media, password)
    phone.goto("/mitra-media/staf/standar-harga/")
    phone.fill("#id_year", "2027")
    phone.fill("#id_legal_basis", "Perwal Malang 3/2026")
    phone.get_by_role("button", name="Buat standar harga").click()
    expect(phone.locator("h1")).to_contain_text("Standar harga 2027")
    phone.select_option("#id_media_type", "online")
    phone.select_option("#id_item_kind", "news")
    phone.select_option("#id_tier", "A")
    phone.fill("#id_price", "1250000")
    phone.get_by_role("button", name="Simpan harga").click()
    expect(phone.locator("#rate-card")).to_contain_text("1.250.000")
    screenshot(phone, "media-rate-card-390")
    phone.assert_fits_width()
    assert [e for e in page.balai_errors + phone.balai_errors
            if "status of 400" not in e] == []
