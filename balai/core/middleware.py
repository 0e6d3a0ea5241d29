from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# Everything is served from our own origin: no CDN at run time (DESIGN.md §2).
DEFAULT_CSP = (
    "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)

# Django's admin sets style attributes inline (widgets, the filter sidebar); its scripts are
# files. The same policy otherwise (issue 23: the admin had no CSP at all).
ADMIN_CSP = DEFAULT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


# What the pages may ask the browser for: the report map asks for the location, nothing
# else is used (issue 12).
PERMISSIONS_POLICY = ("geolocation=(self), camera=(), microphone=(), payment=(), usb=(), "
                      "serial=(), bluetooth=(), midi=(), magnetometer=(), gyroscope=(), "
                      "accelerometer=(), display-capture=(), interest-cohort=()")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = DEFAULT_CSP

    def __call__(self, request):
        response = self.get_response(request)
        policy = ADMIN_CSP if request.path.startswith("/admin/") else self.policy
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the visitor chose English with the language switch.

    A phone set to English still gets the pemda's language first (DESIGN.md: Bahasa
    Indonesia first, English second); the switch's cookie is the only way to change it.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
