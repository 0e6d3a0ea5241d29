"""Outbox gauges for /metrics: messages by channel and status (failed ones need a look)."""

from django.db.models import Count

from balai.core.metrics import gauge
from balai.notifications.models import Outbox


@gauge("balai_outbox_messages", "Outbox messages by channel and status.")
def outbox_messages():
    rows = Outbox.objects.values_list("channel", "status").annotate(n=Count("id"))
    return [({"channel": channel, "status": status}, n) for channel, status, n in rows]
