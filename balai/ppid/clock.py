"""The deadline sweep: remind at 80 % of the time allowed, flag what is overdue.

Idempotent: each reminder and overdue flag is claimed for one due date with a
conditional UPDATE, so two workers never send twice, and an extension (a new due date)
earns a new reminder (STYLE.md, Side effects).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.core.periodic import rows_in_batches
from balai.lib.workdays import clock
from balai.ppid import notify
from balai.ppid.models import OPEN, InformationRequest, Objection


def _claim(req: InformationRequest, field: str) -> bool:
    return (InformationRequest.objects.filter(pk=req.pk, due_date=req.due_date, status__in=OPEN)
            .exclude(**{field: req.due_date}).update(**{field: req.due_date}) == 1)


def ppid_deadline_sweep(*, now: datetime | None = None) -> dict:
    """Remind the officers in charge at 80 %, flag and escalate overdue requests."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    calendar = get_work_calendar()
    counts = {"reminded": 0, "overdue": 0}
    rows = InformationRequest.objects.filter(status__in=OPEN).only(
        "pk", "code", "status", "clock_start", "due_date", "reminder_sent_for",
        "overdue_flagged_for", "delegated_to_id")
    for req in rows_in_batches(rows):
        if req.overdue_flagged_for == req.due_date:
            continue
        state = clock(start=req.clock_start, due=req.due_date, today=today,
                            calendar=calendar)
        if state.overdue:
            with transaction.atomic():
                if not _claim(req, "overdue_flagged_for"):
                    continue
                log_action(req, "ppid.overdue", data={"due_date": req.due_date,
                                                      "elapsed": state.elapsed})
                notify.overdue(req)
            counts["overdue"] += 1
        elif state.warn and req.reminder_sent_for != req.due_date:
            with transaction.atomic():
                if not _claim(req, "reminder_sent_for"):
                    continue
                log_action(req, "ppid.reminder", data={"due_date": req.due_date,
                                                       "elapsed": state.elapsed,
                                                       "total": state.total})
                notify.reminder(req)
            counts["reminded"] += 1
    return counts


def _claim_objection(objection: Objection, field: str) -> bool:
    return (Objection.objects.filter(pk=objection.pk, status=Objection.Status.RECEIVED)
            .exclude(**{field: objection.due_date}).update(**{field: objection.due_date}) == 1)


def ppid_objection_sweep(*, now: datetime | None = None) -> dict:
    """Remind the atasan PPID at 80 % of the 30 working days, and when overdue."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    calendar = get_work_calendar()
    counts = {"reminded": 0, "overdue": 0}
    rows = Objection.objects.filter(status=Objection.Status.RECEIVED).select_related("request")
    for objection in rows_in_batches(rows):
        if objection.overdue_flagged_for == objection.due_date:
            continue
        start = date.fromisoformat(objection.deadline_facts["decision"]["start"])
        state = clock(start=start, due=objection.due_date, today=today, calendar=calendar)
        field = ("overdue_flagged_for" if state.overdue else
                 "reminder_sent_for" if state.warn
                 and objection.reminder_sent_for != objection.due_date else None)
        if field is None:
            continue
        with transaction.atomic():
            if not _claim_objection(objection, field):
                continue
            log_action(objection, "ppid.objection_overdue" if state.overdue
                       else "ppid.objection_reminder",
                       data={"due_date": objection.due_date, "elapsed": state.elapsed})
            notify.objection_reminder(objection, overdue=state.overdue)
        counts["overdue" if state.overdue else "reminded"] += 1
    return counts
