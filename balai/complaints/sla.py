"""The SLA sweep: warn at 80 %, escalate when overdue, auto-close after the reply window.

The sweep reads the alarm days stored on each case (`sla_warn_on`, `sla_overdue_on`, see
complaints.deadlines) and selects only the cases whose day has come, on partial indexes:
its cost follows the cases that cross a threshold, not the number of open cases. Each
warning and escalation is claimed with one conditional UPDATE that re-checks the selection,
so two workers running the sweep at once never send twice, and a case that moved on since
the selection is left alone (STYLE.md, Side effects).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from balai.complaints import notify
from balai.complaints.deadlines import ALARM_FIELDS, STAGES, Stage, set_alarms
from balai.complaints.errors import ComplaintTransitionError
from balai.complaints.models import FOLLOWING_UP, VERIFYING, Complaint
from balai.complaints.services import complaint_autoclose
from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.core.periodic import claim_each, recompute_rows

S = Complaint.Status
BATCH = 1000


def _escalations(stage: Stage, today: date) -> QuerySet:
    return (Complaint.objects.filter(status__in=stage.statuses, sla_overdue_on__lte=today)
            .exclude(sla_escalated=stage.name))


def _warnings(stage: Stage, today: date) -> QuerySet:
    return (Complaint.objects.filter(status__in=stage.statuses, sla_warn_on__lte=today,
                                     sla_overdue_on__gt=today)
            .exclude(sla_warned=stage.name).exclude(sla_escalated=stage.name))


def _escalate(complaint: Complaint, stage: Stage) -> None:
    due = getattr(complaint, stage.due_field)
    log_action(complaint, "complaints.sla_escalated", data={"stage": stage.name, "due": due})
    notify.sla_escalation(complaint, stage.name, due)


def _warn(complaint: Complaint, stage: Stage) -> None:
    due = getattr(complaint, stage.due_field)
    log_action(complaint, "complaints.sla_warned", data={"stage": stage.name, "due": due})
    notify.sla_warning(complaint, stage.name, due)


def complaints_sla_sweep(*, now: datetime | None = None) -> dict:
    """Warn, escalate and auto-close as the stored alarm days say."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"warned": 0, "escalated": 0, "autoclosed": 0}
    for stage in STAGES:
        counts["escalated"] += claim_each(_escalations(stage, today),
                                          lambda c, stage=stage: _escalate(c, stage),
                                          related=("agency", "category"),
                                          sla_escalated=stage.name, sla_warn_on=None,
                                          sla_overdue_on=None)
        counts["warned"] += claim_each(_warnings(stage, today),
                                       lambda c, stage=stage: _warn(c, stage),
                                       related=("agency", "category"),
                                       sla_warned=stage.name, sla_warn_on=None)
    for complaint in Complaint.objects.filter(status=S.SELESAI, autoclose_due__lt=today):
        try:
            complaint_autoclose(complaint=complaint, now=now)
        except ComplaintTransitionError:
            continue  # another worker closed it first, or it was reopened meanwhile
        counts["autoclosed"] += 1
    return counts


def complaints_alarms_refresh(queryset: QuerySet | None = None, *, calendar=None) -> int:
    """Recompute the stored alarm days of the running cases in `queryset` (all by default),
    e.g. after the holiday table changed; returns how many running cases were read."""
    calendar = calendar or get_work_calendar()
    rows = (queryset if queryset is not None else Complaint.objects.all()).filter(
        status__in=VERIFYING | FOLLOWING_UP).only(
        "status", "clock_start", "verify_due", "followup_start", "followup_due",
        "sla_warned", "sla_escalated", "sla_warn_on", "sla_overdue_on")
    return recompute_rows(rows, lambda complaint: set_alarms(complaint, calendar),
                          ALARM_FIELDS, size=BATCH)
