"""The PPID officer's decision form in Chromium: it shows the chosen outcome's parts only."""

import pytest
from playwright.sync_api import expect

from balai.e2e.tests.login import log_in
from balai.ppid import services
from balai.ppid.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = [pytest.param((390, 844), id="390x844"), pytest.param((1280, 800), id="1280x800")]


@pytest.mark.parametrize("size", SIZES)
def test_a_refusal_shows_the_pasal_17_fields_and_a_grant_does_not(
        e2e_page, screenshot, settings, tmp_path, petugas_ppid, password, size):
    settings.PPID_PRIVATE_ROOT = str(tmp_path / "private")
    req, _secret = services.information_request_submit(
        submission=factories.submission(channel="walk_in"), documents={})
    page = e2e_page(*size)
    log_in(page, petugas_ppid, password)
    page.goto(f"/ppid/staf/{req.pk}/")
    page.locator("#action-decide summary").click()
    exemption, given = page.locator("#decision-exemption"), page.locator("#decision-given")
    expect(exemption).to_be_hidden()
    expect(given).to_be_hidden()

    page.get_by_label("Ditolak", exact=True).check()
    expect(exemption).to_be_visible()
    expect(exemption).to_contain_text("Jika “Ditolak” atau “Diberikan sebagian”")
    expect(page.get_by_label("Dasar pengecualian (Pasal 17)")).to_be_visible()
    expect(given).to_be_hidden()
    expect(page.locator("#decision-holder")).to_be_hidden()
    page.locator("#action-decide").scroll_into_view_if_needed()
    screenshot(page, f"ppid-decision-refused-{size[0]}")

    page.get_by_label("Diberikan", exact=True).check()
    expect(exemption).to_be_hidden()
    expect(given).to_be_visible()
    expect(page.locator("#decision-withheld")).to_be_hidden()
    expect(page.get_by_role("button", name="Terbitkan dan tandatangani pemberitahuan")
           ).to_be_visible()
    screenshot(page, f"ppid-decision-granted-{size[0]}")
    if size[0] == 390:
        page.assert_fits_width()
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == [], page.balai_errors
