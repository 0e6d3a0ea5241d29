"""Zones and siting requests: the officers' pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.audit import audit_trail
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.towers import forms, selectors, services
from balai.towers.models import SitingRequest, Zone
from balai.towers.views._common import query_without_page, tower_officer, tower_staff


@login_required
def zone_list(request):
    scope = tower_staff(request)
    return render(request, "towers/zone_list.html", {
        "scope": scope, "zones": Zone.objects.all(),
        "share_distance": settings.TOWERS_SHARE_DISTANCE_M})


@login_required
def zone_edit(request, pk: int | None = None):
    tower_officer(request)
    zone = get_object_or_404(Zone, pk=pk) if pk else None
    if request.method == "POST":
        form = forms.ZoneForm(request.POST, instance=zone)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["polygon"] = data.pop("polygon_text")
            try:
                services.zone_save(zone=zone, data=data, actor=request.user)
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "polygon" in exc.error_dict:
                    exc = ValidationError({"polygon_text": exc.error_dict.pop("polygon"),
                                           **exc.error_dict})
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Zone saved."))
                return redirect("towers:zones")
    else:
        form = forms.ZoneForm(instance=zone)
    return render(request, "towers/zone_edit.html", {"form": form, "zone": zone},
                  status=400 if form.errors else 200)


@login_required
def siting_list(request):
    scope = tower_staff(request)
    status = request.GET.get("status", "")
    status = status if status in SitingRequest.Status.values else ""
    qs = selectors.siting_list_for(user=request.user, status=status)
    return render(request, "towers/siting_list.html", {
        "scope": scope, "page": page_of(qs, request, 25), "status": status,
        "statuses": SitingRequest.Status.choices, "query": query_without_page(request)})


@login_required
def siting_create(request):
    tower_officer(request)
    if request.method == "POST":
        form = forms.SitingRequestForm(request.POST)
        if form.is_valid():
            try:
                req = services.siting_request_register(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Request %(code)s registered and assessed.")
                                 % {"code": req.code})
                return redirect("towers:siting_detail", pk=req.pk)
    else:
        form = forms.SitingRequestForm()
    return render(request, "towers/siting_create.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
def siting_detail(request, pk: int):
    scope = tower_staff(request)
    req = selectors.siting_get_for(user=request.user, pk=pk)
    return _siting_page(request, scope, req)


def _siting_page(request, scope, req, *, form=None, status=200):
    return render(request, "towers/siting_detail.html", {
        "scope": scope, "req": req, "actions": scope.siting_actions(req),
        "outcomes": req.assessment.get("outcomes", []),
        "rules_recommend": req.assessment.get("recommend"),
        "form": form or forms.SitingDecisionForm(), "timeline": audit_trail(req)},
        status=status)


@login_required
@require_POST
def siting_action(request, pk: int, action: str):
    scope = tower_officer(request)
    req = selectors.siting_get_for(user=request.user, pk=pk)
    if not scope.may(action):
        raise PermissionDenied
    form = forms.SitingDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.siting_request_decide(request=req, recommend=action == "recommend",
                                           reason=form.cleaned_data["reason"],
                                           actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Decided; the letter is issued."))
            return redirect("towers:siting_detail", pk=req.pk)
    return _siting_page(request, scope, req, form=form, status=400)
