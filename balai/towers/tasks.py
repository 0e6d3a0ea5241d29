"""Periodic tower work registered with the worker."""

from datetime import timedelta

from django.utils import timezone

from balai.core.periodic import periodic
from balai.towers.services import findings_overdue_sweep


@periodic(name="towers.findings_overdue", every=timedelta(minutes=30))
def findings_overdue() -> int:
    return findings_overdue_sweep(today=timezone.localdate())
