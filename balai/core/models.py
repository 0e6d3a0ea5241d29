import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Created/updated timestamps for every domain row."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def _sha256_hex(text: str) -> str:
    # For long random tokens only: with nothing to guess, a fast hash is enough.
    return hashlib.sha256(text.encode()).hexdigest()


class SecretLinkModel(BaseModel):
    """A case a citizen follows through a personal link: the link's secret is given once
    (in the link we send) and only its hash is kept."""

    secret_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        abstract = True

    @staticmethod
    def hash_secret(secret: str) -> str:
        return _sha256_hex(secret)  # 192 random bits

    @classmethod
    def new_secret(cls) -> tuple[str, str]:
        """A fresh secret for the personal link, and the hash to store."""
        secret = secrets.token_urlsafe(24)
        return secret, cls.hash_secret(secret)

    def secret_matches(self, secret: str) -> bool:
        return bool(secret) and hmac.compare_digest(self.secret_hash, self.hash_secret(secret))


class HashedKeyModel(BaseModel):
    """A secret key a program presents (an API token, an Open311 api_key): shown once
    when issued, stored only as a hash, revoked rather than deleted."""

    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return _sha256_hex(key)  # 256 random bits

    @classmethod
    def active_by_key(cls, key: str, *related: str):
        """The active row this key belongs to (with `related` rows joined), or None."""
        if not key:
            return None
        # select_related() with no names would follow every foreign key: name them.
        rows = cls.objects.select_related(*related) if related else cls.objects.all()
        return rows.filter(key_hash=cls.hash_key(key), is_active=True).first()

    def issue_key(self) -> str:
        """Set a fresh key on this (unsaved or rotated) row; returns it, to be shown once."""
        key = secrets.token_urlsafe(32)
        self.key_hash = self.hash_key(key)
        self.key_prefix = key[:8]
        return key

    def key_revoke(self, now) -> None:
        """Switch the key off for good; the row stays for the audit trail."""
        self.is_active = False
        self.revoked_at = now
        self.save(update_fields=["is_active", "revoked_at", "updated_at"])


class AuditEntry(models.Model):
    """One state change: who did what to which row, written in the change's transaction.

    Rows are append-only; the application never updates or deletes them.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    public = models.BooleanField(
        default=False, help_text=_("Shown on the public timeline of the case."),
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries are append-only.")

    @property
    def label(self) -> str:
        """What a person reads for this entry, from its app's action catalogue."""
        from balai.core.actions import action_label  # noqa: PLC0415 (actions imports no model)

        return action_label(self.action)


class Holiday(BaseModel):
    """A non-working day entered by an admin on top of the national calendar."""

    class Kind(models.TextChoices):
        CUTI_BERSAMA = "cuti_bersama", _("Collective leave (cuti bersama)")
        REGIONAL = "regional", _("Regional holiday")
        OFFICE_CLOSURE = "office_closure", _("Office closure")
        NATIONAL = "national", _("National holiday (extra)")

    date = models.DateField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.OFFICE_CLOSURE)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class PeriodicClaim(models.Model):
    """Which period each periodic job last ran for, claimed by one worker (issue 21).

    Every `balai worker`, on every host, tries a due job once per period; the one whose
    conditional UPDATE moves `period` forward runs it, the others skip it: a sweep runs once
    per period, not once per worker.
    """

    name = models.CharField(max_length=100, primary_key=True)
    period = models.BigIntegerField(default=-1)
    runs = models.PositiveBigIntegerField(default=0)
    worker = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("periodic job claim")
        verbose_name_plural = _("periodic job claims")

    def __str__(self) -> str:
        return f"{self.name} @ {self.period}"
