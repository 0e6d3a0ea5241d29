"""Tokens for staff clients of the REST API (DESIGN.md §6): stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel


class StaffToken(BaseModel):
    """A key that lets a program act as one staff member; shown once, stored hashed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("staff member"))
    name = models.CharField(_("name"), max_length=120,
                            help_text=_("What the token is for, e.g. the PUPR field app."))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True,
                                      help_text=_("Empty: valid until revoked."))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True,
                                        editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        # Keys are 256-bit random tokens, so a fast hash is enough (no dictionary to guess).
        return hashlib.sha256(key.encode()).hexdigest()

    def issue_key(self) -> str:
        """Set a fresh key on this unsaved token; returns it, to be shown once."""
        key = secrets.token_urlsafe(32)
        self.key_hash = self.hash_key(key)
        self.key_prefix = key[:8]
        return key
