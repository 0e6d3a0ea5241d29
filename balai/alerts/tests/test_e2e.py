"""In Chromium at phone size (390×844): the alert sign-up offered after a report, and the
public performance table."""

from datetime import timedelta

import pytest
from django.utils import timezone

from balai.alerts.models import Subscription
from balai.complaints import services
from balai.complaints.rollup import complaints_rollup_rebuild
from balai.complaints.tests import factories
from balai.notifications.models import Outbox

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
KIDULDALEM = "35.73.02.1004"



def test_alert_sign_up_and_the_performance_table_on_a_phone(e2e_page, screenshot, cats,
                                                             verifikator, operator_opd):
    page = e2e_page(390, 844)
    page.goto(f"/pengaduan/peringatan/?wilayah={KIDULDALEM}&kategori=jalan-rusak")
    page.get_by_label("Alamat e-mail atau nomor WhatsApp Anda").fill("warga@contoh.id")
    page.get_by_label("Aduan baru dan perkembangannya").check()
    screenshot(page, "alerts-sign-up-390")
    page.get_by_role("button", name="Kirim tautan konfirmasi").click()
    page.get_by_text("Kami mengirim tautan konfirmasi ke warga@contoh.id.").wait_for()
    page.assert_clean()
    screenshot(page, "alerts-sign-up-sent-390")
    sub = Subscription.objects.get()
    assert (sub.area.code, sub.category.code, sub.events) == (KIDULDALEM, "jalan-rusak",
                                                              "all")
    assert Outbox.objects.filter(template="peringatan_konfirmasi",
                                 recipient="warga@contoh.id").exists()

    for days_ago, answer in ((12, True), (8, True), (3, False)):
        complaint, _ = services.complaint_submit(
            submission=factories.submission(cats["jalan"]),
            now=timezone.now() - timedelta(days=days_ago))
        services.complaint_verify(complaint=complaint, actor=verifikator)
        if answer:
            services.complaint_accept(complaint=complaint, actor=operator_opd)
            services.complaint_answer(complaint=complaint, text="Sudah ditambal.",
                                      actor=operator_opd)
            services.complaint_rate(complaint=complaint, rating=4)
    today = timezone.localdate()
    complaints_rollup_rebuild(today - timedelta(days=30), today)
    page.goto("/pengaduan/kinerja/")
    page.get_by_role("table", name="Per OPD").wait_for()
    assert "Dinas PUPR" in page.get_by_role("table", name="Per OPD").inner_text()
    page.assert_clean()
    screenshot(page, "performance-table-390")
