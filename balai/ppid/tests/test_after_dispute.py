"""After the commission's decision (issue 13, monev): how it was carried out, the appeals in
court (UU 14/2008 Pasal 47–50) with their rulings, the annual report's sections on them
recomputed from the raw rows, its publication on a public page (Pasal 12) and the reminder
before 31 March."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.core.calendar import get_work_calendar
from balai.notifications.models import Outbox
from balai.ppid import services
from balai.ppid.clock import annual_report_reminder_sweep
from balai.ppid.errors import PpidTransitionError
from balai.ppid.models import AnnualReportText, CourtAppeal, Dispute
from balai.ppid.reports import annual_figures
from balai.ppid.tests.test_dispute import at, decide, objected, record  # noqa: F401

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def on(day, month, year=2026):
    return time_machine.travel(datetime(year, month, day, 10, 0, tzinfo=WIB), tick=False)


@pytest.fixture
def decided_dispute(objected, atasan_ppid, petugas_ppid):  # noqa: F811
    """Dispute filed 4 May 2026, decided by adjudication on Monday 1 June 2026."""
    req, secret, objection = objected
    decide(objection, atasan_ppid)
    with at(4, 5):
        dispute = record(req, registration_number="012/V/KI-JATIM-PS/2026")
    with at(2, 6):
        services.dispute_update(dispute=dispute, stage="ajudikasi", actor=petugas_ppid,
                                settlement_started_on=date(2026, 5, 18))
        services.dispute_update(dispute=dispute, stage="diputus", actor=petugas_ppid,
                                decision_date=date(2026, 6, 1),
                                decision_summary="Informasi wajib diberikan kepada pemohon.")
    dispute.refresh_from_db()
    return req, secret, dispute


def test_the_commissions_decision_carried_out_is_recorded_and_public(
        client, decided_dispute, petugas_ppid):
    req, secret, dispute = decided_dispute
    with on(10, 6), pytest.raises(ValidationError, match="sebelum"):
        services.dispute_carry_out(dispute=dispute, carried_out_on=date(2026, 5, 29),
                                   note="Diberikan.", actor=petugas_ppid)
    with on(10, 6):
        services.dispute_carry_out(dispute=dispute, carried_out_on=date(2026, 6, 8),
                                   note="Salinan daftar pemilik lahan dikirim dengan surat "
                                        "nomor 500.12/77/PPID/2026.", actor=petugas_ppid)
        html = " ".join(client.get(reverse("ppid:track_detail", args=[req.code]),
                                   {"k": secret}).content.decode().split())
    assert "Dilaksanakan pada 8 Juni 2026" in html and "500.12/77/PPID/2026" in html
    assert audit_trail(req).filter(action="ppid.dispute_carried_out", public=True).exists()


def test_a_claim_in_court_has_its_fourteen_working_days_and_cassation_its_fourteen_days(
        decided_dispute, petugas_ppid):
    _req, _secret, dispute = decided_dispute
    with on(3, 6), pytest.raises(PpidTransitionError, match="putusan pengadilan"):
        services.court_appeal_record(dispute=dispute, level="kasasi", court="Mahkamah Agung",
                                     filed_by="badan_publik", filed_on=date(2026, 6, 3),
                                     actor=petugas_ppid)
    with on(23, 6):
        claim = services.court_appeal_record(
            dispute=dispute, level="gugatan", court="PTUN Surabaya", filed_by="badan_publik",
            filed_on=date(2026, 6, 23), case_number="45/G/KI/2026/PTUN.SBY",
            actor=petugas_ppid)
    # 14 working days from Monday 1 June 2026 (itself the birth of Pancasila), skipping the
    # Islamic New Year on 16 June: 22 June. Filed the day after: recorded, marked late.
    assert claim.filing_deadline == date(2026, 6, 22) and claim.is_late
    with on(20, 7):
        services.court_appeal_update(appeal=claim, ruling_date=date(2026, 7, 20),
                                     ruling="Gugatan ditolak.", actor=petugas_ppid)
        with pytest.raises(PpidTransitionError):
            services.court_appeal_record(dispute=dispute, level="gugatan", court="PTUN",
                                         filed_by="pemohon", filed_on=date(2026, 7, 20),
                                         actor=petugas_ppid)
        cassation = services.court_appeal_record(
            dispute=dispute, level="kasasi", court="Mahkamah Agung", filed_by="badan_publik",
            filed_on=date(2026, 7, 20), actor=petugas_ppid)
    assert cassation.filing_deadline == date(2026, 8, 3) and not cassation.is_late
    with on(5, 8), pytest.raises(ValidationError):
        services.court_appeal_update(appeal=claim, carried_out_on=date(2026, 8, 5),
                                     actor=petugas_ppid)  # without saying how


def test_the_staff_page_offers_the_steps_after_the_decision(client, decided_dispute,
                                                           petugas_ppid):
    req, _secret, dispute = decided_dispute
    client.force_login(petugas_ppid)
    with on(22, 6):
        page = client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
        assert f'action="/ppid/staf/{req.pk}/court_appeal/"' in page
        assert "court_appeal_update/" not in page  # nothing to update yet
        response = client.post(reverse("ppid:staff_action", args=[req.pk, "court_appeal"]), {
            "court_appeal-level": "gugatan", "court_appeal-court": "PTUN Surabaya",
            "court_appeal-filed_by": "pemohon", "court_appeal-filed_on": "22/06/2026",
            "court_appeal-case_number": ""})
    assert response.status_code == 302
    assert dispute.appeals.get().court == "PTUN Surabaya"


def test_only_a_request_with_a_decided_dispute_is_offered_them(client, objected,  # noqa: F811
                                                              petugas_ppid):
    req, _secret, _objection = objected
    client.force_login(petugas_ppid)
    page = client.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    assert "court_appeal" not in page and "dispute_carry_out" not in page


def _independent_counts(year):
    """The new sections counted again from the raw rows, another way."""
    disputes = Dispute.objects.filter(filed_on__gte=date(year, 1, 1),
                                      filed_on__lte=date(year, 12, 31))
    appeals = CourtAppeal.objects.filter(filed_on__gte=date(year, 1, 1),
                                         filed_on__lte=date(year, 12, 31))
    return {
        "carried": disputes.filter(stage="diputus").exclude(carried_out_on=None).count(),
        "not_carried": disputes.filter(stage="diputus", carried_out_on=None).count(),
        "claims": appeals.filter(level="gugatan").count(),
        "cassations": appeals.filter(level="kasasi").count(),
        "late": sum(1 for a in appeals if a.filed_on > a.filing_deadline),
        "ruled": appeals.exclude(ruling_date=None).count(),
    }


def test_the_annual_report_sections_agree_with_the_raw_rows(decided_dispute, petugas_ppid):
    _req, _secret, dispute = decided_dispute
    with on(23, 6):
        claim = services.court_appeal_record(
            dispute=dispute, level="gugatan", court="PTUN Surabaya", filed_by="badan_publik",
            filed_on=date(2026, 6, 23), actor=petugas_ppid)
    with on(20, 7):
        services.court_appeal_update(appeal=claim, ruling_date=date(2026, 7, 20),
                                     ruling="Gugatan ditolak.", actor=petugas_ppid)
    f = annual_figures(year=2026, calendar=get_work_calendar())
    raw = _independent_counts(2026)
    assert (f.disputes_carried_out, f.disputes_decided - f.disputes_carried_out) == (
        raw["carried"], raw["not_carried"]) == (0, 1)
    assert (f.appeals.get("gugatan", 0), f.appeals.get("kasasi", 0)) == (
        raw["claims"], raw["cassations"]) == (1, 0)
    assert (f.appeals_late, f.appeals_ruled) == (raw["late"], raw["ruled"]) == (1, 1)


def test_a_finished_years_report_is_published_on_a_public_page(client, petugas_ppid):
    assert client.get(reverse("ppid:public_annual_report", args=[2025])).status_code == 404
    with on(4, 12), pytest.raises(ValidationError):
        services.annual_report_publish(year=2026, actor=petugas_ppid)  # not over yet
    client.force_login(petugas_ppid)
    with on(2, 3):
        response = client.post(reverse("ppid:annual_report") + "?tahun=2025", {"publish": "1"})
    assert response.status_code == 302
    client.logout()
    listing = client.get(reverse("ppid:public_annual_reports")).content.decode()
    assert reverse("ppid:public_annual_report", args=[2025]) in listing
    page = client.get(reverse("ppid:public_annual_report", args=[2025]))
    assert page.status_code == 200
    assert "Pelaksanaan keberatan yang dikabulkan" in page.content.decode()
    pdf = client.get(reverse("ppid:public_annual_report", args=[2025]), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"


def test_the_reminder_runs_from_1_march_weekly_until_published(petugas_ppid):
    assert annual_report_reminder_sweep(now=datetime(2026, 2, 28, 8, tzinfo=WIB)) == 0
    assert annual_report_reminder_sweep(now=datetime(2026, 3, 2, 8, tzinfo=WIB)) == 1
    assert annual_report_reminder_sweep(now=datetime(2026, 3, 2, 14, tzinfo=WIB)) == 0
    assert annual_report_reminder_sweep(now=datetime(2026, 3, 5, 8, tzinfo=WIB)) == 0
    assert annual_report_reminder_sweep(now=datetime(2026, 3, 9, 8, tzinfo=WIB)) == 1
    mail = Outbox.objects.filter(recipient=petugas_ppid.email).order_by("id")
    assert mail.count() == 2 and "31 Maret 2026" in mail.first().body_text
    text = AnnualReportText.objects.get(year=2025)
    services.annual_report_publish(year=2025, actor=petugas_ppid,
                                   now=datetime(2026, 3, 10, 9, tzinfo=WIB))
    assert annual_report_reminder_sweep(now=datetime(2026, 3, 20, 8, tzinfo=WIB)) == 0
    assert audit_trail(text).filter(action="ppid.annual_report_reminder").count() == 2
