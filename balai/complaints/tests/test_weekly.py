"""The weekly performance report for the head of region: made on Monday by the worker's
sweep, once, rendered with Typst and e-mailed with the PDF attached over real SMTP; the
figures read back with pdftotext match a count made here from the raw complaints."""

import re
import subprocess
from collections import Counter
from datetime import date, datetime
from email import message_from_bytes
from email.policy import default
from zoneinfo import ZoneInfo

import pytest
import time_machine

from balai.complaints import services
from balai.complaints.models import Complaint, WeeklyReport
from balai.complaints.tests import factories
from balai.complaints.weekly import complaints_weekly_report_sweep, report_week
from balai.core.models import AuditEntry
from balai.core.tests.programs import needs_program, pdf_text
from balai.notifications.models import Outbox
from balai.notifications.services import outbox_deliver
from balai.notifications.tests.conftest import smtp_server  # noqa: F401 - the fixture

WIB = ZoneInfo("Asia/Jakarta")


def at(day, hh=10):
    return datetime(2026, 11, day, hh, tzinfo=WIB)


def test_the_report_week_is_the_last_full_monday_to_sunday():
    assert report_week(date(2026, 11, 30)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert report_week(date(2026, 12, 6)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert report_week(date(2026, 11, 29)) == (date(2026, 11, 16), date(2026, 11, 22))


@pytest.fixture
def week(cats, verifikator, operator_opd, operator_other_opd):
    """Complaints received in the week of 23–29 November 2026 (and one either side)."""
    plan = [(22, "jalan", "answered"), (23, "jalan", "rated"), (23, "jalan", "answered"),
            (24, "jalan", "open"), (25, "sampah", "answered"), (26, "sampah", "new"),
            (29, "jalan", "verified"), (30, "sampah", "answered")]
    operators = {"pupr": operator_opd, "dlh": operator_other_opd}
    for day, key, fate in plan:
        with time_machine.travel(at(day), tick=False):
            c, _ = services.complaint_submit(submission=factories.submission(cats[key]))
            if fate == "new":
                continue
            services.complaint_verify(complaint=c, actor=verifikator)
            if fate == "verified":
                continue
            op = operators[c.agency.code]
            services.complaint_accept(complaint=c, actor=op)
            if fate in {"answered", "rated"}:
                services.complaint_answer(complaint=c, text="Sudah dikerjakan.", actor=op)
            if fate == "rated":
                services.complaint_rate(complaint=c, rating=4)


def test_monday_sends_last_weeks_pdf_once_to_each_address_with_the_right_figures(
        week, smtp_server, settings, tmp_path):  # noqa: F811
    settings.COMPLAINT_WEEKLY_REPORT_TO = ["bupati@malangkota.go.id", "sekda@malangkota.go.id"]
    with time_machine.travel(at(29, 22), tick=False):  # Sunday: last week's is not this one
        complaints_weekly_report_sweep()
    assert not WeeklyReport.objects.filter(week_start=date(2026, 11, 23)).exists()
    with time_machine.travel(at(30, 7), tick=False):
        assert complaints_weekly_report_sweep()["weekly_reports_sent"] == 1
        assert complaints_weekly_report_sweep()["weekly_reports_sent"] == 0  # once
    report = WeeklyReport.objects.get(week_start=date(2026, 11, 23))
    assert report.sent_at and report.recipients == 2
    assert AuditEntry.objects.filter(action="complaints.weekly_report_sent",
                                     object_id=str(report.pk)).count() == 1
    rows = Outbox.objects.filter(template="laporan_mingguan", object_id=str(report.pk))
    assert rows.count() == 2
    for row in rows:
        outbox_deliver(outbox_id=row.pk)
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == sorted(
        settings.COMPLAINT_WEEKLY_REPORT_TO)
    mail = message_from_bytes(smtp_server.messages[0].content, policy=default)
    assert "23 November 2026" in mail["Subject"]
    [pdf_part] = [p for p in mail.iter_attachments()]
    assert pdf_part.get_content_type() == "application/pdf"
    assert pdf_part.get_filename() == "laporan-pengaduan-2026-11-23.pdf"
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(pdf_part.get_content())

    text = pdf_text(pdf, layout=True)
    assert "LAPORAN MINGGUAN KINERJA PENANGANAN PENGADUAN" in text
    assert "Senin, 23 November 2026 – Minggu, 29 November 2026" in text
    # Received per agency and per kelurahan, counted here from the raw complaints.
    week_cases = Complaint.objects.filter(submitted_at__gte=at(23, 0),
                                          submitted_at__lt=at(30, 0))
    per_agency = Counter(week_cases.values_list("agency__name", flat=True))
    assert per_agency == {"Dinas PUPR": 4, "DLH": 2}
    printed = {name: int(n) for name, n in re.findall(
        r"^\s*(Dinas PUPR|DLH)\s{2,}(\d+)\s", text, re.M)}
    assert printed == per_agency
    totals = [int(n) for n in re.findall(r"^\s*Jumlah\s+(\d+)\s", text, re.M)]
    assert totals == [6, 6]  # both tables count every case of the week once
    # Two of PUPR's four answered, the same day (median 0 days), one rated 4.
    pupr_line = next(line for line in text.splitlines() if "Dinas PUPR" in line)
    assert re.search(r"Dinas PUPR\s+4\s+100%\s+0\s+0\s+–\s+4,0 \(1\)$", pupr_line), pupr_line

    png = tmp_path / "laporan"
    subprocess.run([needs_program("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1",
                    str(pdf), str(png)], check=True)
    assert (tmp_path / "laporan-1.png").stat().st_size > 10_000


def test_no_recipients_no_report(week, settings):
    settings.COMPLAINT_WEEKLY_REPORT_TO = []
    with time_machine.travel(at(30, 7), tick=False):
        assert complaints_weekly_report_sweep() == {"weekly_reports_sent": 0}
    assert not WeeklyReport.objects.exists()
