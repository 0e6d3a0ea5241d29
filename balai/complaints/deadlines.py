"""Working-day SLA arithmetic for complaints: pure, `today` and the calendar are arguments.

Each status runs at most one stage clock (DESIGN.md §4): verification at the desk while
new, the agency's follow-up once verified (stopped while waiting for the reporter). When a
service sets or moves a deadline it stores the stage's pending alarm days on the case
(`sla_warn_on`, `sla_overdue_on`, from `lib.workdays.alarms`); the sweep clears each when
it raises it. So the sweep selects the cases whose day has come on an index holding only
work still to do, instead of recomputing every open case.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from balai.complaints.models import FOLLOWING_UP, VERIFYING
from balai.lib.workdays import add_workdays, alarms, workdays_between


class Stage(NamedTuple):
    name: str  # "verify" | "followup": what the audit entry and sla_warned/sla_escalated say
    statuses: frozenset
    start_field: str
    due_field: str


STAGES = (Stage("verify", VERIFYING, "clock_start", "verify_due"),
          Stage("followup", FOLLOWING_UP, "followup_start", "followup_due"))
ALARM_FIELDS = ("sla_warn_on", "sla_overdue_on")


def running_stage(complaint) -> Stage | None:
    """The stage whose clock runs in the complaint's status, if its dates are set."""
    for stage in STAGES:
        if complaint.status in stage.statuses:
            if getattr(complaint, stage.start_field) and getattr(complaint, stage.due_field):
                return stage
            return None
    return None


def alarms_of(complaint, calendar) -> tuple[date | None, date | None]:
    """(warn_on, overdue_on) still pending on the complaint's running clock: a warning or
    escalation already raised for this stage is None, and both are None when no clock
    runs. So the sweep's selection holds only the work still to do."""
    stage = running_stage(complaint)
    if stage is None:
        return None, None
    when = alarms(start=getattr(complaint, stage.start_field),
                  due=getattr(complaint, stage.due_field), calendar=calendar)
    escalated = complaint.sla_escalated == stage.name
    warned = escalated or complaint.sla_warned == stage.name
    return (None if warned else when.warn_on), (None if escalated else when.overdue_on)


def set_alarms(complaint, calendar) -> tuple[str, str]:
    """Store on `complaint` (unsaved) the days its running clock warns and is overdue;
    returns the field names for `update_fields`."""
    complaint.sla_warn_on, complaint.sla_overdue_on = alarms_of(complaint, calendar)
    return ALARM_FIELDS


def shift_for_pause(*, due: date, paused_from: date, resumed_on: date, calendar) -> date:
    """Move a due date by the working days the clock stood still (waiting for the reporter)."""
    stopped = workdays_between(paused_from, resumed_on, calendar) if resumed_on > paused_from \
        else 0
    return add_workdays(due, stopped, calendar) if stopped else due
