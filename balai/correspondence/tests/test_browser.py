"""Disposing a letter on a phone-sized screen, in Chromium."""

import pytest
from playwright.sync_api import expect

from balai.correspondence.models import Disposition
from balai.correspondence.tests.factories import letter
from balai.e2e.tests.login import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_head_disposes_a_letter_on_a_phone(e2e_page, screenshot, office, password):
    made = letter(office, subject="Undangan bimbingan teknis tanda tangan elektronik")
    page = e2e_page(390, 844)
    log_in(page, office.head, password)
    page.goto(f"/surat/masuk/{made.pk}/")
    expect(page.get_by_text("Belum didisposisikan.")).to_be_visible()
    page.get_by_label("Kabid IKP — Kepala Bidang IKP").check()
    page.get_by_label("Hadiri / wakili").check()
    page.get_by_label("Catatan untuk penerima").fill("Mohon dihadiri dan laporkan hasilnya.")
    page.get_by_label("Batas waktu (hari kerja)").fill("2")
    page.assert_fits_width()
    screenshot(page, "correspondence-dispose-form-390")
    page.get_by_role("button", name="Disposisikan", exact=True).click()
    tree = page.locator("#tree")
    expect(tree).to_contain_text("Dr. Hadi Kepala → Kabid IKP")
    expect(tree).to_contain_text("Hadiri / wakili — Mohon dihadiri dan laporkan hasilnya.")
    expect(tree).to_contain_text("belum dibaca")
    screenshot(page, "correspondence-disposed-390")
    disposition = Disposition.objects.get(letter=made)
    assert disposition.recipient == office.kabid_ikp and disposition.notes
    page.assert_fits_width()
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == [], page.balai_errors


def test_the_front_office_book_masks_a_rahasia_row_on_a_phone(e2e_page, screenshot, office,
                                                              password):
    from balai.correspondence.models import Security

    letter(office, subject="Undangan rapat koordinasi SPBE")
    secret = letter(office, subject="Rencana pengamanan pusat data", security=Security.RAHASIA)
    letter(office, subject="Data kepegawaian triwulan III", security=Security.TERBATAS)
    page = e2e_page(390, 844)
    log_in(page, office.front, password)
    page.goto("/surat/")
    rows = page.locator("#letters")
    expect(rows.locator("li.masked")).to_contain_text(secret.agenda_label)
    expect(rows.locator("li.masked")).to_contain_text("Surat rahasia")
    expect(rows).to_contain_text("Data kepegawaian triwulan III")
    assert "Rencana pengamanan" not in rows.inner_text()
    page.assert_fits_width()
    screenshot(page, "correspondence-agenda-masked-390")
    assert page.balai_errors == [], page.balai_errors


def test_a_signed_letter_is_sent_with_its_attachments_on_a_phone(
        e2e_page, screenshot, office, classification, signing, password):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from balai.correspondence import outgoing
    from balai.correspondence.models import Position
    from balai.correspondence.tests.factories import signed_letter

    draft = signed_letter(office, classification, attach=[SimpleUploadedFile(
        "jadwal-pemeliharaan.pdf", b"%PDF-1.4\n% jadwal\n")])
    R = outgoing.Recipient
    outgoing.outgoing_distribute(letter=draft, actor=office.staff_ikp1, recipients=[
        R(role="to", channel="internal", position=Position.objects.get(user=office.kabid_aptika)),
        R(role="copy", channel="internal", position=Position.objects.get(user=office.kabid_ikp)),
        R(role="to", channel="email", name="Dinas Pendidikan", email="disdik@example.id"),
        R(role="to", channel="post", name="PT Telkom Witel Malang (kurir)")])
    page = e2e_page(390, 844)
    log_in(page, office.staff_ikp1, password)
    page.goto(f"/surat/keluar/{draft.pk}/")
    sent_to = page.locator("#sent-to + .table-wrap")
    for name in ("Kepala Bidang Aptika", "Kepala Bidang IKP", "Dinas Pendidikan",
                 "PT Telkom Witel Malang (kurir)"):
        expect(sent_to).to_contain_text(name)
    expect(page.locator("#attachments + ul")).to_contain_text("jadwal-pemeliharaan.pdf")
    page.assert_fits_width()
    screenshot(page, "correspondence-distribution-390")
    assert page.balai_errors == [], page.balai_errors
