"""GeoReport v2 endpoints: thin views over selectors, services and the two formats."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from balai.open311 import selectors, serializers
from balai.open311 import services as open311_services
from balai.open311.errors import Open311Error
from balai.open311.formats import render, render_errors

# A cached list is dropped at the latest after this, whatever its version says: the
# default 90-day window moves, and renamed categories or agencies show.
LIST_CACHE_SECONDS = 60


def _jurisdiction_ok(params) -> None:
    """One jurisdiction per installation; an unknown one is a 404 when ours is set."""
    ours = settings.OPEN311_JURISDICTION_ID
    given = selectors.arg(params, "jurisdiction_id")
    if ours and given and given.lower() != ours.lower():
        raise Open311Error(404, _("Unknown jurisdiction_id %(id)s.") % {"id": given})


def open311_view(view=None, *, methods=("GET", "HEAD")):
    """Turn Open311Error into the spec's error document in the requested format.

    Every answer is the spec's document, failures included: a method the endpoint does not
    take is 405 (not Django's HTML CSRF page), a body Django cannot parse is 400. The API
    is for other systems, authenticated by api_key, never by a session: no CSRF check.
    """
    if view is None:
        return functools.partial(open311_view, methods=methods)

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, fmt: str = "xml", **kwargs):
        try:
            if request.method not in methods:
                raise Open311Error(405, _("This endpoint takes %(methods)s only.")
                                   % {"methods": ", ".join(methods)},
                                   headers={"Allow": ", ".join(methods)})
            try:
                params = request.POST if request.method == "POST" else request.GET
            except MultiPartParserError as exc:
                raise Open311Error(400, _("The request body could not be read: %(error)s")
                                   % {"error": exc}) from None
            _jurisdiction_ok(params)
            response = view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            response = render_errors(fmt, [(exc.code, exc.description)], status=exc.status)
            for header, value in exc.headers.items():
                response[header] = value
        if request.method in ("GET", "HEAD"):
            # Public, read-only data: city dashboards may read it from the browser.
            response["Access-Control-Allow-Origin"] = "*"
        return response
    return wrapper


@open311_view
def discovery(request, fmt: str):
    return render(fmt, "discovery", serializers.discovery(request))


@open311_view
def root(request, fmt: str = "xml"):
    return render(fmt, "discovery", serializers.discovery(request))


@open311_view
def services(request, fmt: str):
    return render(fmt, "services", [serializers.service(c) for c in selectors.services()])


@open311_view
def service_definition(request, code: str, fmt: str):
    category, attributes = selectors.service_definition(code)
    return render(fmt, "service_definition",
                  serializers.service_definition(category, attributes))


@open311_view(methods=("GET", "HEAD", "POST"))
def requests(request, fmt: str):
    if request.method == "POST":
        return _post_request(request, fmt)
    # Clients poll the same lists over and over: each document is cached until any
    # complaint changes (one indexed MAX per request instead of ~150 rows to serialise).
    version = selectors.requests_version()
    key = (f"open311:requests:{version}:{fmt}:"
           f"{translation.get_language()}:{request.scheme}://{request.get_host()}"
           f"{request.get_full_path()}")
    if (cached := cache.get(key)) is not None:
        return HttpResponse(cached[0], content_type=cached[1])
    complaints = list(selectors.service_requests(request.GET))
    response = _requests_document(request, fmt, complaints)
    if response.status_code == 200:
        cache.set(key, (response.content, response["Content-Type"]), LIST_CACHE_SECONDS)
    return response


@open311_view
def request_detail(request, code: str, fmt: str):
    return _requests_document(request, fmt, [selectors.service_request(code)])


def _requests_document(request, fmt: str, complaints: list):
    notes = (selectors.public_notes(complaints) if selectors.wants_extensions(request.GET)
             else {})
    return render(fmt, "service_requests", [
        serializers.service_request(request, c, notes=notes.get(c.pk)) for c in complaints])


@open311_view(methods=("GET", "HEAD", "POST"))
def request_updates(request, fmt: str):
    if request.method == "POST":
        return _post_update(request, fmt)
    return render(fmt, "service_request_updates", [
        serializers.request_update(entry, complaint)
        for entry, complaint in selectors.request_updates(request.GET)])


@open311_view
def token(request, token: str, fmt: str):
    """Every service here is realtime: POST answers with the id, so no token ever exists."""
    raise Open311Error(404, _("Unknown token: this server returns service_request_id "
                              "at once and issues no tokens."))


def _post_request(request, fmt: str):
    client = open311_services.api_client_for(request.POST)
    complaint, posted = open311_services.open311_request_submit(client=client,
                                                                params=request.POST)
    return render(fmt, "service_requests",
                  [serializers.posted_request(complaint, account_id=posted.account_id)])


def _post_update(request, fmt: str):
    """A partner installation's update (mySociety's POST servicerequestupdates)."""
    client = open311_services.api_client_for(request.POST)
    update, _created = open311_services.open311_update_submit(client=client,
                                                              params=request.POST)
    return render(fmt, "service_request_updates", [serializers.posted_update(update)])
