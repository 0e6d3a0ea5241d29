"""The monthly publication score, kept on the 1st (or the first worker run after it)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from balai.core.periodic import periodic
from balai.publications import score


@periodic(name="publications.monthly_score", every=timedelta(hours=1))
def monthly_score_sweep() -> int:
    """Snapshot last month's scores once its last day has passed; a later run finds them
    kept and does nothing (two workers at once write the same rows: update_or_create)."""
    from balai.publications.models import ScoreSnapshot  # noqa: PLC0415  (apps ready)
    from balai.publications.services import score_snapshot_month  # noqa: PLC0415

    today = timezone.localdate()
    last_month = score.month_start(score.month_start(today) - timedelta(days=1))
    if ScoreSnapshot.objects.filter(month=last_month).exists():
        return 0
    return len(score_snapshot_month(month=last_month, today=today))
