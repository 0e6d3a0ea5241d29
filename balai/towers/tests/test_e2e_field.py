"""The field officer's phone form in Chromium at 390×844: filled in without a signal, kept on
the phone, and sent by itself once the phone is online again."""

import pytest
from playwright.sync_api import expect

from balai.towers.models import Inspection
from balai.towers.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_inspection_made_offline_is_sent_when_the_phone_is_online(
        e2e_page, e2e_log_in, screenshot, petugas_menara):
    tower = factories.tower("MLG-0042", name="Site Suhat")
    page = e2e_page(390, 844)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": tower.lat + 0.0007, "longitude": tower.lng,
                                  "accuracy": 9})
    e2e_log_in(page, petugas_menara)
    page.goto("/menara/periksa/")
    page.get_by_role("button", name="Pakai lokasi saya: menara terdekat").click()
    expect(page.locator("#gps-status")).to_contain_text("Menara terdekat: MLG-0042")
    expect(page.get_by_label("Kode menara (dari pelat)")).to_have_value("MLG-0042")

    page.context.set_offline(True)
    for group, choice in (("obstruction_light", "problem"), ("paint", "good"),
                          ("fence", "good"), ("signboard", "absent"),
                          ("generator", "good"), ("in_use", "1")):
        page.locator(f'input[name="{group}"][value="{choice}"]').check()
    page.get_by_label("Keluhan warga").fill("Lampu menara mati sejak dua minggu.")
    page.get_by_role("button", name="Kirim hasil pemeriksaan").click()
    expect(page.locator("#field-status")).to_contain_text("Tidak ada sinyal")
    expect(page.locator("#field-queue")).to_contain_text("menunggu dikirim: 1")
    screenshot(page, "towers-field-offline-390")
    assert Inspection.objects.count() == 0

    page.context.set_offline(False)
    expect(page.locator("#field-status")).to_contain_text(
        "Terkirim: pemeriksaan MLG-0042 tercatat.", timeout=15000)
    expect(page.locator("#field-queue")).to_have_text("")
    inspection = Inspection.objects.get()
    assert inspection.tower == tower and inspection.off_point
    assert sorted(inspection.findings.values_list("item", flat=True)) == [
        "obstruction_light", "residents", "signboard"]
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == [], page.balai_errors
