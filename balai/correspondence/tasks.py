"""Periodic persuratan work registered with the worker."""

from datetime import date, timedelta

from django.db.models import F, Q
from django.utils import timezone

from balai.core.periodic import claim_each, periodic
from balai.correspondence.models import Disposition
from balai.correspondence.services import disposition_remind_overdue


def overdue_dispositions_sweep(*, today: date | None = None) -> int:
    """Remind each recipient whose disposition passed its stored due day, once per due day:
    the claim sets `reminded_for` to the due day, so two workers never both remind."""
    today = today or timezone.localdate()
    selection = Disposition.objects.pending().filter(due_on__lt=today).filter(
        Q(reminded_for__isnull=True) | ~Q(reminded_for=F("due_on")))
    return claim_each(selection, disposition_remind_overdue,
                      related=("letter", "recipient"), reminded_for=F("due_on"))


@periodic(name="correspondence.overdue_sweep", every=timedelta(minutes=15))
def overdue_sweep() -> int:
    return overdue_dispositions_sweep()
