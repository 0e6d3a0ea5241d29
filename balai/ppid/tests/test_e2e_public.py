"""Public PPID pages at phone size: the DIP, the archive and the home link."""

import pytest

from balai.ppid import services
from balai.ppid.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_dip_and_archive_fit_a_phone(e2e_page, screenshot, signing, agency_pupr, petugas_ppid):
    factories.dip_entry(agency_pupr, title="Rencana Strategis Dinas PUPR 2025–2029",
                        information_class="setiap_saat")
    factories.dip_entry(agency_pupr, title="Data kesehatan pegawai",
                        information_class="dikecualikan")
    req = factories.request()
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid)
    services.information_request_publish(request=req, actor=petugas_ppid,
                                         summary="Daftar menara telekomunikasi 2025")
    page = e2e_page(390, 844)
    page.goto("/")
    page.get_by_role("link", name="Minta informasi publik (PPID)").click()
    page.wait_for_url("**/ppid/permohonan/")
    page.goto("/ppid/dip/")
    page.select_option("#id_kelas", value="dikecualikan")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**kelas=dikecualikan**")
    assert page.locator(".entry-list > li").count() == 1
    assert "SK PPID No. 555/12/35.73.2026" in page.inner_text("main")
    screenshot(page, "ppid-dip-exempt-390")
    page.goto("/ppid/arsip/")
    assert "Daftar menara telekomunikasi 2025" in page.inner_text("#archive")
    assert "Budi" not in page.inner_text("main")
    screenshot(page, "ppid-archive-390")
    page.assert_fits_width()
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == []
