"""Request rates per token and per address for anonymous callers, counted in the cache."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from balai.api.models import StaffToken


class _LiveRate:
    """Read the rate from settings on each request, so an override takes effect at once."""

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]


class StaffTokenRateThrottle(_LiveRate, SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, StaffToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AnonymousRateThrottle(_LiveRate, AnonRateThrottle):
    scope = "anon"
