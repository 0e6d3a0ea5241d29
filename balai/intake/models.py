"""Complaints that arrive by WhatsApp or e-mail before they become complaints.

A WhatsApp `Conversation` collects a report question by question (intake.conversation)
and is filed through the same service as the web form; its `ChatMessage`s are the
transcript and make a redelivered webhook event harmless (unique message id). An e-mail to
the complaints address becomes a `MailDraft` that the front office completes (category,
place) into a complaint, or discards.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.complaints.photos import originals_storage
from balai.core.models import BaseModel
from balai.intake import conversation as conv


class Conversation(BaseModel):
    class Step(models.TextChoices):
        CATEGORY = conv.CATEGORY, _("Asked for the category")
        LOCATION = conv.LOCATION, _("Asked for the location")
        PHOTO = conv.PHOTO, _("Asked for a photo")
        DESCRIPTION = conv.DESCRIPTION, _("Asked for a description")
        NAME = conv.NAME, _("Asked for the name")
        FILED = conv.FILED, _("Filed as a complaint")
        CANCELLED = conv.CANCELLED, pgettext_lazy("conversation", "Cancelled")
        EXPIRED = conv.EXPIRED, _("Expired without an answer")

    phone = models.CharField(_("WhatsApp number"), max_length=20, db_index=True)
    profile_name = models.CharField(_("WhatsApp profile name"), max_length=200, blank=True)
    step = models.CharField(_("step"), max_length=20, choices=Step.choices,
                            default=Step.CATEGORY)
    category = models.ForeignKey("complaints.Category", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    # Names in the complaints' private storage of the photos received, re-encoded later
    # by the complaint's own photo pipeline once filed.
    photos = models.JSONField(default=list, blank=True)
    photo_skipped = models.BooleanField(default=False)
    description = models.TextField(blank=True)
    reporter_name = models.CharField(max_length=200, blank=True)
    is_anonymous = models.BooleanField(default=False)
    complaint = models.ForeignKey("complaints.Complaint", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("complaint"))
    last_message_at = models.DateTimeField()
    # When a conversation left half-way is closed politely; None once it is finished.
    # The sweep selects on it (STYLE.md, Side effects).
    expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        verbose_name = _("WhatsApp conversation")
        verbose_name_plural = _("WhatsApp conversations")
        indexes = [models.Index(fields=["expires_at"], name="conversation_expires_at",
                                condition=Q(expires_at__isnull=False))]
        constraints = [
            # One report in progress per number: a message never has two conversations
            # to land in.
            models.UniqueConstraint(fields=["phone"], name="conversation_one_open",
                                    condition=Q(step__in=list(conv.ASKING))),
        ]

    def __str__(self) -> str:
        return f"+{self.phone} ({self.get_step_display()})"


class ChatMessage(BaseModel):
    """One WhatsApp message in or out: the transcript, and the webhook's idempotency."""

    class Direction(models.TextChoices):
        IN = "in", _("From the citizen")
        OUT = "out", _("From balai")

    conversation = models.ForeignKey(Conversation, null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="messages")
    phone = models.CharField(max_length=20)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    # The Cloud API's message id of an inbound message: a redelivery is refused here.
    wa_id = models.CharField(max_length=128, null=True, blank=True, unique=True)
    kind = models.CharField(max_length=20, default="text")
    text = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["created_at"], name="chatmessage_unprocessed",
                                condition=Q(direction="in", processed_at__isnull=True))]


class MailDraft(BaseModel):
    """An e-mail to the complaints address, waiting for the front office."""

    class State(models.TextChoices):
        DRAFT = "draf", _("Waiting to be completed")
        COMPLETED = "lengkap", _("Filed as a complaint")
        DISCARDED = "dibuang", _("Discarded")

    message_id = models.CharField(max_length=300, unique=True)
    sender_email = models.EmailField(_("sender"))
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("message"), blank=True)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    # A place read from a photo's GPS before it was re-encoded: the pin offered first.
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.DRAFT)
    complaint = models.ForeignKey("complaints.Complaint", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    discard_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("e-mail draft")
        verbose_name_plural = _("e-mail drafts")
        indexes = [models.Index(fields=["state", "-received_at"], name="maildraft_queue")]

    def __str__(self) -> str:
        return f"{self.sender_email}: {self.subject}"


class MailDraftPhoto(BaseModel):
    """An attachment kept as a photo: re-encoded (no metadata) in private storage."""

    draft = models.ForeignKey(MailDraft, on_delete=models.CASCADE, related_name="photos")
    name = models.CharField(max_length=200)
    image = models.FileField(upload_to="intake/mail/%Y/%m/", storage=originals_storage)
    thumbnail = models.FileField(upload_to="intake/mail/%Y/%m/thumbs/",
                                 storage=originals_storage)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
