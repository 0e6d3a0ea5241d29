"""Periodic tower work registered with the worker."""

from datetime import timedelta

from django.utils import timezone

from balai.core.periodic import periodic
from balai.towers.services import (
    findings_overdue_sweep,
    levy_lapse_sweep,
    levy_objection_deemed_sweep,
)


@periodic(name="towers.findings_overdue", every=timedelta(minutes=30))
def findings_overdue() -> int:
    return findings_overdue_sweep(today=timezone.localdate())


@periodic(name="towers.levy_lapse", every=timedelta(hours=6))
def levy_lapse() -> int:
    return levy_lapse_sweep(today=timezone.localdate())


@periodic(name="towers.levy_objection_deemed", every=timedelta(hours=6))
def levy_objection_deemed() -> int:
    return levy_objection_deemed_sweep(today=timezone.localdate())
