"""The statistics page on a phone: the per-agency table scrolls inside its own box."""

from datetime import timedelta

import pytest
from django.utils import timezone

from balai.complaints import services
from balai.dashboard.tests.test_overdue_statistics import cats, make  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_statistics_table_scrolls_in_its_box_at_390_px(e2e_page, screenshot, cats,  # noqa: F811
                                                       verifikator, operator_opd,
                                                       kepala_dinas, password):
    weeks_ago = timezone.now() - timedelta(days=21)
    answered = make(cats["jalan"], verifier=verifikator, when=weeks_ago)
    services.complaint_accept(complaint=answered, actor=operator_opd)
    services.complaint_answer(complaint=answered, text="Sudah ditambal.", actor=operator_opd,
                              now=weeks_ago + timedelta(days=1))
    make(cats["jalan"], verifier=verifikator, when=weeks_ago)  # open, long past its deadline
    page = e2e_page(390, 844)
    page.goto("/akun/masuk/")
    page.get_by_label("Alamat e-mail").fill(kepala_dinas.email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/meja-kerja/")
    start = timezone.localdate(weeks_ago) - timedelta(days=1)
    page.goto(f"/meja-kerja/statistik/?date_from={start:%Y-%m-%d}")
    row = page.locator("#agencies tbody tr", has_text="Dinas PUPR")
    assert "50%" in row.inner_text() and "1/2" in row.inner_text()
    sizes = page.evaluate("""() => {
        const table = document.querySelector('#agencies'), box = table.parentElement;
        return {table: table.scrollWidth, box: box.clientWidth, overflow:
                getComputedStyle(box).overflowX, page: document.documentElement.scrollWidth,
                view: document.documentElement.clientWidth}; }""")
    assert sizes["table"] > sizes["box"] and sizes["overflow"] == "auto"  # scrolls in the box
    assert sizes["page"] <= sizes["view"]  # the page itself does not scroll sideways
    screenshot(page, "dashboard-statistics-390")
