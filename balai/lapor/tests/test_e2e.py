"""The SP4N-LAPOR! page in Chromium on a phone (390×844): the verifikator imports LAPOR!'s
export, reads what to correct in the bad row, corrects it and sees the new complaint."""

import pytest
from playwright.sync_api import expect

from balai.lapor.tests.test_lapor import HEADER

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_desk_imports_lapor_reports_after_correcting_a_bad_row(
        e2e_page, e2e_log_in, screenshot, cats, verifikator, tmp_path, complaint_files):
    good = ("4713082,2026-11-30,Jalan berlubang,Lubang besar di depan sekolah.,Jalan rusak,"
            "Kiduldalem,Didisposisikan,,Tidak,Tidak,Budi,")
    bad = tmp_path / "ekspor-lapor.csv"
    bad.write_text("\n".join([HEADER, good, "4713127,kemarin,Sampah,Sampah menumpuk.,"
                              "Sampah menumpuk,Kiduldalem,,,Tidak,Tidak,,"]))
    page = e2e_page(390, 844)
    e2e_log_in(page, verifikator)
    page.goto("/teruskan/lapor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("SP4N-LAPOR!")
    page.get_by_label("Ekspor LAPOR! (CSV atau XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Periksa dan impor").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "1 baris memuat kesalahan; tidak ada yang diimpor")
    expect(page.locator("#import-report")).to_contain_text(
        "tanggal_laporan: tulis tanggal seperti 2026-11-30 atau 30/11/2026.")
    page.assert_fits_width()
    screenshot(page, "lapor-import-report-390")

    bad.write_text("\n".join([HEADER, good, "4713127,01/12/2026,Sampah,Sampah menumpuk.,"
                              "Sampah menumpuk,Kiduldalem,,,Tidak,Tidak,,"]))
    page.get_by_label("Ekspor LAPOR! (CSV atau XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Periksa dan impor").click()
    expect(page.get_by_text("Diimpor: 2 pengaduan baru")).to_be_visible()
    table = page.locator("table").filter(has_text="4713127")
    expect(table).to_contain_text("Didisposisikan kepada kami oleh SP4N-LAPOR!")
    page.assert_fits_width()
    # the page with the row errors came back 400 on purpose; nothing else may be logged
    assert [e for e in page.balai_errors if "status of 400" not in e] == []
    assert page.evaluate("window.__cspViolations || []") == []
    screenshot(page, "lapor-imported-390")
