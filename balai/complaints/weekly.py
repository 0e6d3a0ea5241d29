"""The weekly performance report for the head of region: the performance tables per OPD
and per kelurahan for the complaints received in the week before (Monday to Sunday), as
a PDF (Typst, with the letterhead) e-mailed every Monday to COMPLAINT_WEEKLY_REPORT_TO.

The worker's sweep keeps one `WeeklyReport` row per week and sends it on its stored day
`send_on`, claimed once (STYLE.md, Side effects): two workers never send it twice. The
report is always in Indonesian, an office document like the lembar disposisi.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from balai.complaints.models import WeeklyReport
from balai.complaints.performance import Row, tables_between
from balai.complaints.rollup import complaints_rollup_rebuild
from balai.core.audit import log_action
from balai.core.periodic import claim_each
from balai.documents.render import place, typst_pdf
from balai.documents.text import hari_indonesia, tanggal_indonesia
from balai.notifications.services import attachment_store, notification_enqueue

TEMPLATE = Path(__file__).resolve().parent / "templates" / "complaints" / "typst" / \
    "weekly.typ"
COLUMNS = ["Diterima", "Dijawab tepat waktu", "Terlambat saat ini",
           "Median hari menjawab", "\u201cSudah beres\u201d", "Nilai"]
METHOD = [
    "Setiap angka menghitung pengaduan yang diterima pada minggu ini, sebagaimana keadaannya "
    "saat laporan dibuat, termasuk pengaduan rahasia (hanya dihitung, tidak ditampilkan).",
    "Dijawab tepat waktu: dijawab OPD paling lambat pada batas waktu tindak lanjut (hari "
    "kerja, per kategori), dari pengaduan yang batas waktunya sudah tiba.",
    "Terlambat saat ini: pengaduan minggu ini yang masih menunggu verifikasi atau jawaban OPD "
    "melewati batas waktunya, pada hari laporan dibuat.",
    "Median hari menjawab: hari kalender dari penerimaan sampai jawaban OPD, nilai tengah "
    "pengaduan yang sudah dijawab.",
    "\u201cSudah beres\u201d: jawaban pelapor atas pertanyaan \u201capakah sudah beres?\u201d; "
    "jawaban \u201cbelum\u201d membuka kembali pengaduan dan dihitung untuk OPD yang ditanya.",
    "Nilai: rata-rata penilaian pelapor atas jawaban (1 sampai 5), dengan jumlah penilaian.",
]


def report_week(today: date) -> tuple[date, date]:
    """Pure: the last full week, Monday to Sunday, before the week of `today`."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def _cells(row: Row) -> list[str]:
    def pct(value):
        return "–" if value is None else f"{value}%"
    fixed = pct(row.fixed_pct)
    if row.fixed_pct is not None:
        fixed += f" ({row.fixed_yes}/{row.fixed_yes + row.fixed_no})"
    median = row.median_days
    return [str(row.received), pct(row.on_time_pct), str(row.overdue_now),
            "–" if median is None else f"{median:g}".replace(".", ","),
            fixed, "–" if row.rating is None else
            f"{row.rating:.1f} ({row.rated})".replace(".", ",")]


def _total(rows: list[Row]) -> Row:
    total = Row(ref_id=0, name="Jumlah")
    for row in rows:
        for name in ("received", "answered", "answered_with_due", "on_time", "rated",
                     "rating_sum", "fixed_yes", "fixed_no", "overdue_now", "late_open"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        for days, n in row.answer_days.items():
            total.answer_days[days] += n
    return total


def _table(rows: list[Row], none_label: str) -> list[list[str]]:
    return [[row.name or none_label, *_cells(row)] for row in rows]


def weekly_report_data(first: date, last: date, *, today: date) -> dict:
    """What the PDF prints: the week, both tables with their totals, the method."""
    tables = tables_between(first, last, today=today)
    return {
        "title": "Laporan Mingguan Kinerja Penanganan Pengaduan",
        "week": f"{hari_indonesia(first)}, {tanggal_indonesia(first)} \u2013 "
                f"{hari_indonesia(last)}, {tanggal_indonesia(last)}",
        "made": f"Dibuat {tanggal_indonesia(today)} oleh balai, {place()}",
        "columns": COLUMNS,
        "sections": [
            {"title": "Per perangkat daerah (OPD)", "first": "OPD",
             "rows": _table(tables["agencies"], "Belum didisposisikan"),
             "total": ["Jumlah", *_cells(_total(tables["agencies"]))]},
            {"title": "Per kelurahan", "first": "Kelurahan",
             "rows": _table(tables["kelurahan"], "Di luar kelurahan"),
             "total": ["Jumlah", *_cells(_total(tables["kelurahan"]))]},
        ],
        "method": METHOD,
        "link": f"{settings.SITE_URL}/pengaduan/kinerja/",
    }


def weekly_report_pdf(first: date, last: date, *, today: date) -> bytes:
    return typst_pdf(TEMPLATE, weekly_report_data(first, last, today=today), letterhead=True)


def weekly_report_send(*, report: WeeklyReport, now: datetime) -> WeeklyReport:
    """Render the week's report and queue it by e-mail to every configured address;
    audited. Call inside the transaction that claimed the row."""
    first, last = report.week_start, report.week_start + timedelta(days=6)
    today = timezone.localdate(now)
    # The week's days afresh: the worker's roll-up may be a few minutes behind on Sunday.
    complaints_rollup_rebuild(first, last)
    pdf = weekly_report_pdf(first, last, today=today)
    attachment = attachment_store(
        filename=f"laporan-pengaduan-{first:%Y-%m-%d}.pdf", content_type="application/pdf",
        data=pdf)
    recipients = list(dict.fromkeys(settings.COMPLAINT_WEEKLY_REPORT_TO))
    context = {"week": f"{tanggal_indonesia(first)} \u2013 {tanggal_indonesia(last)}",
               "link": f"{settings.SITE_URL}/pengaduan/kinerja/"}
    for recipient in recipients:
        notification_enqueue(channel="email", recipient=recipient, template="laporan_mingguan",
                             context=context, related=report, attachment=attachment,
                             dedupe_key=f"complaints:weekly:{first}:{recipient}"[:200])
    report.recipients, report.sha256 = len(recipients), attachment.sha256
    report.save(update_fields=["recipients", "sha256"])
    log_action(report, "complaints.weekly_report_sent",
               data={"week_start": first, "recipients": len(recipients),
                     "sha256": attachment.sha256})
    return report


def complaints_weekly_report_sweep(*, now: datetime | None = None) -> dict:
    """Every Monday, the report of the week before; a week not yet sent (the worker was
    down) goes out at the next run. Nothing without recipients."""
    if not settings.COMPLAINT_WEEKLY_REPORT_TO:
        return {"weekly_reports_sent": 0}
    now = now or timezone.now()
    today = timezone.localdate(now)
    first, last = report_week(today)
    WeeklyReport.objects.get_or_create(week_start=first,
                                       defaults={"send_on": last + timedelta(days=1)})
    due = WeeklyReport.objects.filter(sent_at__isnull=True, send_on__lte=today)
    sent = claim_each(due, lambda r: weekly_report_send(report=r, now=now), sent_at=now)
    return {"weekly_reports_sent": sent}
