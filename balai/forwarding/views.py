"""Staff pages of forwarding over Open311, and the signed photo link outside bodies fetch."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from balai.complaints.models import ComplaintPhoto
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.forwarding import selectors, services
from balai.forwarding.forms import EndpointForm
from balai.forwarding.models import Open311Endpoint, RemoteForward


def _desk(request) -> None:
    if not selectors.may_watch(request.user):
        raise PermissionDenied


def _admin(request) -> None:
    if not selectors.may_configure(request.user):
        raise PermissionDenied


@login_required
def overview(request):
    """The outside bodies with their endpoints, and the forwards that need attention."""
    _desk(request)
    return render(request, "forwarding/overview.html", {
        "bodies": selectors.outside_bodies(),
        "attention": selectors.forwards_needing_attention()[:50],
        "page": page_of(selectors.recent_forwards(), request),
        "may_configure": selectors.may_configure(request.user),
    })


def _map_text(mapping: dict) -> str:
    return "\n".join(f"{ours} = {theirs}" for ours, theirs in sorted(mapping.items()))


@login_required
def endpoint(request, agency_id: int):
    _admin(request)
    agency = get_object_or_404(selectors.outside_bodies(), pk=agency_id)
    current = Open311Endpoint.objects.filter(agency=agency).first()
    if request.method == "POST":
        form = EndpointForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.endpoint_save(
                    agency=agency, base_url=d["base_url"], jurisdiction_id=d["jurisdiction_id"],
                    api_key=d["api_key"] or None, service_map=d["service_map"],
                    is_active=d["is_active"], actor=request.user)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The Open311 endpoint of %(agency)s is saved.")
                                 % {"agency": agency})
                return redirect("forwarding:endpoint", agency.pk)
    else:
        form = EndpointForm(initial={
            "base_url": current.base_url, "jurisdiction_id": current.jurisdiction_id,
            "service_map": _map_text(current.service_map), "is_active": current.is_active,
        } if current else {"is_active": True})
    return render(request, "forwarding/endpoint.html", {
        "agency": agency, "endpoint": current, "form": form,
    }, status=400 if form.is_bound else 200)


@login_required
@require_POST
def endpoint_test(request, agency_id: int):
    _admin(request)
    endpoint = get_object_or_404(Open311Endpoint, agency_id=agency_id)
    endpoint = services.endpoint_test(endpoint=endpoint, actor=request.user)
    (messages.success if endpoint.check_ok else messages.error)(request, endpoint.check_result)
    return redirect("forwarding:endpoint", agency_id)


@login_required
@require_POST
def retry(request, pk: int):
    _desk(request)
    forward = get_object_or_404(RemoteForward, pk=pk)
    try:
        services.forward_retry(forward=forward, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(code)s will be sent again now.")
                         % {"code": forward.complaint.code})
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()},
                                                require_https=request.is_secure()):
        return redirect(back)
    return redirect("forwarding:overview")


@require_GET
def photo(request, token: str):
    """A forwarded case's photo, for the receiving side, while the link's signature holds."""
    try:
        item = services.photo_for_token(token)
    except signing.SignatureExpired:
        return HttpResponse(_("This photo link has expired."), status=410,
                            content_type="text/plain; charset=utf-8")
    except (signing.BadSignature, ComplaintPhoto.DoesNotExist) as exc:
        raise Http404 from exc
    f = item.private_image or item.image
    if not f:
        raise Http404
    kind = mimetypes.guess_type(f.name)[0] or "application/octet-stream"
    response = FileResponse(f.open("rb"), content_type=kind)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
