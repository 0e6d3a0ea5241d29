"""Outside bodies reachable over Open311, and each case sent to one (balai.forwarding).

An outside agency (agencies.Agency, is_external) may carry an `Open311Endpoint`; forwarding
a complaint to it creates a `RemoteForward` that a worker sends (POST requests.json) and a
sweep follows (servicerequestupdates, or the request itself) until the remote side closes
it. `RemoteUpdate` keeps each remote update once, so nothing is mirrored twice.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.core import crypto
from balai.core.models import BaseModel


class Open311Endpoint(BaseModel):
    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE,
                                  related_name="open311_endpoint",
                                  verbose_name=_("outside body"))
    base_url = models.URLField(
        _("base URL"), max_length=300,
        help_text=_("The GeoReport v2 root, e.g. https://balai.jatimprov.go.id/open311/v2"))
    jurisdiction_id = models.CharField(_("jurisdiction id"), max_length=100, blank=True)
    api_key_encrypted = models.TextField(blank=True, editable=False)
    # Our category code -> their service_code; a category without one cannot be sent.
    service_map = models.JSONField(_("service-code mapping"), default=dict, blank=True)
    is_active = models.BooleanField(pgettext_lazy("forwarding", "active"), default=True)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    check_ok = models.BooleanField(null=True, editable=False)
    check_result = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("Open311 endpoint")
        verbose_name_plural = _("Open311 endpoints")

    def __str__(self) -> str:
        return f"{self.agency} — {self.base_url}"

    @property
    def api_key(self) -> str:
        return crypto.decrypt(self.api_key_encrypted)

    @property
    def has_api_key(self) -> bool:
        return bool(self.api_key_encrypted)

    def url(self, path: str) -> str:
        return f"{self.base_url.rstrip('/')}/{path}"


class RemoteForward(BaseModel):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("forwarding", "Waiting to be sent")
        SENT = "sent", pgettext_lazy("forwarding", "Sent, followed")
        FAILED = "failed", pgettext_lazy("forwarding", "Not sent: retry by hand")
        CLOSED = "closed", pgettext_lazy("forwarding", "Closed by the outside body")

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE,
                                  related_name="remote_forwards")
    endpoint = models.ForeignKey(Open311Endpoint, on_delete=models.PROTECT,
                                 related_name="forwards")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    service_code = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # The sweeps' stored, indexed dates: the next send attempt, the next read-back.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    identity_sent = models.BooleanField(default=False)
    remote_id = models.CharField(max_length=100, blank=True)
    remote_token = models.CharField(max_length=100, blank=True)
    remote_status = models.CharField(max_length=40, blank=True)
    remote_notes = models.TextField(blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    # The newest remote update read: the next read starts there.
    updates_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="fwd_next_attempt",
                         condition=Q(status="pending")),
            models.Index(fields=["next_check_at"], name="fwd_next_check",
                         condition=Q(status="sent")),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} → {self.endpoint.agency} {self.remote_id}"


class RemoteUpdate(BaseModel):
    forward = models.ForeignKey(RemoteForward, on_delete=models.CASCADE, related_name="updates")
    update_id = models.CharField(max_length=100)
    status = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)
    updated_datetime = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["updated_datetime", "id"]
        constraints = [models.UniqueConstraint(fields=["forward", "update_id"],
                                               name="fwd_update_once")]


class RemoteFeedback(BaseModel):
    """The reporter's rating or "sudah beres?" answer on a forwarded case, to be POSTed to
    the outside body's servicerequestupdates: a row first, sent by a task, retried by the
    sweep with the forwards' back-off."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("forwarding", "Waiting to be sent")
        SENT = "sent", pgettext_lazy("forwarding feedback", "Sent")
        FAILED = "failed", pgettext_lazy("forwarding feedback", "Not sent: gave up")
        REFUSED = "refused", pgettext_lazy("forwarding feedback",
                                           "Not accepted by the remote side")

    forward = models.ForeignKey(RemoteForward, on_delete=models.CASCADE,
                                related_name="feedback")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    fixed = models.BooleanField(null=True, blank=True)
    note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    remote_update_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["next_attempt_at"], name="fwd_feedback_next",
                                condition=Q(status="pending"))]

    @property
    def update_id(self) -> str:
        """Our id for the update at the remote side: a retry sends the same one."""
        return f"balai:{self.forward.complaint.code}:{self.pk}"
