"""Disposing a letter on a phone-sized screen, in Chromium."""

import pytest
from playwright.sync_api import expect

from balai.correspondence.models import Disposition
from balai.correspondence.tests.factories import letter
from balai.e2e.tests.login import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NO_HORIZONTAL_SCROLL = ("document.documentElement.scrollWidth"
                        " <= document.documentElement.clientWidth")


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
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    screenshot(page, "correspondence-dispose-form-390")
    page.get_by_role("button", name="Disposisikan", exact=True).click()
    tree = page.locator("#tree")
    expect(tree).to_contain_text("Dr. Hadi Kepala → Kabid IKP")
    expect(tree).to_contain_text("Hadiri / wakili — Mohon dihadiri dan laporkan hasilnya.")
    expect(tree).to_contain_text("belum dibaca")
    screenshot(page, "correspondence-disposed-390")
    disposition = Disposition.objects.get(letter=made)
    assert disposition.recipient == office.kabid_ikp and disposition.notes
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == [], page.balai_errors
