"""The whole complaint journey in Chromium at phone size (390×844).

A citizen reports with a photo → the verifikator disposes → the agency's operator
answers with an evidence photo → the citizen rates → the case is closed.
"""

import pytest
from playwright.sync_api import expect

from balai.complaints.models import Complaint
from balai.complaints.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]



def log_in(page, user, password):
    page.goto("/akun/masuk/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/meja-kerja/")


def test_report_dispose_answer_rate_close(e2e_page, screenshot, tmp_path, cats, verifikator,
                                          operator_opd, password):
    photo = tmp_path / "lubang.jpg"
    photo.write_bytes(factories.jpeg_with_gps(*factories.ALUN_ALUN).getvalue())

    citizen = e2e_page(390, 844)
    citizen.goto("/pengaduan/lapor/")
    citizen.select_option("#id_category", label="Jalan rusak")
    # The photo carries GPS: the map puts the pin there before the citizen touches it.
    citizen.set_input_files("#id_photos", str(photo))
    expect(citizen.locator("#id_lat")).not_to_have_value("")  # no string eval under the CSP
    assert abs(float(citizen.input_value("#id_lat")) - factories.ALUN_ALUN[0]) < 1e-4
    citizen.fill("#id_title", "Lubang besar di depan alun-alun")
    citizen.fill("#id_description", "Lubang sedalam 20 cm, berbahaya untuk motor.")
    citizen.fill("#id_reporter_email", "siti@example.id")
    screenshot(citizen, "journey-1-report-390")
    citizen.locator("main form#report-form button[type=submit]").click()
    citizen.wait_for_selector(".panel--confirmation")
    complaint = Complaint.objects.get()
    assert complaint.code in citizen.inner_text(".panel--confirmation")
    secret_link = citizen.locator("main a.break-all").inner_text()
    screenshot(citizen, "journey-2-submitted-390")
    citizen.assert_clean()

    desk = e2e_page(390, 844)
    log_in(desk, verifikator, password)
    desk.goto(f"/pengaduan/staf/{complaint.pk}/")
    assert "Dinas PUPR" in desk.inner_text("main")
    desk.fill("#id_verify-instruction", "Mohon segera ditambal.")
    desk.locator("#action-verify button[type=submit]").click()
    desk.wait_for_selector(".notification--success")
    # Back on the queue, told what happened (issue 11: it said only "Tersimpan").
    assert desk.url.endswith("/pengaduan/staf/")
    assert f"{complaint.code} diverifikasi dan didisposisikan ke" in \
        desk.inner_text(".notification--success")
    screenshot(desk, "journey-3-disposed-390")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.TERVERIFIKASI

    agency = e2e_page(390, 844)
    log_in(agency, operator_opd, password)
    agency.goto(f"/pengaduan/staf/{complaint.pk}/")
    agency.locator("#action-accept button[type=submit]").click()
    agency.wait_for_selector("#action-answer")
    agency.fill("#id_answer-text", "Lubang sudah ditambal dengan aspal panas.")
    agency.set_input_files("#id_answer-photos", str(photo))
    agency.locator("#action-answer button[type=submit]").click()
    agency.wait_for_selector(".notification--success")
    screenshot(agency, "journey-4-answered-390")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.SELESAI
    assert complaint.photos.filter(kind="evidence").count() == 1
    agency.assert_clean()

    citizen.goto(secret_link)
    assert "Lubang sudah ditambal" in citizen.inner_text("main")
    citizen.locator("#rate-form input[value='5']").check()
    citizen.fill("#rate-form textarea", "Cepat sekali, terima kasih.")
    citizen.locator("#rate-form button[type=submit]").click()
    citizen.wait_for_selector(".notification--success")
    screenshot(citizen, "journey-5-closed-390")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.DITUTUP and complaint.rating == 5
    citizen.assert_fits_width()
    citizen.assert_clean()
