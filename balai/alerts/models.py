"""Alerts: citizens follow the public complaints of an area, a radius, a category or an OPD
(FixMyStreet's `/alert`, its most requested feature; reference/registries-and-portal.md §6).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel


class Subscription(BaseModel):
    """What one contact follows. Every filter given must match (a kelurahan and a category:
    that category in that kelurahan); at least one is given. Nothing is sent before the
    contact's owner opened the confirmation link, and every message carries a link that
    ends it."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WHATSAPP = "whatsapp", _("WhatsApp")

    class Events(models.TextChoices):
        NEW = "new", _("New reports")
        ALL = "all", _("New reports and their progress")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As it happens")
        DAILY = "daily", _("One daily digest")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)  # normalised (lower, 62…)
    events = models.CharField(_("what"), max_length=5, choices=Events.choices,
                              default=Events.NEW)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.IMMEDIATE)
    area = models.ForeignKey("geo.Area", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("kelurahan or kecamatan"))
    category = models.ForeignKey("complaints.Category", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("category"))
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("agency (OPD)"))
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    radius_m = models.PositiveIntegerField(_("radius (m)"), null=True, blank=True)
    # The radius's bounding box, so that matching a complaint is an indexed range query.
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    min_lng = models.FloatField(null=True, blank=True, editable=False)
    max_lng = models.FloatField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # The local day of the next daily digest (daily subscriptions, and the overflow of
    # rate-limited immediate ones); the digest sweep selects on it.
    digest_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=False) | Q(category__isnull=False)
                | Q(agency__isnull=False) | Q(radius_m__isnull=False),
                name="alert_subscription_has_a_filter"),
            models.CheckConstraint(
                condition=Q(radius_m__isnull=True)
                | Q(lat__isnull=False, lng__isnull=False, radius_m__gte=50,
                    radius_m__lte=5000),
                name="alert_subscription_radius_with_point"),
        ]
        indexes = [
            models.Index(fields=["recipient"], name="alert_sub_recipient"),
            models.Index(fields=["digest_on"], name="alert_sub_digest_on",
                         condition=Q(digest_on__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} ({self.get_channel_display()})"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class AlertItem(BaseModel):
    """One public event (a report made public, a step on its public timeline) that matched
    a subscription; sent at once, or kept for the digest. The audit entry is the event."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE,
                                     related_name="items")
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE,
                                  related_name="+")
    audit_id = models.BigIntegerField()
    action = models.CharField(max_length=100)
    sent_at = models.DateTimeField(null=True, blank=True)
    outbox = models.ForeignKey("notifications.Outbox", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["audit_id"]
        constraints = [models.UniqueConstraint(fields=["subscription", "audit_id"],
                                               name="alert_item_once")]
        indexes = [models.Index(fields=["subscription"], condition=Q(sent_at__isnull=True),
                                name="alert_item_pending")]


class SweepCursor(models.Model):
    """How far the alert sweep has read the audit trail (one row per sweep name)."""

    name = models.CharField(max_length=50, unique=True)
    read_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.read_until:%Y-%m-%d %H:%M}"
