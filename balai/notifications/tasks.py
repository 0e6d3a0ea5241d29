"""Background entry points: they load by primary key and call one service."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from balai.core.periodic import periodic
from balai.notifications.services import outbox_deliver, outbox_sweep


@task()
def deliver_outbox(outbox_id: int) -> str | None:
    """Deliver one outbox row; returns its status after the attempt, None if not claimed."""
    outbox = outbox_deliver(outbox_id=outbox_id)
    return outbox.status if outbox is not None else None


@periodic(name="notifications.outbox_sweep", every=timedelta(seconds=30))
def sweep_outbox() -> str | None:
    """Recover stuck sends and lost retries; says what it did, or nothing when idle."""
    counts = outbox_sweep(now=timezone.now())
    if any(counts.values()):
        return ", ".join(f"{name} {count}" for name, count in counts.items())
    return None
