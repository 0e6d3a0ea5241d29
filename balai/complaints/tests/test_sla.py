"""The SLA sweep across weekends, Idul Fitri 2026 and its cuti bersama, with frozen time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from balai.agencies.models import Membership
from balai.complaints import services
from balai.complaints.models import Complaint
from balai.complaints.sla import complaints_sla_sweep
from balai.complaints.tests import factories
from balai.core.audit import audit_trail
from balai.notifications.models import Outbox

WIB = ZoneInfo("Asia/Jakarta")
S = Complaint.Status


def at(y, m, d, hh=10):
    return datetime(y, m, d, hh, tzinfo=WIB)


def new_complaint(cats, when):
    complaint, _ = services.complaint_submit(submission=factories.submission(cats["jalan"]),
                                             now=when)
    return complaint


def test_verification_due_skips_idul_fitri_and_cuti_bersama(cats):
    # Tuesday 17 March 2026: 18 Mar cuti bersama Nyepi, 19 Nyepi, 20 cuti bersama,
    # 21–22 Idul Fitri (weekend), 23–24 cuti bersama → day 1 is Wed 25 March.
    complaint = new_complaint(cats, at(2026, 3, 17))
    assert complaint.verify_due == date(2026, 3, 27)


def test_sweep_warns_at_80_percent_then_escalates_once_overdue(cats, verifikator):
    complaint = new_complaint(cats, at(2026, 11, 2))  # verify due Thu 5 Nov (3 days)
    with time_machine.travel(at(2026, 11, 4), tick=False):  # 2 of 3 days: 67 %
        assert complaints_sla_sweep() == {"warned": 0, "escalated": 0, "autoclosed": 0}
    with time_machine.travel(at(2026, 11, 5), tick=False):  # 3 of 3 days: 100 %, not late
        assert complaints_sla_sweep()["warned"] == 1
        assert complaints_sla_sweep()["warned"] == 0  # idempotent
    with time_machine.travel(at(2026, 11, 6), tick=False):  # Friday: overdue
        assert complaints_sla_sweep()["escalated"] == 1
        assert complaints_sla_sweep()["escalated"] == 0
    actions = [e.action for e in audit_trail(complaint)]
    assert actions.count("complaints.sla_warned") == 1
    assert actions.count("complaints.sla_escalated") == 1
    assert Outbox.objects.filter(recipient=verifikator.email,
                                 dedupe_key__contains="overdue:verify").count() == 1


def test_a_weekend_does_not_make_a_case_overdue(cats):
    new_complaint(cats, at(2026, 11, 5))  # Thursday; due Tue 10 Nov
    with time_machine.travel(at(2026, 11, 8), tick=False):  # Sunday
        assert complaints_sla_sweep()["escalated"] == 0


def test_overdue_follow_up_escalates_to_the_head_of_the_agency(cats, verifikator,
                                                               operator_opd, agency_pupr):
    from balai.accounts.models import Role, User

    head = User.objects.create_user(email="kepala@example.id", password="x-long-pass-1",
                                    role=Role.KEPALA_OPD)
    Membership.objects.create(user=head, agency=agency_pupr, role=Membership.Role.HEAD)
    complaint = new_complaint(cats, at(2026, 11, 2))
    complaint.agency = agency_pupr
    complaint.save(update_fields=["agency"])
    services.complaint_verify(complaint=complaint, actor=verifikator, agency=agency_pupr,
                              override_reason="uji", now=at(2026, 11, 2))
    complaint.refresh_from_db()
    assert complaint.followup_due == date(2026, 11, 9)
    with time_machine.travel(at(2026, 11, 10), tick=False):
        assert complaints_sla_sweep()["escalated"] == 1
    assert Outbox.objects.filter(recipient="kepala@example.id").exists()


def test_waiting_for_the_reporter_is_never_escalated(cats, verifikator, operator_opd):
    complaint = new_complaint(cats, at(2026, 11, 2))
    services.complaint_verify(complaint=complaint, actor=verifikator, now=at(2026, 11, 2))
    services.complaint_request_info(complaint=complaint, question="Foto lagi?",
                                    actor=operator_opd, now=at(2026, 11, 3))
    with time_machine.travel(at(2026, 12, 1), tick=False):
        counts = complaints_sla_sweep()
    assert counts["escalated"] == 0


@pytest.mark.parametrize(("answered", "closes_after"), [
    (at(2026, 11, 2), date(2026, 11, 16)),  # + 10 working days
    # Across Nyepi, Idul Fitri, their cuti bersama and Good Friday (3 April).
    (at(2026, 3, 16), date(2026, 4, 7)),
])
def test_answered_complaints_close_after_ten_working_days_without_reply(
        cats, verifikator, operator_opd, answered, closes_after):
    complaint = new_complaint(cats, answered)
    services.complaint_verify(complaint=complaint, actor=verifikator, now=answered)
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah diperbaiki", actor=operator_opd,
                              now=answered)
    complaint.refresh_from_db()
    assert complaint.autoclose_due == closes_after
    with time_machine.travel(datetime.combine(closes_after, datetime.min.time(), WIB)
                             .replace(hour=12), tick=False):
        assert complaints_sla_sweep()["autoclosed"] == 0
    day_after = date.fromordinal(closes_after.toordinal() + 1)
    with time_machine.travel(datetime.combine(day_after, datetime.min.time(), WIB)
                             .replace(hour=12), tick=False):
        assert complaints_sla_sweep()["autoclosed"] == 1
    complaint.refresh_from_db()
    assert complaint.status == S.DITUTUP


# Stored alarm days (issue 10, item 6): each service stores the days its clock warns and
# becomes overdue, and the sweep selects on them.

def _live(complaint, today):
    """What the running clock says on `today`, computed from the deadlines as before."""
    from balai.complaints.deadlines import running_stage
    from balai.core.calendar import get_work_calendar
    from balai.lib.workdays import clock

    stage = running_stage(complaint)
    if stage is None:
        return None
    return clock(start=getattr(complaint, stage.start_field),
                 due=getattr(complaint, stage.due_field), today=today,
                 calendar=get_work_calendar())


def _agrees(complaint, days=25):
    """On every day from the start of its clock, the stored days say what the clock says."""
    complaint.refresh_from_db()
    first = complaint.submitted_at.date()
    for n in range(days):
        day = date.fromordinal(first.toordinal() + n)
        live = _live(complaint, day)
        if live is None:
            assert (complaint.sla_warn_on, complaint.sla_overdue_on) == (None, None)
            continue
        assert live.overdue == (day >= complaint.sla_overdue_on), day
        assert live.warn == (complaint.sla_warn_on is not None
                             and complaint.sla_warn_on <= day < complaint.sla_overdue_on), day


def test_every_step_stores_the_alarm_days_of_the_clock_it_runs(cats, verifikator, operator_opd):
    # Friday 13 March 2026: 16, 17 and (after Nyepi and Idul Fitri) 25 March are its three
    # working days; it warns on the last (80 % of 3 is 2.4) and is overdue the day after.
    complaint = new_complaint(cats, at(2026, 3, 13))
    assert complaint.verify_due == date(2026, 3, 25)
    assert (complaint.sla_warn_on, complaint.sla_overdue_on) == (date(2026, 3, 25),
                                                                 date(2026, 3, 26))
    _agrees(complaint)
    services.complaint_verify(complaint=complaint, actor=verifikator, now=at(2026, 3, 25))
    _agrees(complaint, 40)
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    with time_machine.travel(at(2026, 3, 26), tick=False):
        services.complaint_request_info(complaint=complaint, question="Di mana tepatnya?",
                                        actor=operator_opd, now=at(2026, 3, 26))
    complaint.refresh_from_db()
    assert (complaint.sla_warn_on, complaint.sla_overdue_on) == (None, None)  # clock stopped
    before = complaint.followup_due
    with time_machine.travel(at(2026, 4, 2), tick=False):
        services.complaint_reporter_reply(complaint=complaint, text="Depan SDN 3",
                                          now=at(2026, 4, 2))
    complaint.refresh_from_db()
    assert complaint.followup_due > before and complaint.sla_overdue_on > complaint.followup_due
    _agrees(complaint, 60)
    services.complaint_answer(complaint=complaint, text="Sudah ditambal", actor=operator_opd,
                              now=at(2026, 4, 6))
    complaint.refresh_from_db()
    assert (complaint.sla_warn_on, complaint.sla_overdue_on) == (None, None)


def test_the_sweep_reads_only_the_cases_whose_day_has_come(cats, django_assert_max_num_queries):
    for day in range(2, 7):  # Mon 2 .. Fri 6 November: due 5 .. 11 November
        for _ in range(4):
            new_complaint(cats, at(2026, 11, day))
    due_today = new_complaint(cats, at(2026, 10, 26))  # due Thu 29 Oct: overdue from 30 Oct
    with time_machine.travel(at(2026, 11, 2), tick=False), \
            django_assert_max_num_queries(16):  # the selections and one escalation
        assert complaints_sla_sweep() == {"warned": 0, "escalated": 1, "autoclosed": 0}
    assert Complaint.objects.filter(sla_escalated="verify").get() == due_today
    # Raised, its day is cleared: what the sweep's index holds is only work still to do.
    due_today.refresh_from_db()
    assert (due_today.sla_warn_on, due_today.sla_overdue_on) == (None, None)
    assert not Complaint.objects.filter(sla_overdue_on__lte=date(2026, 11, 2)).exists()


def test_a_case_that_moved_on_after_the_selection_is_not_escalated(cats, verifikator):
    from balai.complaints import sla
    from balai.complaints.deadlines import STAGES
    from balai.core.periodic import claim_each

    complaint = new_complaint(cats, at(2026, 11, 2))  # verify overdue from Fri 6 Nov
    selection = sla._escalations(STAGES[0], date(2026, 11, 6))
    assert list(selection) == [complaint]
    services.complaint_verify(complaint=complaint, actor=verifikator, now=at(2026, 11, 5))
    # The conditional claim re-checks the selection: the case is now in follow-up.
    assert claim_each(selection, lambda c: sla._escalate(c, STAGES[0]),
                      sla_escalated="verify") == 0
    assert not Complaint.objects.filter(sla_escalated="verify").exists()


def test_a_new_holiday_moves_the_stored_alarm_days(cats, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from balai.complaints.tasks import refresh_alarms
    from balai.core.models import Holiday

    complaint = new_complaint(cats, at(2026, 11, 2))  # due Thu 5 Nov, overdue from Fri 6
    assert complaint.sla_overdue_on == date(2026, 11, 6)
    with django_capture_on_commit_callbacks(execute=True):
        Holiday.objects.create(date=date(2026, 11, 6), name="Hari jadi kota")
    assert DBTaskResult.objects.filter(task_path="balai.complaints.tasks.refresh_alarms").exists()
    assert refresh_alarms.call() == 1  # what the worker runs
    complaint.refresh_from_db()
    assert complaint.sla_overdue_on == date(2026, 11, 9)  # one working day later (Monday)
    _agrees(complaint)
    with time_machine.travel(at(2026, 11, 6), tick=False):
        assert complaints_sla_sweep()["escalated"] == 0
