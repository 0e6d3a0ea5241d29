"""Tokens for staff clients of the REST API (DESIGN.md §6): stored only as a hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import HashedKeyModel


class StaffToken(HashedKeyModel):
    """A key that lets a program act as one staff member; shown once, stored hashed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("staff member"))
    name = models.CharField(_("name"), max_length=120,
                            help_text=_("What the token is for, e.g. the PUPR field app."))
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True,
                                      help_text=_("Empty: valid until revoked."))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True,
                                        editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
