"""The tower officers' registry pages: list, detail, edit, tenants, permits, import, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.audit import audit_trail, log_action
from balai.core.exports import export_response
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.towers import exports, forms, imports, plates, selectors, services
from balai.towers.models import Permit, SiteType, Tower, TowerCompany
from balai.towers.views._common import query_without_page, tower_officer, tower_staff
from balai.towers.views.files import private_file_response


def _filters(request) -> dict:
    g = request.GET
    status = g.get("status", "") if g.get("status", "") in Tower.Status.values else ""
    site_type = g.get("tipe", "") if g.get("tipe", "") in SiteType.values else ""
    company = g.get("perusahaan", "")
    return {"q": g.get("q", "").strip()[:100], "status": status, "site_type": site_type,
            "company": int(company) if company.isdigit() else None,
            "kelurahan": g.get("kelurahan", "")[:20],
            "without_pbg": g.get("tanpa_pbg") == "1"}


@login_required
def tower_list(request):
    scope = tower_staff(request)
    filters = _filters(request)
    qs = selectors.tower_list_for(user=request.user, **filters)
    return render(request, "towers/staff_list.html", {
        "scope": scope, "page": page_of(qs, request, 25), "filters": filters,
        "query": query_without_page(request), "statuses": Tower.Status.choices,
        "site_types": SiteType.choices, "companies": selectors.company_list(),
        "kelurahan_choices": selectors.kelurahan_choices()})


@login_required
def tower_export(request, fmt: str):
    tower_staff(request)
    if fmt not in ("csv", "xlsx", "geojson"):
        raise Http404
    qs = selectors.tower_list_for(user=request.user, **_filters(request))
    name = f"menara-{timezone.localdate():%Y%m%d}"
    if fmt == "geojson":
        return exports.geojson_response(qs, name)
    return export_response(fmt, name, _("Towers"), exports.HEADERS, exports.table_rows(qs))


@login_required
def tower_plates(request):
    """The QR plates of the registry as the list filters it (or one tower, ?kode=), as a
    PDF to print: one A5 page each."""
    tower_staff(request)
    code = request.GET.get("kode", "").strip().upper()[:30]
    if code:
        towers = [selectors.tower_public_by_code(code)]
        name = f"plat-{code}"
    else:
        towers = list(selectors.tower_list_for(user=request.user, **_filters(request))
                      [:plates.MAX_PLATES])
        name = f"plat-menara-{timezone.localdate():%Y%m%d}"
    response = HttpResponse(plates.plates_pdf(towers), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def tower_detail(request, pk: int):
    scope = tower_staff(request)
    tower = selectors.tower_get_for(user=request.user, pk=pk)
    return _detail_page(request, scope, tower)


def _detail_page(request, scope, tower, *, tenancy_form=None, permit_form=None, status=200):
    return render(request, "towers/staff_detail.html", {
        "scope": scope, "tower": tower, "tenancies": tower.tenancies.all(),
        "permits": tower.permits.all(), "timeline": audit_trail(tower),
        "inspections": tower.inspections.select_related("inspector")[:10],
        "levies": tower.levies.all()[:10],
        "reports": selectors.tower_reports(tower)[:20],
        "tenancy_form": tenancy_form or forms.TenancyForm(prefix="tenancy"),
        "permit_form": permit_form or forms.PermitForm(prefix="permit"),
        "permit_state": selectors.permit_status(tower)}, status=status)


def _tower_form_page(request, *, tower=None):
    tower_officer(request)
    if request.method == "POST":
        form = forms.TowerForm(request.POST, instance=tower)
        if form.is_valid():
            try:
                if tower is None:
                    tower = services.tower_create(data=form.cleaned_data, actor=request.user)
                    messages.success(request, _("Tower %(code)s registered.")
                                     % {"code": tower.code})
                else:
                    tower = services.tower_update(tower=tower, data=form.cleaned_data,
                                                  actor=request.user)
                    messages.success(request, _("Changes saved."))
                return redirect("towers:detail", pk=tower.pk)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    else:
        form = forms.TowerForm(instance=tower)
    return render(request, "towers/staff_edit.html", {"form": form, "tower": tower},
                  status=400 if form.errors else 200)


@login_required
def tower_create(request):
    return _tower_form_page(request)


@login_required
def tower_edit(request, pk: int):
    tower = selectors.tower_get_for(user=request.user, pk=pk)
    return _tower_form_page(request, tower=tower)


@login_required
@require_POST
def tower_add_tenancy(request, pk: int):
    scope = tower_officer(request)
    tower = selectors.tower_get_for(user=request.user, pk=pk)
    form = forms.TenancyForm(request.POST, prefix="tenancy")
    if form.is_valid():
        try:
            services.tenancy_add(tower=tower, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Tenant added."))
            return redirect("towers:detail", pk=tower.pk)
    return _detail_page(request, scope, tower, tenancy_form=form, status=400)


@login_required
@require_POST
def tower_add_permit(request, pk: int):
    scope = tower_officer(request)
    tower = selectors.tower_get_for(user=request.user, pk=pk)
    form = forms.PermitForm(request.POST, request.FILES, prefix="permit")
    if form.is_valid():
        try:
            services.permit_add(tower=tower, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Permit recorded."))
            return redirect("towers:detail", pk=tower.pk)
    return _detail_page(request, scope, tower, permit_form=form, status=400)


@login_required
def permit_file(request, pk: int, permit: int):
    tower_staff(request)
    tower = selectors.tower_get_for(user=request.user, pk=pk)
    row = get_object_or_404(Permit, pk=permit, tower=tower)
    if not row.file:
        raise Http404
    with transaction.atomic():
        log_action(tower, "towers.permit_file_viewed", actor=request.user,
                   data={"permit": row.number})
    return private_file_response(row.file.open("rb"), content_type="application/pdf",
                                 filename=f"{row.kind}-{tower.code}.pdf", inline=True)


@login_required
def tower_import(request):
    tower_officer(request)
    rows, file_error = [], ""
    if request.method == "POST":
        form = forms.ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = imports.check_rows(imports.parse(upload.name, upload.read()))
                if not any(r.errors for r in rows):
                    towers = services.towers_import(rows=rows, filename=upload.name,
                                                    actor=request.user)
                    messages.success(request, _("%(n)s towers imported.") % {"n": len(towers)})
                    return redirect("towers:list")
            except ValidationError as exc:
                file_error = " ".join(exc.messages)
    else:
        form = forms.ImportForm()
    bad = [r for r in rows if r.errors]
    return render(request, "towers/staff_import.html", {
        "form": form, "rows": rows, "bad": bad, "file_error": file_error,
        "headers": imports.HEADERS}, status=400 if (bad or file_error or form.errors) else 200)


@login_required
def company_list(request):
    scope = tower_staff(request)
    return render(request, "towers/company_list.html", {
        "scope": scope, "page": page_of(selectors.company_list(), request, 50)})


@login_required
def company_edit(request, pk: int | None = None):
    tower_officer(request)
    company = get_object_or_404(TowerCompany, pk=pk) if pk else None
    if request.method == "POST":
        form = forms.CompanyForm(request.POST, instance=company)
        if form.is_valid():
            try:
                services.company_save(company=company, data=form.cleaned_data,
                                      actor=request.user)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Company saved."))
                return redirect("towers:companies")
    else:
        form = forms.CompanyForm(instance=company)
    return render(request, "towers/company_edit.html", {"form": form, "company": company},
                  status=400 if form.errors else 200)
