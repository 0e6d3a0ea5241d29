"""The second check in Chromium on a phone (390×844): Inspektorat's operator reads the answer
that waits for its check and passes it; the reporter's page then shows it."""

import pytest
from playwright.sync_api import expect

from balai.complaints import services
from balai.complaints.models import Complaint
from balai.complaints.tests.test_second_check import checking_unit, in_progress

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def checker(cats):
    return checking_unit(cats)


def test_the_checking_unit_passes_an_answer_and_the_reporter_sees_it(
        e2e_page, e2e_log_in, screenshot, cats, verifikator, operator_opd, checker,
        complaint_files):
    complaint = in_progress(cats, verifikator, operator_opd)
    services.complaint_answer(complaint=complaint, text="Lubang sudah ditambal aspal dingin.",
                              actor=operator_opd)
    page = e2e_page(390, 844)
    page.goto(f"/pengaduan/lacak/{complaint.code}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("aspal dingin")

    e2e_log_in(page, checker)
    page.goto(f"/pengaduan/staf/{complaint.pk}/")
    expect(page.locator("#pending-answer")).to_contain_text("aspal dingin")
    expect(page.locator("#pending-answer")).to_contain_text("untuk diperiksa oleh Inspektorat")
    page.assert_fits_width()
    screenshot(page, "complaint-second-check-390")
    action = page.locator("#action-check_pass")
    if action.get_attribute("open") is None:
        action.locator("summary").click()
    action.get_by_role("button", name="Loloskan pemeriksaan dan kirim jawaban ke pelapor").click()
    expect(page.get_by_text("jawaban lolos pemeriksaan dan sudah dikirim ke pelapor")
           ).to_be_visible()
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.SELESAI

    page.goto(f"/pengaduan/lacak/{complaint.code}/")
    expect(page.locator("main")).to_contain_text("aspal dingin")
    page.assert_clean()
