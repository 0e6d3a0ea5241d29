"""The SLA sweep: warn at 80 %, escalate when overdue, auto-close after the reply window.

Idempotent: each warning and escalation is claimed with a conditional UPDATE on the row,
so two workers running the sweep at once never send twice (STYLE.md, Side effects).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from balai.complaints import notify
from balai.complaints.deadlines import sla_state
from balai.complaints.errors import ComplaintTransitionError
from balai.complaints.models import Complaint
from balai.complaints.services import complaint_autoclose
from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.core.periodic import rows_in_batches

S = Complaint.Status
STAGES = {
    # stage: (statuses in which its clock runs, start field, due field)
    "verify": ({S.BARU}, "clock_start", "verify_due"),
    "followup": ({S.TERVERIFIKASI, S.DIPROSES}, "followup_start", "followup_due"),
}


def _claim(complaint: Complaint, field: str, stage: str) -> bool:
    return Complaint.objects.filter(pk=complaint.pk).exclude(**{field: stage}).update(
        **{field: stage}) == 1


def complaints_sla_sweep(*, now: datetime | None = None) -> dict:
    """Warn, escalate and auto-close as the working-day deadlines say."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    calendar = get_work_calendar()
    counts = {"warned": 0, "escalated": 0, "autoclosed": 0}
    for stage, (statuses, start_field, due_field) in STAGES.items():
        rows = (Complaint.objects.filter(status__in=statuses, **{f"{due_field}__isnull": False,
                                                                  f"{start_field}__isnull": False})
                .exclude(sla_escalated=stage).select_related("agency", "category"))
        for complaint in rows_in_batches(rows):
            state = sla_state(stage=stage, start=getattr(complaint, start_field),
                              due=getattr(complaint, due_field), today=today, calendar=calendar)
            if state.overdue:
                with transaction.atomic():
                    if not _claim(complaint, "sla_escalated", stage):
                        continue
                    log_action(complaint, "complaints.sla_escalated", data={
                        "stage": stage, "due": state.due, "elapsed": state.elapsed})
                    notify.sla_escalation(complaint, stage, state.due)
                counts["escalated"] += 1
            elif state.warn and complaint.sla_warned != stage:
                with transaction.atomic():
                    if not _claim(complaint, "sla_warned", stage):
                        continue
                    log_action(complaint, "complaints.sla_warned", data={
                        "stage": stage, "due": state.due, "elapsed": state.elapsed})
                    notify.sla_warning(complaint, stage, state.due)
                counts["warned"] += 1
    for complaint in Complaint.objects.filter(status=S.SELESAI, autoclose_due__lt=today):
        try:
            complaint_autoclose(complaint=complaint, now=now)
        except ComplaintTransitionError:
            continue  # another worker closed it first, or it was reopened meanwhile
        counts["autoclosed"] += 1
    return counts
