from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel


def default_max_attempts() -> int:
    return settings.NOTIFICATION_MAX_ATTEMPTS


class Attachment(models.Model):
    """A file sent with e-mail messages (a report's PDF), stored once by its SHA-256 however
    many messages carry it; in the database, so it commits with the messages."""

    sha256 = models.CharField(max_length=64, unique=True)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    data = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.filename


class Outbox(BaseModel):
    """One outgoing message: stored first, delivered by a worker, never silently dropped."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WHATSAPP = "whatsapp", _("WhatsApp")
        TELEGRAM = "telegram", _("Telegram")
        WEBHOOK = "webhook", _("Webhook")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=500)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    template = models.CharField(_("template"), max_length=100)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("max attempts"),
                                                    default=default_max_attempts)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    # When a worker claimed the row; the sweep recovers rows claimed too long ago.
    locked_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # When a delivery task was last put on the queue; the sweep re-enqueues lost ones.
    enqueued_at = models.DateTimeField(_("enqueued at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_message_id = models.CharField(_("provider message id"), max_length=200,
                                           blank=True)

    # The case the message is about (a complaint, an information request…), if any.
    content_type = models.ForeignKey(ContentType, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)

    # E-mail only: a file sent with the message.
    attachment = models.ForeignKey(Attachment, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("attachment"))

    dedupe_key = models.CharField(
        _("deduplication key"), max_length=200, null=True, blank=True,
        help_text=_("The same event never queues two messages with the same key."),
    )

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["dedupe_key"], condition=Q(dedupe_key__isnull=False),
                                    name="notifications_outbox_dedupe_key_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "sending", "sent", "failed"]),
                name="notifications_outbox_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["email", "whatsapp", "telegram", "webhook", "sms"]),
                name="notifications_outbox_channel_valid",
            ),
        ]
        indexes = [
            # The sweep: due retries and rows stuck in sending. Partial indexes stay small
            # because sent rows, the vast majority, are not in them.
            models.Index(fields=["next_attempt_at"], condition=Q(status="queued"),
                         name="notif_outbox_queued_due_idx"),
            models.Index(fields=["locked_at"], condition=Q(status="sending"),
                         name="notif_outbox_sending_idx"),
            models.Index(fields=["status", "channel"], name="notif_outbox_status_chan_idx"),
            models.Index(fields=["content_type", "object_id"], name="notif_outbox_related_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient} ({self.get_status_display()})"
