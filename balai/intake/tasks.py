from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from balai.core.periodic import on_sweep_clock, periodic
from balai.intake.imap import imap_configured, mail_imap_read
from balai.intake.models import ChatMessage
from balai.intake.services import conversations_expire, whatsapp_process

# An inbound message not processed after this long lost its task (a crash between the
# webhook's commit and the enqueue, a killed worker): the sweep processes it. On the
# sweeps' clock (PERIODIC_INTERVAL_SCALE).
STALE_AFTER = timedelta(minutes=2)


@task()
def process_whatsapp(message_pk: int) -> str:
    """Run one inbound WhatsApp message through its conversation."""
    return whatsapp_process(message_pk=message_pk)


@periodic(name="intake.whatsapp_sweep", every=timedelta(minutes=1))
def whatsapp_sweep() -> dict:
    """Close conversations left half-way; process inbound messages whose task was lost."""
    now = timezone.now()
    lost = list(ChatMessage.objects.filter(direction=ChatMessage.Direction.IN,
                                           processed_at__isnull=True,
                                           created_at__lt=now - on_sweep_clock(STALE_AFTER))
                .order_by("created_at", "id").values_list("pk", flat=True)[:100])
    for pk in lost:
        whatsapp_process(message_pk=pk)
    return {"conversations_expired": conversations_expire(now=now), "messages_recovered":
            len(lost)}


@periodic(name="intake.mail_imap", every=timedelta(minutes=1))
def mail_imap_sweep() -> dict:
    """Keep the complaints mailbox's unread messages as drafts (when IMAP is configured)."""
    return mail_imap_read() if imap_configured() else {}
