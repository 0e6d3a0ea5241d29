"""Field inspections: the phone page, the round, an inspection's page with its notice, and
the open findings."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.audit import log_action
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.towers import forms, selectors, services
from balai.towers.models import Finding, InspectionPhoto
from balai.towers.views._common import query_without_page, tower_officer, tower_staff
from balai.towers.views.files import private_file_response

DATA_FIELDS = ("obstruction_light", "paint", "fence", "signboard", "generator", "in_use",
               "tenants_seen", "residents_concerns", "notes", "gps_lat", "gps_lng",
               "gps_accuracy_m", "inspected_at")


def _js_text() -> dict:
    return {
        "saved": _("No signal: the inspection is kept on this phone and will be sent as soon "
                   "as the phone is online."),
        "sending": _("Sending…"),
        "sent": _("Sent: inspection of %(code)s recorded."),
        "queued": _("Kept on this phone, waiting to be sent: %(n)s."),
        "tooBig": _("The photos are too large to keep on the phone; the form is kept "
                    "without them."),
        "nearest": _("Nearest tower: %(code)s, %(m)s m away (GPS accuracy %(acc)s m)."),
        "noGps": _("The phone could not give a location."),
        "failed": _("The server refused the form:"),
    }


@login_required
def field_form(request):
    """The phone page. With its script the form is sent by fetch (and kept on the phone when
    there is no signal); without it, it posts as a plain form."""
    tower_officer(request)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        form = forms.InspectionForm(request.POST, request.FILES)
        tower = None
        if form.is_valid():
            tower = selectors.tower_by_code(form.cleaned_data["tower_code"])
            if tower is None:
                form.add_error("tower_code", _("No tower has the code %(code)s.")
                               % {"code": form.cleaned_data["tower_code"]})
        if form.is_valid() and tower is not None:
            data = services.InspectionData(**{f: form.cleaned_data[f] for f in DATA_FIELDS})
            for field in ("tenants_seen", "residents_concerns", "notes"):
                setattr(data, field, getattr(data, field) or "")
            try:
                inspection, _created = services.inspection_record(
                    tower=tower, data=data, photos=form.cleaned_data["photos"],
                    client_uuid=form.cleaned_data["client_uuid"], actor=request.user)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                url = reverse("towers:inspection_detail", args=[inspection.pk])
                if wants_json:
                    return JsonResponse({"ok": True, "code": tower.code, "url": url,
                                         "off_point": inspection.off_point})
                messages.success(request, _("Sent: inspection of %(code)s recorded.")
                                 % {"code": tower.code})
                return redirect(url)
        if wants_json:
            return JsonResponse({"ok": False, "errors": [
                f"{form.fields[f].label}: {m}" if f in form.fields and f != "__all__" else m
                for f, errs in form.errors.items() for m in errs]}, status=400)
    else:
        form = forms.InspectionForm(initial={"client_uuid": uuid.uuid4(),
                                             "tower_code": request.GET.get("kode", "")[:30]})
    return render(request, "towers/field_form.html", {
        "form": form, "towers": selectors.field_towers(), "js_text": _js_text()},
        status=400 if form.errors else 200)


@login_required
def inspection_round(request):
    scope = tower_staff(request)
    today = timezone.localdate()
    qs = selectors.inspection_round(user=request.user, today=today)

    return render(request, "towers/round.html", {
        "scope": scope, "page": page_of(qs, request, 25), "today": today,
        "months": settings.TOWERS_INSPECTION_MONTHS, "query": query_without_page(request)})


@login_required
def inspection_detail(request, pk: int):
    scope = tower_staff(request)
    inspection = selectors.inspection_get_for(user=request.user, pk=pk)
    return _detail(request, scope, inspection)


def _detail(request, scope, inspection, *, resolve_forms=None, status=200):
    findings = list(inspection.findings.select_related("notice__number"))
    resolve_forms = resolve_forms or {}
    return render(request, "towers/inspection_detail.html", {
        "scope": scope, "inspection": inspection, "tower": inspection.tower,
        "photos": inspection.photos.all(), "today": timezone.localdate(),
        "findings": [(f, resolve_forms.get(f.pk) or forms.ResolveForm(prefix=f"f{f.pk}"))
                     for f in findings],
        "can_notify": any(f.status == Finding.Status.OPEN for f in findings)}, status=status)


@login_required
@require_POST
def inspection_notify(request, pk: int):
    tower_officer(request)
    inspection = selectors.inspection_get_for(user=request.user, pk=pk)
    try:
        letter = services.inspection_notify(inspection=inspection, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Notice %(number)s issued to the owner.")
                         % {"number": letter.number.full_number})
    return redirect("towers:inspection_detail", pk=inspection.pk)


@login_required
@require_POST
def finding_resolve(request, pk: int):
    scope = tower_officer(request)
    finding = get_object_or_404(Finding.objects.select_related("inspection"), pk=pk)
    inspection = selectors.inspection_get_for(user=request.user, pk=finding.inspection_id)
    form = forms.ResolveForm(request.POST, prefix=f"f{finding.pk}")
    if form.is_valid():
        try:
            services.finding_resolve(finding=finding, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Finding resolved."))
            return redirect("towers:inspection_detail", pk=inspection.pk)
    return _detail(request, scope, inspection, resolve_forms={finding.pk: form}, status=400)


@login_required
def inspection_photo_original(request, pk: int):
    """The photo as taken, EXIF and all: evidence, for staff only, and its viewing audited."""
    tower_staff(request)
    photo = get_object_or_404(InspectionPhoto.objects.select_related("inspection__tower"),
                              pk=pk)
    if not photo.original:
        raise Http404
    with transaction.atomic():
        log_action(photo.inspection.tower, "towers.evidence_viewed", actor=request.user,
                   data={"inspection_photo": photo.pk})
    return private_file_response(photo.original.open("rb"), content_type="image/jpeg",
                                 filename=f"pemeriksaan-{photo.pk}.jpg", inline=True)


@login_required
def finding_list(request):
    scope = tower_staff(request)
    today = timezone.localdate()
    overdue = request.GET.get("terlambat") == "1"
    qs = selectors.findings_for(user=request.user, overdue_on=today if overdue else None)
    return render(request, "towers/findings.html", {
        "scope": scope, "page": page_of(qs, request, 25), "today": today,
        "overdue": overdue, "query": query_without_page(request)})
