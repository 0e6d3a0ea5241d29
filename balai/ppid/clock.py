"""The deadline sweeps: remind at 80 % of the time allowed, flag what is overdue.

The services store with each due date the days its clock warns and becomes overdue
(`warn_on`, `overdue_on`: ppid.deadlines.set_alarms) and clear each as they raise it; the
sweeps select the cases whose day has come on an index holding only work still to do,
instead of recomputing every open case. Each reminder and overdue
flag is claimed for one due date with a conditional UPDATE that re-checks the selection, so
two workers never send twice, and an extension (a new due date) earns a new reminder
(STYLE.md, Side effects).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.core.periodic import claim_each, recompute_rows
from balai.core.workflow import save_changed
from balai.ppid import notify
from balai.ppid.deadlines import (
    ALARM_FIELDS,
    carry_out_deadline,
    objection_decision_deadline,
    request_clock,
    set_alarms,
)
from balai.ppid.models import AnnualReportText, InformationRequest, Objection


def _overdue(running: QuerySet, today: date) -> QuerySet:
    return running.filter(overdue_on__lte=today).exclude(overdue_flagged_for=F("due_date"))


def _due_for_reminder(running: QuerySet, today: date) -> QuerySet:
    return (running.filter(warn_on__lte=today, overdue_on__gt=today)
            .exclude(reminder_sent_for=F("due_date")))


def _request_overdue(req: InformationRequest) -> None:
    log_action(req, "ppid.overdue", data={"due_date": req.due_date})
    notify.overdue(req)


def _request_reminder(req: InformationRequest) -> None:
    log_action(req, "ppid.reminder", data={"due_date": req.due_date})
    notify.reminder(req)


def _objection_overdue(objection: Objection) -> None:
    log_action(objection, "ppid.objection_overdue", data={"due_date": objection.due_date})
    notify.objection_reminder(objection, overdue=True)


def _objection_reminder(objection: Objection) -> None:
    log_action(objection, "ppid.objection_reminder", data={"due_date": objection.due_date})
    notify.objection_reminder(objection, overdue=False)


def ppid_deadline_sweep(*, now: datetime | None = None) -> dict:
    """Remind the officers in charge at 80 %, flag and escalate overdue requests."""
    today = timezone.localdate(now or timezone.now())
    running = InformationRequest.objects.open()
    return {
        "overdue": claim_each(_overdue(running, today), _request_overdue,
                              overdue_flagged_for=F("due_date"), warn_on=None,
                              overdue_on=None),
        "reminded": claim_each(_due_for_reminder(running, today), _request_reminder,
                               reminder_sent_for=F("due_date"), warn_on=None),
    }


def ppid_objection_sweep(*, now: datetime | None = None) -> dict:
    """Remind the atasan PPID at 80 % of the 30 working days, and when overdue."""
    today = timezone.localdate(now or timezone.now())
    running = Objection.objects.filter(status=Objection.Status.RECEIVED)
    return {
        "overdue": claim_each(_overdue(running, today), _objection_overdue,
                              overdue_flagged_for=F("due_date"), warn_on=None,
                              overdue_on=None),
        "reminded": claim_each(_due_for_reminder(running, today), _objection_reminder,
                               reminder_sent_for=F("due_date"), warn_on=None),
    }


def _request_deadline(req: InformationRequest, calendar) -> tuple[dict, date, date]:
    """The request's running clock counted again on `calendar`: (the facts that change, the
    due date, the original due date). Day 0 stays: the receipt was what it was."""
    if req.is_carrying_out:
        facts = req.deadline_facts["carry_out"]
        workdays = facts.get("workdays", settings.PPID_CARRY_OUT_WORKDAYS)
        again = carry_out_deadline(date.fromisoformat(facts["start"]), workdays, calendar)
        return ({"carry_out": {**again.as_dict(), "workdays": workdays}}, again.due,
                again.due)
    clock = request_clock(req.clock_start, calendar, extended=req.extended_at is not None)
    return clock.facts, clock.due, clock.original_due


def _skipped(facts: dict | None) -> dict[str, str]:
    return {d["date"]: d["reason"] for d in (facts or {}).get("skipped", [])}


def _calendar_change(before: dict, after: dict) -> dict:
    """The non-working days that entered and left a clock's count: the reason it moved."""
    old = {k: v for part in before.values() for k, v in _skipped(part).items()}
    new = {k: v for part in after.values() for k, v in _skipped(part).items()}
    return {"added": [f"{d} {new[d]}" for d in sorted(new.keys() - old.keys())],
            "removed": [f"{d} {old[d]}" for d in sorted(old.keys() - new.keys())]}


@transaction.atomic
def _move_request(pk: int, calendar) -> bool:
    req = InformationRequest.objects.select_for_update().filter(pk=pk).open().first()
    if req is None:
        return False
    facts, due, original = _request_deadline(req, calendar)
    if due == req.due_date and original == req.original_due_date:
        return False
    before = {key: req.deadline_facts.get(key) for key in facts}
    data = {"from": req.due_date, "to": due, **_calendar_change(before, facts)}
    req.due_date, req.original_due_date = due, original
    req.deadline_facts = {**req.deadline_facts, **facts}
    save_changed(req, "due_date", "original_due_date", "deadline_facts",
                 *set_alarms(req, calendar))
    log_action(req, "ppid.due_date_moved", data=data)
    notify.due_date_moved(req)
    return True


@transaction.atomic
def _move_objection(pk: int, calendar) -> bool:
    objection = Objection.objects.select_for_update().filter(
        pk=pk, status=Objection.Status.RECEIVED).first()
    if objection is None:
        return False
    again = objection_decision_deadline(objection.clock_start, calendar)
    if again.due == objection.due_date:
        return False
    facts = {"decision": again.as_dict()}
    data = {"objection": objection.code, "from": objection.due_date, "to": again.due,
            **_calendar_change({"decision": objection.deadline_facts.get("decision")}, facts)}
    objection.due_date = again.due
    objection.deadline_facts = {**objection.deadline_facts, **facts}
    save_changed(objection, "due_date", "deadline_facts", *set_alarms(objection, calendar))
    log_action(objection, "ppid.due_date_moved", data=data)
    if objection.request_id:
        log_action(objection.request, "ppid.objection_due_date_moved", data=data)
    return True


def ppid_due_dates_refresh(*, calendar=None) -> dict:
    """Count every running clock of the PPID again after the holiday table changed (an SKB
    amended mid-year): a due date that moves is saved with how it was reached, audited
    with the days that entered or left its count, and shown to the requester (issue 13,
    defect 8). The clocks that run against the requester (objection and dispute windows)
    are left as they were given."""
    calendar = calendar or get_work_calendar()
    # Counted first without a lock; only the cases whose dates move are then locked, one
    # transaction each, and counted again under the lock (a case answered meanwhile stays).
    movers = [req.pk for req in InformationRequest.objects.open()
              .only("pk", "status", "clock_start", "extended_at", "due_date",
                    "original_due_date", "deadline_facts").iterator(chunk_size=500)
              if _request_deadline(req, calendar)[1:] != (req.due_date, req.original_due_date)]
    late = [o.pk for o in Objection.objects.filter(status=Objection.Status.RECEIVED)
            .only("pk", "deadline_facts", "due_date").iterator(chunk_size=500)
            if objection_decision_deadline(o.clock_start, calendar).due != o.due_date]
    return {"requests": sum(_move_request(pk, calendar) for pk in movers),
            "objections": sum(_move_objection(pk, calendar) for pk in late)}


def ppid_alarms_refresh(*, calendar=None) -> int:
    """Recompute the stored alarm days of every running request and keberatan, e.g. after
    the holiday table changed; returns how many were read."""
    calendar = calendar or get_work_calendar()
    return sum(recompute_rows(running, lambda case: set_alarms(case, calendar), ALARM_FIELDS)
               for running in (InformationRequest.objects.open(),
                               Objection.objects.filter(status=Objection.Status.RECEIVED)))


# UU 14/2008 Pasal 12 and the implementing rules: the annual report is due within three
# months of the year's end. Reminders start a month before and repeat weekly until it is
# published.
REPORT_REMINDERS_FROM = (3, 1)
REPORT_DUE = (3, 31)
REPORT_REMINDER_EVERY = timedelta(days=7)


def annual_report_reminder_sweep(*, now: datetime | None = None) -> int:
    """From 1 March, once a week until it is published, remind the PPID utama to publish
    last year's annual report by 31 March (and after, that it is late). Claimed on the
    stored day of the last reminder, so two workers never send twice."""
    today = timezone.localdate(now or timezone.now())
    if (today.month, today.day) < REPORT_REMINDERS_FROM:
        return 0
    year = today.year - 1
    text, _created = AnnualReportText.objects.get_or_create(year=year)
    due = date(today.year, *REPORT_DUE)
    with transaction.atomic():
        claimed = (AnnualReportText.objects.filter(pk=text.pk, published_at__isnull=True)
                   .filter(Q(reminded_on__isnull=True)
                           | Q(reminded_on__lte=today - REPORT_REMINDER_EVERY))
                   .update(reminded_on=today))
        if not claimed:
            return 0
        log_action(text, "ppid.annual_report_reminder", data={"year": year, "due": due})
        notify.annual_report_reminder(text, due=due, late=today > due, today=today)
    return 1
