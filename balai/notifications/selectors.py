"""Reads of the outbox: the backlog for /healthz and a case's messages for its timeline."""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Min, Q

from balai.notifications.models import Outbox


def outbox_backlog(*, now: datetime) -> dict[str, object]:
    """Counts per status and the age in seconds of the oldest due queued message."""
    counts = dict(Outbox.objects.exclude(status=Outbox.Status.SENT)
                  .values_list("status").annotate(n=Count("id")).order_by())
    oldest = Outbox.objects.filter(status=Outbox.Status.QUEUED,
                                   next_attempt_at__lte=now).aggregate(at=Min("next_attempt_at"))
    return {
        "queued": counts.get(Outbox.Status.QUEUED, 0),
        "sending": counts.get(Outbox.Status.SENDING, 0),
        "failed": counts.get(Outbox.Status.FAILED, 0),
        "oldest_due_seconds": (now - oldest["at"]).total_seconds() if oldest["at"] else 0.0,
    }


def outbox_list_for_related(*, related: models.Model):
    """The messages sent about one case, newest first (for the staff timeline)."""
    content_type = ContentType.objects.get_for_model(related, for_concrete_model=False)
    return Outbox.objects.filter(Q(content_type=content_type) & Q(object_id=str(related.pk)))
