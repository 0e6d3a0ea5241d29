"""`Authorization: Token <key>` (or `Bearer <key>`) for staff clients."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from balai.api.models import StaffToken
from balai.api.services import staff_token_touch
from balai.core.ratelimit import client_ip, hit

KEYWORDS = {b"token", b"bearer"}


class StaffTokenAuthentication(BaseAuthentication):
    """A staff member's API token; revoked, expired or inactive ones are refused (401)."""

    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: give the key after “Token ” with no spaces."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            key = ""
        token = StaffToken.active_by_key(key, "user")
        if token is None or (token.expires_at and token.expires_at <= timezone.now()):
            self._count_failure(request)
            raise exceptions.AuthenticationFailed(_("The token is not valid or was revoked."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token's user is deactivated."))
        staff_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword

    @staticmethod
    def _count_failure(request) -> None:
        """Guessing keys from one address is slowed down like a failed login."""
        limit = settings.API_BAD_TOKENS_PER_HOUR
        if not hit(f"api:bad-token:{client_ip(request)}", limit=limit, window_s=3600):
            raise exceptions.Throttled(wait=3600)


class StaffTokenScheme(OpenApiAuthenticationExtension):
    target_class = "balai.api.authentication.StaffTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_("A staff member's API token, issued once in the admin "
                                 "(API tokens). Send `Authorization: Bearer <key>` or "
                                 "`Authorization: Token <key>`.")),
        }
