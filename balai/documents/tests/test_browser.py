"""The upload check in a real browser: a tampered letter is reported as altered."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from balai.documents.models import IssuedDocument
from balai.documents.storage import pdf_read
from balai.documents.tests.factories import issue
from balai.documents.tests.test_verification import tampered

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]



def test_tampered_letter_uploaded_in_browser_is_reported_altered(e2e_page, screenshot,
                                                                 tmp_path):
    document = issue()
    path = tmp_path / "surat-diubah.pdf"
    path.write_bytes(tampered(pdf_read(document.pdf_path)))
    page = e2e_page(390, 844)
    page.goto("/verifikasi/")
    page.get_by_label("Dokumen PDF").set_input_files(str(path))
    page.get_by_role("button", name="Periksa").click()
    verdict = page.locator("#verdict")
    assert verdict.get_attribute("data-outcome") == "altered"
    assert "Diubah atau tidak sah" in verdict.inner_text()
    # Measured once the answer page has settled (a loaded CI machine once read it mid-layout).
    page.assert_fits_width()
    screenshot(page, "documents-verify-altered-390")
    page.assert_clean()


def test_qr_target_page_shows_the_issued_letter(e2e_page, screenshot):
    document = issue()
    page = e2e_page(1280, 800)
    page.goto(f"/verifikasi/{document.uuid}")
    assert page.get_by_text(document.number.full_number).is_visible()
    assert page.locator("dd .tag").inner_text() == "Sah"
    assert page.get_by_text("Tanda tangan sah").is_visible()
    assert page.get_by_text(document.sha256).is_visible()
    screenshot(page, "documents-verify-detail-1280")
    page.assert_clean()


def test_staff_register_fits_a_phone_and_finds_a_letter(e2e_page, e2e_log_in, screenshot,
                                                        petugas_ppid):
    first = issue(subject="Pemberitahuan tentang menara")
    issue(subject="Putusan keberatan anggaran")
    page = e2e_page(390, 844)
    e2e_log_in(page, petugas_ppid)
    page.goto("/dokumen/")
    page.get_by_label("Cari").fill("menara")
    page.get_by_role("button", name="Saring").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)  # waits for the filtered page, not the one before it
    assert first.number.full_number in rows.first.inner_text()
    page.assert_fits_width()
    screenshot(page, "documents-staff-list-390")
    page.assert_clean()


def test_register_on_a_phone_shows_each_letter_as_a_card_in_number_order(
        e2e_page, e2e_log_in, screenshot, petugas_ppid):
    first = issue(subject="Pemberitahuan tentang menara")
    second = issue(subject="Putusan keberatan anggaran")
    # Issued out of step with its number (a backdated letter): the register still goes by
    # number, as the letters are checked against it.
    IssuedDocument.objects.filter(pk=first.pk).update(
        issued_at=second.issued_at + timedelta(hours=1))
    page = e2e_page(390, 844)
    e2e_log_in(page, petugas_ppid)
    page.goto("/dokumen/")
    rows = page.locator("tbody tr")
    assert [rows.nth(i).locator(".card-head").inner_text().split()[0] for i in range(2)] == [
        second.number.full_number, first.number.full_number]
    for row, document in ((rows.nth(0), second), (rows.nth(1), first)):
        row.scroll_into_view_if_needed()
        assert row.get_by_text(document.subject).is_visible()
        signer = row.locator("td[data-label='Ditandatangani oleh']")
        assert signer.is_visible() and signer.inner_text() == document.signer_name
        assert row.get_by_role("link", name=f"Unduh {document.number.full_number}").is_visible()
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # a card, not a cut table
    page.assert_fits_width()
    screenshot(page, "documents-register-cards-390")
    page.assert_clean()
