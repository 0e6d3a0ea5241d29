"""Staff pages of the SP4N-LAPOR! exchange: export forwarded cases, import dispositions."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.audit import log_action
from balai.core.exports import export_response
from balai.core.pagination import page_of
from balai.lapor import exports, imports, selectors, services
from balai.lapor.forms import ExportForm, ImportForm


def _desk(request) -> None:
    if not selectors.may_use(request.user):
        raise PermissionDenied


def _page(request, *, export_form=None, import_form=None, rows=(), file_error="",
          status=200):
    bad = [r for r in rows if r.errors]
    return render(request, "lapor/overview.html", {
        "export_form": export_form or ExportForm(),
        "import_form": import_form or ImportForm(),
        "waiting": selectors.waiting_for_lapor().count(),
        "imports_done": selectors.recent_imports()[:5],
        "page": page_of(selectors.recent_cases(), request, 25),
        "rows": rows, "bad": bad, "file_error": file_error,
        "headers": imports.HEADERS, "required": imports.REQUIRED,
    }, status=status)


@login_required
def overview(request):
    _desk(request)
    return _page(request)


@login_required
def export(request):
    """The forwarded cases not yet in LAPOR!, as a file its operators enter there; audited."""
    _desk(request)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _page(request, export_form=form, status=400)
    d = form.cleaned_data
    qs = selectors.waiting_for_lapor(d.get("date_from"), d.get("date_to"))
    with transaction.atomic():
        log_action(request.user, "lapor.exported", actor=request.user, data={
            "rows": qs.count(), "format": d["format"],
            "from": str(d.get("date_from") or ""), "to": str(d.get("date_to") or "")})
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return export_response(d["format"], f"lapor-{stamp}", "SP4N-LAPOR!", exports.HEADERS,
                           exports.export_rows(qs, site_url=settings.SITE_URL))


@login_required
@require_POST
def import_file(request):
    """Check every row; import all of them, or none and say which rows are wrong."""
    _desk(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, import_form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        rows = imports.parse(upload.name, upload.read(),
                             default_category=form.cleaned_data["default_category"])
        if not any(r.errors for r in rows):
            done = services.lapor_import(rows=rows, filename=upload.name, actor=request.user)
            messages.success(request, _(
                "Imported: %(created)s new complaints, %(linked)s linked to our forwards, "
                "%(updated)s updated, %(unchanged)s unchanged.") % {
                    "created": done.created, "linked": done.linked, "updated": done.updated,
                    "unchanged": done.unchanged})
            return redirect("lapor:overview")
    except ValidationError as exc:
        return _page(request, import_form=form, file_error=" ".join(exc.messages), status=400)
    return _page(request, import_form=form, rows=rows, status=400)
