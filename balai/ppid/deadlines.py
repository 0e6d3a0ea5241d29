"""The statutory clocks of the PPID service: pure, `today` is always an argument.

UU 14/2008: answer within 10 working days, one extension of at most 7 working days with
written reasons (Pasal 22(7)–(8)); objection within 30 working days of its ground, decided
by the atasan PPID within 30 working days (Pasal 36); dispute at the Komisi Informasi
within 14 working days of the atasan's answer (Pasal 37(2)); the Komisi Informasi begins
mediation or non-litigation adjudication within 14 working days of receiving the dispute
and settles it within 100 working days (Pasal 38).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from balai.lib.workdays import (
    Deadline,
    WorkCalendar,
    add_workdays,
    alarms,
    explain,
    skipped_days,
    workdays_between,
)

ANSWER_WORKDAYS = 10  # UU 14/2008 Pasal 22(7)
EXTENSION_WORKDAYS = 7  # Pasal 22(8), once, with written reasons
OBJECTION_FILING_WORKDAYS = 30  # Pasal 36(1)
OBJECTION_DECISION_WORKDAYS = 30  # Pasal 36(2)
DISPUTE_FILING_WORKDAYS = 14  # Pasal 37(2)
COMMISSION_START_WORKDAYS = 14  # Pasal 38(1)
COMMISSION_FINISH_WORKDAYS = 100  # Pasal 38(2)


def answer_deadline(start: date, calendar: WorkCalendar) -> Deadline:
    """Due date of the written notice: 10 working days after day 0 (Pasal 22(7))."""
    return explain(start, ANSWER_WORKDAYS, calendar)


def extended_deadline(start: date, due: date, calendar: WorkCalendar) -> Deadline:
    """The one extension: 7 more working days after the first due date (Pasal 22(8)).

    The explanation runs from day 0, so the requester sees every day skipped since the
    request was received, not only those of the extension.
    """
    new_due = add_workdays(due, EXTENSION_WORKDAYS, calendar)
    return Deadline(start=start, workdays=workdays_between(start, new_due, calendar),
                    due=new_due, skipped=tuple(skipped_days(start, new_due, calendar)))


@dataclass(frozen=True)
class RequestClock:
    """A request's answer clock: the due date, the first due date before any extension, and
    how each was reached (the `deadline_facts` parts "answer" and, extended, "extended")."""

    facts: dict
    due: date
    original_due: date


def request_clock(start: date, calendar: WorkCalendar, *, extended: bool) -> RequestClock:
    """The answer clock from day 0: 10 working days, plus the one extension of 7 if it was
    granted (Pasal 22(7)–(8)). Submitting, extending and recounting after the holiday table
    changed all count it here."""
    answer = answer_deadline(start, calendar)
    if not extended:
        return RequestClock({"answer": answer.as_dict()}, answer.due, answer.due)
    longer = extended_deadline(start, answer.due, calendar)
    return RequestClock({"answer": answer.as_dict(), "extended": longer.as_dict()},
                        longer.due, answer.due)


def objection_filing_deadline(ground_date: date, calendar: WorkCalendar) -> date:
    """Last day to file a keberatan: 30 working days after its ground arose (Pasal 36(1))."""
    return add_workdays(ground_date, OBJECTION_FILING_WORKDAYS, calendar)


def objection_decision_deadline(start: date, calendar: WorkCalendar) -> Deadline:
    """The atasan PPID decides within 30 working days of receiving it (Pasal 36(2))."""
    return explain(start, OBJECTION_DECISION_WORKDAYS, calendar)


def carry_out_deadline(decided_on: date, workdays: int, calendar: WorkCalendar) -> Deadline:
    """The PPID's last day to give the (new) written notice an upheld keberatan orders,
    `workdays` after the atasan's decision (UU 14/2008 Pasal 36(2); the installation's
    PPID_CARRY_OUT_WORKDAYS, by default the 10 of Pasal 22(7))."""
    return explain(decided_on, workdays, calendar)


def dispute_filing_deadline(answer_date: date, calendar: WorkCalendar) -> date:
    """Last day to take the matter to the Komisi Informasi (Pasal 37(2))."""
    return add_workdays(answer_date, DISPUTE_FILING_WORKDAYS, calendar)


COURT_CLAIM_WORKDAYS = 14
CASSATION_DAYS = 14


def court_claim_deadline(decision_received: date, calendar: WorkCalendar) -> date:
    """Last day to state in writing that the commission's adjudication decision is not
    accepted and take it to the PTUN or district court: 14 working days after receiving
    it (UU 14/2008 Pasal 48(1))."""
    return add_workdays(decision_received, COURT_CLAIM_WORKDAYS, calendar)


def cassation_deadline(ruling_received: date) -> date:
    """Last day to file cassation at the Supreme Court: 14 days after receiving the
    court's ruling (UU 14/2008 Pasal 50)."""
    return ruling_received + timedelta(days=CASSATION_DAYS)


@dataclass(frozen=True)
class CommissionTimeline:
    """The Komisi Informasi's own clock for a dispute (UU 14/2008 Pasal 38), and whether
    it kept it. Both dates count from the day the commission received the dispute."""

    start: Deadline  # 38(1): mediation or adjudication begins by start.due
    finish: Deadline  # 38(2): the dispute is settled by finish.due
    started_late: bool  # began after start.due
    not_started: bool  # still open, not begun, and start.due has passed
    decided_late: bool  # decided after finish.due
    overdue: bool  # still open after finish.due


def commission_timeline(*, filed_on: date, started_on: date | None, decided_on: date | None,
                        is_open: bool, today: date, calendar: WorkCalendar
                        ) -> CommissionTimeline:
    """When the commission must begin and finish (Pasal 38(1)–(2)), and what is late.

    The law counts both from the commission's receipt of the dispute ("setelah menerima
    permohonan"), which is the filing date recorded here, so the 100 working days of
    38(2) are read from the same day 0 as the 14 of 38(1).
    """
    start = explain(filed_on, COMMISSION_START_WORKDAYS, calendar)
    finish = explain(filed_on, COMMISSION_FINISH_WORKDAYS, calendar)
    return CommissionTimeline(
        start=start, finish=finish,
        started_late=started_on is not None and started_on > start.due,
        not_started=is_open and started_on is None and today > start.due,
        decided_late=decided_on is not None and decided_on > finish.due,
        overdue=is_open and today > finish.due)


ALARM_FIELDS = ("warn_on", "overdue_on")


def set_alarms(case, calendar: WorkCalendar) -> tuple[str, str]:
    """Store on `case` (a request or a keberatan, unsaved) the days its clock from
    `case.alarm_start` (day 0 of the clock now running) to `case.due_date` still has to
    warn (80 %) and to be flagged overdue: one already raised for this due date is None
    (the sweep clears each as it raises it). Returns the field names for `update_fields`;
    called wherever a due date is set."""
    when = alarms(start=case.alarm_start, due=case.due_date, calendar=calendar)
    flagged = case.overdue_flagged_for == case.due_date
    reminded = flagged or case.reminder_sent_for == case.due_date
    case.warn_on = None if reminded else when.warn_on
    case.overdue_on = None if flagged else when.overdue_on
    return ALARM_FIELDS

