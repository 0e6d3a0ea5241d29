import factory
from django.utils import timezone

from balai.notifications.models import Outbox


class OutboxFactory(factory.django.DjangoModelFactory):
    """A stored message, as notification_enqueue would leave it (without the task)."""

    class Meta:
        model = Outbox

    channel = Outbox.Channel.EMAIL
    recipient = factory.Sequence(lambda n: f"warga{n}@example.id")
    template = "pesan_umum"
    subject = "Pemberitahuan — Diskominfo Kota Malang"
    body_text = "Yth. Bapak/Ibu,\n\nPengaduan Anda sudah kami terima.\n"
    body_html = "<p>Pengaduan Anda sudah kami terima.</p>"
    status = Outbox.Status.QUEUED
    next_attempt_at = factory.LazyFunction(timezone.now)
    max_attempts = 6
