"""Periodic PPID work registered with the worker."""

from datetime import timedelta

from django_tasks import task

from balai.core.periodic import periodic
from balai.ppid.clock import (
    annual_report_reminder_sweep,
    ppid_alarms_refresh,
    ppid_deadline_sweep,
    ppid_due_dates_refresh,
    ppid_objection_sweep,
)
from balai.ppid.services.monev import ppid_berkala_sweep
from balai.ppid.services.service_documents import exemption_review_sweep


@periodic(name="ppid.deadline_sweep", every=timedelta(minutes=5))
def deadline_sweep() -> dict:
    return ppid_deadline_sweep()


@periodic(name="ppid.annual_report_reminder", every=timedelta(hours=6))
def annual_report_reminder() -> int:
    return annual_report_reminder_sweep()


@periodic(name="ppid.objection_sweep", every=timedelta(minutes=5))
def objection_sweep() -> dict:
    return ppid_objection_sweep()


@periodic(name="ppid.berkala_sweep", every=timedelta(hours=1))
def berkala_sweep() -> dict:
    return ppid_berkala_sweep()


@periodic(name="ppid.exemption_review", every=timedelta(hours=6))
def exemption_review() -> dict:
    return exemption_review_sweep()


@task()
def refresh_alarms() -> int:
    """The holiday table changed: count every running clock again (due dates that move are
    audited and told to the requester), then the stored alarm days of every running case."""
    ppid_due_dates_refresh()
    return ppid_alarms_refresh()

