from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from balai.complaints.photos import photo_process, photos_sweep
from balai.complaints.questionnaire import complaints_fixed_sweep
from balai.complaints.rollup import complaints_rollup_sweep
from balai.complaints.sla import complaints_alarms_refresh, complaints_sla_sweep
from balai.complaints.weekly import complaints_weekly_report_sweep
from balai.core.periodic import periodic


@periodic(name="complaints.sla_sweep", every=timedelta(minutes=1))
def sla_sweep() -> dict:
    return complaints_sla_sweep()


@task()
def refresh_alarms() -> int:
    """Recompute the stored alarm days of every running case (the holiday table changed)."""
    return complaints_alarms_refresh()


@task()
def process_photo(photo_id: int) -> str:
    """Re-encode one uploaded photo and publish it; returns its state ("" if already done)."""
    return photo_process(photo_id=photo_id)


@periodic(name="complaints.photos_sweep", every=timedelta(minutes=1))
def sweep_photos() -> dict:
    """Photos whose task was lost (a crash between commit and enqueue, a killed worker)."""
    return {"photos_processed": photos_sweep(now=timezone.now())}


@periodic(name="complaints.fixed_sweep", every=timedelta(minutes=15))
def fixed_sweep() -> dict:
    """'Sudah beres?' again, 14 days after a case closed (on the stored day)."""
    return complaints_fixed_sweep()


@periodic(name="complaints.rollup", every=timedelta(minutes=5))
def rollup() -> dict:
    """Rebuild the daily roll-up of the receipt days of the complaints that changed."""
    return complaints_rollup_sweep()


@periodic(name="complaints.weekly_report", every=timedelta(minutes=30))
def weekly_report() -> dict:
    """Monday's performance report for the head of region (on the stored day)."""
    return complaints_weekly_report_sweep()
