import hmac

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache

from balai.core import selectors, tracking
from balai.core.forms import TrackForm


def home(request):
    return render(request, "core/home.html", {"services": selectors.public_services()})


def track(request):
    """Find a complaint or a request for information by its code, whichever it is."""
    form = TrackForm(request.GET or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        url = tracking.tracking_url(code)
        if url:
            return redirect(url)
        form.data = form.data.copy()
        form.data["code"] = code  # show the code as we read it
        form.add_error("code", _("No complaint or request has the code %(code)s. Check the "
                                 "code in the message or proof of receipt we sent you.")
                       % {"code": code})
    return render(request, "core/track.html", {"form": form})


# The URL carries the colour (?v=...), so a new colour is a new URL: browsers and proxies
# may keep it for a day. No server-side cache: building it costs less than a cache lookup.
@cache_control(public=True, max_age=86400)
def theme_css(request):
    """The pemda's colours as CSS custom properties: no inline styles under our CSP."""
    theme = selectors.theme_colours(settings.BALAI_INSTALLATION.get("primary_colour", ""))
    return HttpResponse(
        ":root {\n" + "".join(f"  --{name}: {value};\n" for name, value in theme.items()) + "}\n",
        content_type="text/css; charset=utf-8",
    )


@never_cache
def healthz(request):
    """Liveness for load balancers: the database answers, and the task queue's age."""
    checks = {"database": "ok"}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {exc.__class__.__name__}"
        status = 503
    checks["oldest_queued_task_s"] = selectors.oldest_queued_task_age()
    return JsonResponse({"status": "ok" if status == 200 else "error", "checks": checks},
                        status=status)


def metrics(request):
    """Prometheus scrape endpoint: with METRICS_TOKEN set, a bearer token is required;
    without it, only a scraper on this machine (loopback, no proxy hop) is answered."""
    from balai.core import metrics as registry  # noqa: PLC0415

    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
    elif request.META.get("REMOTE_ADDR") not in {"127.0.0.1", "::1"} or \
            request.META.get("HTTP_X_FORWARDED_FOR"):
        return HttpResponse("Forbidden: set METRICS_TOKEN to scrape from elsewhere\n",
                            status=403, content_type="text/plain")
    registry.discover()
    return HttpResponse(registry.exposition(registry.REGISTRY.values()),
                        content_type="text/plain; version=0.0.4; charset=utf-8")


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def media(request, path):
    """Public media from MEDIA_ROOT in the embedded setup (nginx or S3 serve it at scale)."""
    from django.conf import settings  # noqa: PLC0415
    from django.views.static import serve  # noqa: PLC0415

    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and bookmarks ask for /favicon.ico whatever the page links: the same icon."""
    return redirect(static("balai/img/favicon.ico"))


def ping(request):
    """Liveness without the database; also the bare-Django baseline of the benchmarks."""
    return HttpResponse("pong", content_type="text/plain")
