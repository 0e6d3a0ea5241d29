"""Working-day SLA arithmetic for complaints: pure, `today` is always an argument."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from balai.lib.workdays import add_workdays, workdays_between

WARN_AT = 0.8  # warn at 80 % of a deadline (DESIGN.md §4)


@dataclass(frozen=True)
class SlaState:
    stage: str  # "verify" | "followup"
    due: date
    elapsed: int
    total: int

    @property
    def fraction(self) -> float:
        return self.elapsed / self.total if self.total else 1.0

    @property
    def warn(self) -> bool:
        return self.fraction >= WARN_AT and not self.overdue

    @property
    def overdue(self) -> bool:
        return self.elapsed > self.total


def sla_state(*, stage: str, start: date, due: date, today: date, calendar) -> SlaState:
    """How far into its deadline a stage is, counted in working days."""
    total = workdays_between(start, due, calendar)
    elapsed = workdays_between(start, today, calendar) if today > start else 0
    return SlaState(stage=stage, due=due, elapsed=elapsed, total=total)


def shift_for_pause(*, due: date, paused_from: date, resumed_on: date, calendar) -> date:
    """Move a due date by the working days the clock stood still (waiting for the reporter)."""
    stopped = workdays_between(paused_from, resumed_on, calendar) if resumed_on > paused_from \
        else 0
    return add_workdays(due, stopped, calendar) if stopped else due
