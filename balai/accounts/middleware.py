"""Staff pages refuse a session that has not finished two-step verification.

One place for the whole site, so a new staff page cannot forget it: every request from
an officer's session that still owes its code goes to the code (or enrolment) page,
except the few pages that lead there. A citizen never owes a code.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.urls import reverse

from balai.accounts import two_factor

# The pages of the log-in itself, and things every page needs (styles, the language switch).
_OPEN_URL_NAMES = ("accounts:login", "accounts:logout", "accounts:verify",
                   "accounts:verify_backup", "accounts:enrol", "accounts:backup_codes",
                   "admin:logout", "core:theme_css", "core:healthz", "core:ping",
                   "set_language")
# Machine interfaces authenticate each request themselves (API tokens, Open311 api_key):
# an unfinished staff session simply does not count there.
_API_PREFIXES = ("/api/", "/open311/")


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: frozenset[str] | None = None

    def open_paths(self) -> frozenset[str]:
        if self._open_paths is None:
            self._open_paths = frozenset(reverse(name) for name in _OPEN_URL_NAMES)
        return self._open_paths

    def __call__(self, request):
        # No session cookie, no logged-in user: public pages stay free of session access
        # (and of `Vary: Cookie`).
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            step = self.owed_step(request)
            if step is not None:
                if request.path.startswith(_API_PREFIXES):
                    request.user = AnonymousUser()
                else:
                    return self.redirect(request, step)
        return self.get_response(request)

    def owed_step(self, request):
        path = request.path
        if path in self.open_paths() or path.startswith(
                (settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        return two_factor.pending_step(request)

    def redirect(self, request, step):
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        url = two_factor.step_url(step, next_url)
        response = HttpResponseRedirect(url)
        if getattr(request, "htmx", False):
            response["HX-Redirect"] = url
        return response
