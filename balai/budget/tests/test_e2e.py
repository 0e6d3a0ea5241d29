"""The budget pages in Chromium on a phone (390×844): a citizen opens the year, reads an
agency's figures and drills down to a sub-kegiatan; the walidata imports a file with a bad row
and reads what to correct."""

import pytest
from playwright.sync_api import expect

from balai.budget.models import Stage
from balai.budget.tests import factories as f
from balai.budget.tests.test_pages import murni, publish, realisasi

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_citizen_drills_down_from_the_year_to_a_sub_kegiatan(e2e_page, screenshot, opds,
                                                               walidata):
    publish(murni(), Stage.MURNI, walidata)
    publish(realisasi(), Stage.REALISASI, walidata)
    page = e2e_page(390, 844)
    page.goto("/anggaran/")
    expect(page.get_by_role("heading", level=1)).to_have_text("APBD 2026")
    row = page.locator("#agencies tbody tr").filter(has_text="Dinas Komunikasi")
    expect(row).to_contain_text("Rp500.000.000")  # 150 + 40 + 310 million
    expect(row).to_contain_text("84,0%")  # 420 of 500 million
    page.assert_fits_width()
    screenshot(page, "budget-year-390")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dinas Komunikasi dan Informatika")
    page.get_by_text("2.16.02.2.01", exact=True).click()  # open the kegiatan
    sub = page.locator("li").filter(has_text="2.16.02.2.01.0006")
    expect(sub).to_be_visible()
    expect(sub).to_contain_text("Rp40.000.000")
    page.assert_fits_width()
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == []
    screenshot(page, "budget-agency-390")


def test_the_walidata_uploads_a_file_with_a_bad_row_and_reads_what_to_correct(
        e2e_page, e2e_log_in, screenshot, opds, walidata, tmp_path):
    bad = tmp_path / "apbd-2026.csv"
    bad.write_bytes(f.csv_bytes(murni() + [
        f.line("Dinas Rahasia", "2.16.02.2.01.0005", "5.1.02.01.01.0052", "1.000.000")]))
    page = e2e_page(390, 844)
    e2e_log_in(page, walidata)
    page.goto("/anggaran/staf/impor/")
    page.get_by_label("Tahun anggaran").fill("2026")
    page.get_by_label("APBD murni").check()
    page.get_by_label("Berkas (CSV atau XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Periksa dan impor").click()
    report = page.locator("#import-report")
    expect(report).to_contain_text("Dinas Rahasia")
    expect(page.locator(".error-summary")).to_contain_text(
        "1 baris memuat kesalahan; tidak ada yang diimpor")
    page.assert_fits_width()
    screenshot(page, "budget-import-report-390")
