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

from datetime import date, datetime

from django.db.models import F, QuerySet
from django.utils import timezone

from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.core.periodic import claim_each, recompute_rows
from balai.ppid import notify
from balai.ppid.deadlines import ALARM_FIELDS, set_alarms
from balai.ppid.models import InformationRequest, Objection


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


def ppid_alarms_refresh(*, calendar=None) -> int:
    """Recompute the stored alarm days of every running request and keberatan, e.g. after
    the holiday table changed; returns how many were read."""
    calendar = calendar or get_work_calendar()
    return sum(recompute_rows(running, lambda case: set_alarms(case, calendar), ALARM_FIELDS)
               for running in (InformationRequest.objects.open(),
                               Objection.objects.filter(status=Objection.Status.RECEIVED)))
