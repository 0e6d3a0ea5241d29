"""An upheld keberatan is carried out (issue 13, defect 1): the atasan's decision orders a
(new) written notice on grounds 35(1)(a), (c), (d), (e), (f) with its own deadline from the
decision; the request is open again until the PPID gives it, and the tracker, the queues
and the annual report agree on where the request stands."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.core.calendar import get_work_calendar
from balai.ppid import services
from balai.ppid.models import Decision, InformationRequest, Objection
from balai.ppid.reports import annual_figures
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
S = InformationRequest.Status


def at(day, month, hour=10):
    return time_machine.travel(datetime(2026, month, day, hour, 0, tzinfo=WIB), tick=False)


def moment(day, month, hour=10):
    return datetime(2026, month, day, hour, 0, tzinfo=WIB)


SUMMARY = "Permohonan saya tidak dijawab sampai batas waktunya lewat."
REASONS = "PPID tidak menjawab dalam 10 hari kerja; PPID wajib memberi pemberitahuan."


@pytest.fixture
def unanswered_upheld(signing, petugas_ppid, atasan_ppid):
    """The issue's case: received Monday 2 March 2026 (due 16 March), never answered;
    keberatan on 35(1)(c) filed 17 March; upheld by the atasan on 1 April."""
    with at(2, 3):
        req, secret = services.information_request_submit(
            submission=factories.submission(), documents=factories.prepared_ktp())
    assert req.due_date == date(2026, 3, 16)
    with at(17, 3):
        objection = services.objection_file(request=req, ground="35_1c",
                                            ground_date=date(2026, 3, 17),
                                            case_summary=SUMMARY)
    services.objection_decide(objection=objection, outcome="dikabulkan", reasons=REASONS,
                              actor=atasan_ppid, now=moment(1, 4))
    req.refresh_from_db()
    objection.refresh_from_db()
    return req, secret, objection


def test_an_upheld_no_answer_objection_reopens_the_request_with_its_own_deadline(
        unanswered_upheld):
    req, _secret, objection = unanswered_upheld
    assert req.status == S.CARRYING_OUT and req.is_open
    # 10 working days from Wednesday 1 April 2026: Good Friday (3 April) is a holiday.
    assert objection.carry_out_due == req.due_date == date(2026, 4, 16)
    assert req.deadline_facts["carry_out"]["start"] == "2026-04-01"
    assert "2026-04-03" in [d["date"] for d in req.deadline_facts["carry_out"]["skipped"]]
    # It is in the PPID's queue of open requests, and the alarms run on the new clock.
    assert InformationRequest.objects.open().filter(pk=req.pk).exists()
    assert req.warn_on is not None and date(2026, 4, 1) < req.warn_on <= req.due_date
    assert req.decision is None


def test_the_ppid_carries_out_the_upheld_objection_and_every_view_agrees(
        client, unanswered_upheld, petugas_ppid):
    req, secret, objection = unanswered_upheld
    decision = services.information_request_decide(
        request=req, data=factories.decision_data(), actor=petugas_ppid, now=moment(10, 4))
    req.refresh_from_db()
    assert req.status == S.ANSWERED
    assert req.decision == decision and decision.objection == objection
    assert objection.carried_out_by == decision
    entry = audit_trail(objection).get(action="ppid.objection_carried_out")
    assert entry.data["on_time"] is True and entry.data["request"] == req.code
    assert audit_trail(req).get(action="ppid.decided").data["carries_out"] == objection.code
    # The tracker says what the state says.
    page = client.get(reverse("ppid:track_detail", args=[req.code]), {"k": secret})
    html = page.content.decode()
    assert page.status_code == 200 and "Dijawab" in html
    # The annual report counts it answered (late against the first due date of 16 March),
    # not "not yet answered".
    figures = annual_figures(year=2026, calendar=get_work_calendar())
    assert figures.unanswered == 0 and figures.late == 1
    assert figures.objections_carried_out == 1 and figures.objections_to_carry_out == 0


def test_the_notice_says_which_objection_it_carries_out(unanswered_upheld, petugas_ppid):
    from balai.core.tests.programs import pdf_text
    from balai.documents.storage import documents_storage

    req, _secret, objection = unanswered_upheld
    decision = services.information_request_decide(
        request=req, data=factories.decision_data(), actor=petugas_ppid, now=moment(10, 4))
    text = " ".join(pdf_text(documents_storage().path(decision.notice.pdf_path)).split())
    assert objection.code in text
    assert objection.decision_document.number.full_number in text


def test_before_it_is_carried_out_the_report_counts_it_owed(unanswered_upheld):
    figures = annual_figures(year=2026, calendar=get_work_calendar())
    assert figures.unanswered == 1
    assert figures.objections_to_carry_out == 1 and figures.objections_carried_out == 0


def test_an_overturned_refusal_cannot_be_refused_again(signing, petugas_ppid, atasan_ppid):
    with at(16, 3):
        req = factories.request()
    refusal = factories.decision_data(outcome="ditolak", given="", form="", delivery="")
    first = services.information_request_decide(request=req, data=refusal,
                                                actor=petugas_ppid, now=moment(7, 4))
    with at(8, 4):
        objection = services.objection_file(request=req, ground="35_1a",
                                            ground_date=date(2026, 4, 7),
                                            case_summary=SUMMARY)
    services.objection_decide(objection=objection, outcome="dikabulkan", reasons=REASONS,
                              actor=atasan_ppid, now=moment(20, 4))
    req.refresh_from_db()
    assert req.status == S.CARRYING_OUT
    # While it is carried out, the decision in force is still the refusal.
    assert req.decision == first
    with pytest.raises(ValidationError, match="diberikan seluruhnya"):
        services.information_request_decide(request=req, data=refusal, actor=petugas_ppid,
                                             now=moment(22, 4))
    revised = services.information_request_decide(
        request=req, data=factories.decision_data(outcome="diberikan", exemption="",
                                                  consequence_test="", withheld="",
                                                  withheld_reason="", form="hardcopy"),
        actor=petugas_ppid, now=moment(22, 4))
    req.refresh_from_db()
    # Both notices are kept; the revised one is in force.
    assert list(req.decisions.order_by("decided_at")) == [first, revised]
    assert req.decision == revised and req.status == S.ANSWERED
    figures = annual_figures(year=2026, calendar=get_work_calendar())
    assert figures.outcomes == {Decision.Outcome.GRANTED: 1}
    assert figures.on_time == 1  # the first answer, 7 April, was within its 10 days


@pytest.mark.parametrize(("ground", "outcome", "ordered"), [
    ("35_1g", "dikabulkan", False),  # late: already answered, nothing left to give
    ("35_1a", "ditolak", False),  # rejected: the PPID's answer stands
    ("35_1a", "sebagian", True),
])
def test_what_an_objection_decision_orders(signing, petugas_ppid, atasan_ppid, ground,
                                           outcome, ordered):
    with at(16, 3):
        req = factories.request()
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid, now=moment(9, 4))
    with at(10, 4):  # answered two days after its due date (7 April)
        objection = services.objection_file(request=req, ground=ground,
                                            ground_date=date(2026, 4, 9),
                                            case_summary=SUMMARY)
    services.objection_decide(objection=objection, outcome=outcome, reasons=REASONS,
                              actor=atasan_ppid, now=moment(20, 4))
    req.refresh_from_db()
    objection.refresh_from_db()
    assert (req.status == S.CARRYING_OUT) is ordered
    assert (objection.carry_out_due is not None) is ordered
    if not ordered:
        assert req.status == S.ANSWERED


def test_the_extension_is_not_offered_while_carrying_out(unanswered_upheld, petugas_ppid):
    from balai.ppid.errors import PpidTransitionError

    req, _secret, _objection = unanswered_upheld
    with at(2, 4), pytest.raises(PpidTransitionError):
        services.information_request_extend(request=req, reason="Butuh waktu tambahan.",
                                             actor=petugas_ppid)


def test_a_lapsed_carry_out_can_be_objected_to_again_as_unanswered(unanswered_upheld):
    req, _secret, _objection = unanswered_upheld
    with at(16, 4), pytest.raises(ValidationError):
        services.objection_file(request=req, ground="35_1c", ground_date=date(2026, 4, 16),
                                case_summary=SUMMARY)
    with at(17, 4):
        again = services.objection_file(request=req, ground="35_1c",
                                        ground_date=date(2026, 4, 17), case_summary=SUMMARY)
    assert again.status == Objection.Status.RECEIVED


def test_the_tracker_shows_the_new_deadline_while_carrying_out(client, unanswered_upheld):
    req, secret, _objection = unanswered_upheld
    with at(2, 4):
        page = client.get(reverse("ppid:track_detail", args=[req.code]), {"k": secret})
    html = " ".join(page.content.decode().split())
    assert "Keberatan dikabulkan: PPID sedang melaksanakan putusan" in html
    assert "16 April 2026" in html and "Wafat Yesus Kristus" in html


def test_a_carry_out_clock_may_end_before_the_first_one(signing, petugas_ppid, atasan_ppid):
    """Extended to 25 November, answered at once, objected to and upheld the next day: the
    new notice is due 18 November, before the first clock's end, and that is saved."""
    with at(2, 11):
        req = factories.request()
        services.information_request_extend(request=req, actor=petugas_ppid,
                                             reason="Dokumen tersebar di tiga bidang.")
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid, now=moment(3, 11))
    with at(4, 11):
        objection = services.objection_file(request=req, ground="35_1a",
                                            ground_date=date(2026, 11, 3),
                                            case_summary=SUMMARY)
    services.objection_decide(objection=objection, outcome="dikabulkan", reasons=REASONS,
                              actor=atasan_ppid, now=moment(4, 11))
    req.refresh_from_db()
    assert req.status == S.CARRYING_OUT and req.due_date == date(2026, 11, 18)
    services.information_request_decide(
        request=req, data=factories.decision_data(outcome="diberikan", exemption="",
                                                  consequence_test="", withheld="",
                                                  withheld_reason="", form="hardcopy"),
        actor=petugas_ppid, now=moment(10, 11))
    figures = annual_figures(year=2026, calendar=get_work_calendar())
    assert figures.on_time == 1 and figures.late == 0
