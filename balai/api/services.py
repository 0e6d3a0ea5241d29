"""Writes of the REST API app: staff tokens issued and revoked (each audited)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.api.models import StaffToken
from balai.core.audit import log_action

# last_used_at is written at most once a minute per token: a busy client costs no writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def staff_token_issue(*, user, name: str, actor, expires_at: datetime | None = None,
                      token: StaffToken | None = None) -> tuple[StaffToken, str]:
    """Issue an API token for a staff member; the key is returned once and stored hashed."""
    if not (user.is_active and user.is_officer):
        raise ValidationError(_("API tokens are only for active staff members."), code="user")
    token = token or StaffToken()
    token.user, token.name, token.expires_at = user, name, expires_at
    key = token.issue_key()
    token.save()
    log_action(token, "api.token_issued", actor=actor,
               data={"user": user.email, "name": name, "key_prefix": token.key_prefix})
    return token, key


@transaction.atomic
def staff_token_revoke(*, token: StaffToken, actor, now: datetime | None = None) -> StaffToken:
    """Revoke a token: its next request gets 401."""
    token.key_revoke(now or timezone.now())
    log_action(token, "api.token_revoked", actor=actor,
               data={"user": token.user.email, "name": token.name,
                     "key_prefix": token.key_prefix})
    return token


def staff_token_touch(*, token: StaffToken, now: datetime | None = None) -> None:
    """Record that the token was used (not audited: it is a usage stamp, not a change)."""
    now = now or timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    StaffToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
