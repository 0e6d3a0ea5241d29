"""The annual report: its figures rebuilt independently from the rows, PDF and XLSX."""

import io
import re
from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from balai.core.calendar import get_work_calendar
from balai.core.tests.programs import pdf_text
from balai.lib.workdays import add_workdays
from balai.ppid import services
from balai.ppid.models import Decision, InformationRequest, Objection
from balai.ppid.reports import annual_figures, annual_report_pdf
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def when(month, day, hour=10, year=2026):
    return datetime(year, month, day, hour, tzinfo=WIB)


@pytest.fixture
def year_2026(signing, petugas_ppid, atasan_ppid, agency_pupr):
    cal = get_work_calendar()
    plain = {"exemption": "", "consequence_test": "", "withheld": "", "withheld_reason": ""}
    made = []

    def req(month, day, **extra):
        r = factories.request(now=when(month, day), **extra)
        made.append(r)
        return r

    def answer(r, after_workdays, **data):
        on = add_workdays(r.clock_start, after_workdays, cal)
        return services.information_request_decide(
            request=r, data=factories.decision_data(**data), actor=petugas_ppid,
            now=datetime(on.year, on.month, on.day, 11, tzinfo=WIB))

    a = req(1, 5)
    answer(a, 3, outcome="diberikan", form="hardcopy", **plain)
    b = req(2, 10, channel="walk_in")
    answer(b, 9)  # partly, 17h
    c = req(3, 16)
    services.information_request_extend(request=c, actor=petugas_ppid, now=when(3, 30),
                                        reason="Perlu koordinasi dengan tiga bidang.")
    answer(c, 15, outcome="ditolak", exemption="17a", given="", withheld="",
           withheld_reason="", form="", delivery="")
    d = req(4, 1)
    services.information_request_delegate(request=d, agency=agency_pupr, actor=petugas_ppid)
    answer(d, 12, is_held=False, outcome="tidak_dikuasai", holder="BPN", given="",
           form="", delivery="", **plain)  # late: 12 > 10
    e = req(5, 4, requester_kind="badan_hukum", nik="", legal_document_number="AHU-1",
            representative_name="Rina Kusuma", representative_nik=factories.NIK,
            channel="email")
    f = req(6, 1)
    answer(f, 8, outcome="ditolak", exemption="", other_ground="6_3e", given="",
           withheld="", withheld_reason="", form="", delivery="", consequence_test="")
    old = factories.request(now=when(12, 20, year=2025))  # another year: not counted
    services.objection_file(request=b, ground="35_1a", ground_date=date.today(),
                            case_summary="Keberatan atas penghitaman.")
    o2 = services.objection_file(request=c, ground="35_1a", ground_date=date.today(),
                                 case_summary="Keberatan atas penolakan.")
    services.objection_decide(objection=o2, outcome="ditolak", actor=atasan_ppid,
                              reasons="Pengecualian sudah diuji dengan benar.")
    return {"made": made, "e": e, "old": old}


def independent(year: int) -> dict:
    """The figures counted straight from the rows, without the report code."""
    cal = get_work_calendar()
    rows = [r for r in InformationRequest.objects.all()
            if r.received_at.astimezone(WIB).year == year]
    decisions = {d.request_id: d for d in Decision.objects.all()}
    answered = [(r, decisions[r.pk]) for r in rows if r.pk in decisions]
    from balai.lib.workdays import workdays_between

    days = [workdays_between(r.clock_start, d.decided_at.astimezone(WIB).date(), cal)
            for r, d in answered]
    objections = [o for o in Objection.objects.all() if o.filed_at.astimezone(WIB).year == year]
    return {
        "received": len(rows),
        "outcomes": dict(Counter(d.outcome for _r, d in answered)),
        "grounds": dict(Counter(g for _r, d in answered if d.outcome in ("sebagian", "ditolak")
                                for g in (d.exemption, d.other_ground) if g)),
        "unanswered": len(rows) - len(answered),
        "on_time": sum(d.decided_at.astimezone(WIB).date() <= r.due_date for r, d in answered),
        "late": sum(d.decided_at.astimezone(WIB).date() > r.due_date for r, d in answered),
        "average": round(sum(days) / len(days), 1),
        "extended": sum(r.extended_at is not None for r in rows),
        "delegated": sum(r.delegated_to_id is not None for r in rows),
        "objections": len(objections),
        "objection_outcomes": dict(Counter(o.outcome for o in objections if o.outcome)),
    }


def test_figures_match_an_independent_count(year_2026):
    fig = annual_figures(year=2026, calendar=get_work_calendar())
    ind = independent(2026)
    assert fig.received == ind["received"] == 6
    assert fig.outcomes == ind["outcomes"] == {"diberikan": 1, "sebagian": 1, "ditolak": 2,
                                                "tidak_dikuasai": 1}
    assert fig.grounds == ind["grounds"] == {"17h": 1, "17a": 1, "6_3e": 1}
    assert fig.unanswered == ind["unanswered"] == 1
    assert (fig.on_time, fig.late) == (ind["on_time"], ind["late"]) == (4, 1)
    assert fig.average_workdays == ind["average"] == 9.4  # (3 + 9 + 15 + 12 + 8) / 5
    assert fig.time_bands == {"0–5": 1, "6–10": 2, "11–17": 2, "> 17": 0}
    assert (fig.extended, fig.delegated) == (ind["extended"], ind["delegated"]) == (1, 1)
    assert fig.objections == ind["objections"] == 2
    assert fig.objection_outcomes == ind["objection_outcomes"] == {"ditolak": 1}
    assert fig.objections_pending == 1
    assert fig.by_kind == {"perorangan": 5, "badan_hukum": 1}
    assert fig.by_channel == {"web": 4, "walk_in": 1, "email": 1}
    assert annual_figures(year=2025, calendar=get_work_calendar()).received == 1


def test_pdf_and_xlsx_print_the_same_figures(client, year_2026, petugas_ppid, tmp_path):
    fig = annual_figures(year=2026, calendar=get_work_calendar())
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(annual_report_pdf(fig))
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert "Laporan layanan informasi publik tahunan 2026" in text
    assert "Permohonan diterima 6" in text
    assert "Pasal 17 huruf a: menghambat proses penegakan hukum 1" in text
    client.force_login(petugas_ppid)
    url = reverse("ppid:annual_report")
    response = client.get(url, {"tahun": 2026, "format": "xlsx"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = {row[0]: row[1] for row in book.active.iter_rows(values_only=True) if row}
    assert cells["Permohonan diterima"] == 6
    assert cells["Dijawab terlambat"] == 1
    assert client.get(url, {"tahun": 2026, "format": "pdf"})["Content-Type"] == \
        "application/pdf"
    assert "Permohonan diterima" in client.get(url, {"tahun": 2026}).content.decode()


def test_the_annual_report_is_not_for_a_pembantu(client, ppid_pembantu):
    client.force_login(ppid_pembantu)
    assert client.get(reverse("ppid:annual_report")).status_code == 403


def test_the_written_parts_are_saved_audited_and_printed(client, signing, petugas_ppid,
                                                         kepala_dinas, tmp_path):
    from balai.core.audit import audit_trail
    from balai.ppid.models import AnnualReportText

    url = reverse("ppid:annual_report")
    client.force_login(petugas_ppid)
    client.post(f"{url}?tahun=2026", {"general_policy": "Dua petugas PPID bersertifikat.",
                                      "obstacles": "Jaringan lambat.", "recommendations": ""})
    text = AnnualReportText.objects.get(year=2026)
    assert audit_trail(text).get().action == "ppid.annual_report_text_saved"
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(annual_report_pdf(annual_figures(year=2026, calendar=get_work_calendar())))
    printed = pdf_text(pdf)
    assert "Dua petugas PPID bersertifikat." in printed and "Kendala" in printed
    client.force_login(kepala_dinas)
    assert "Jaringan lambat." in client.get(url, {"tahun": 2026}).content.decode()
    assert client.post(f"{url}?tahun=2026", {"obstacles": "x"}).status_code == 403
