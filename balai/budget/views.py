"""Budget transparency pages: the public year and agency pages, downloads, the document
matrix; the walidata's import and publishing pages (thin views, STYLE.md rule 6)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.agencies.models import Agency
from balai.budget import exports, forms, imports, matrix, selectors, services
from balai.budget.models import BudgetDocument, BudgetImport, Stage
from balai.core.exports import export_response
from balai.core.forms import apply_service_errors
from balai.core.imports import ImportFileError


def index(request):
    years = selectors.published_years()
    if years:
        return redirect("budget:year", year=years[0])
    return render(request, "budget/empty.html", {"years": years})


def _published_year(year: int) -> dict[str, BudgetImport]:
    imports_ = selectors.current_imports(year)
    if not imports_:
        raise Http404
    return imports_


def year(request, year: int):
    stages = _published_year(year)
    rows = selectors.spending_by_agency(year)
    largest = max((max(r.amounts.budget, r.amounts.realisasi or 0) for r in rows), default=0)
    return render(request, "budget/year.html", {
        "year": year, "years": selectors.published_years(), "stages": stages,
        "summary": selectors.year_summary(year), "rows": rows, "largest": largest,
        "has_perubahan": Stage.PERUBAHAN in stages, "has_realisasi": Stage.REALISASI in stages,
    })


def agency(request, year: int, agency: str):
    stages = _published_year(year)
    agency = get_object_or_404(Agency, code=agency, is_external=False)
    tree = selectors.spending_tree(year, agency)
    if not tree:
        raise Http404
    total = selectors.Amounts()
    for program in tree:
        total.murni += program.amounts.murni
        for stage in (Stage.PERUBAHAN, Stage.REALISASI):
            value = getattr(program.amounts, stage)
            if value is not None:
                total.add(stage, value)
    return render(request, "budget/agency.html", {
        "year": year, "agency": agency, "tree": tree, "total": total, "stages": stages,
        "has_perubahan": Stage.PERUBAHAN in stages, "has_realisasi": Stage.REALISASI in stages,
    })


def download(request, year: int, fmt: str):
    _published_year(year)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    response = export_response(fmt, f"apbd-{year}", f"APBD {year}", exports.COLUMNS,
                               exports.rows(year))
    response["Cache-Control"] = "public, max-age=300"  # public data, unlike the registers
    return response


def data_package(request, year: int):
    _published_year(year)
    response = HttpResponse(exports.data_package(year), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="apbd-{year}-fiscal-data.zip"'
    return response


def documents(request):
    today = timezone.localdate()
    years = sorted(set(selectors.published_years()[:2]) | {today.year, today.year + 1})[-3:]
    return render(request, "budget/documents.html", {
        "years": years, "table": selectors.document_matrix(years, today=today), "today": today,
        "State": matrix.State,
    })


def document_file(request, pk: int):
    document = get_object_or_404(BudgetDocument, pk=pk, is_withdrawn=False)
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.year}-{document.kind}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _officer(request) -> selectors.BudgetScope:
    scope = selectors.budget_scope(request.user)
    if not scope.is_officer:
        raise PermissionDenied
    return scope


@login_required
def staff(request):
    scope = selectors.budget_scope(request.user)
    if not scope.is_staff:
        raise PermissionDenied
    history = BudgetImport.objects.select_related("imported_by").order_by("-created_at")[:30]
    docs = BudgetDocument.objects.select_related("published_by").order_by("-created_at")[:30]
    return render(request, "budget/staff.html", {
        "scope": scope, "history": history, "docs": docs,
        "import_form": forms.ImportForm(), "document_form": forms.DocumentForm(),
        "missing": selectors.missing_documents(today=timezone.localdate()),
    })


@login_required
def staff_import(request):
    _officer(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    rows, bad, file_error = [], [], ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            rows = imports.parse(upload.name, data, agencies=services.agency_lookup())
            bad = [row for row in rows if row.errors]
            if not bad:
                batch = services.budget_stage_import(
                    year=form.cleaned_data["year"], stage=form.cleaned_data["stage"],
                    rows=rows, filename=upload.name, data=data, actor=request.user,
                    as_of=form.cleaned_data["as_of"])
                messages.success(request, _("%(stage)s %(year)s published: %(n)s lines.") % {
                    "stage": batch.get_stage_display(), "year": batch.year, "n": batch.rows})
                return redirect("budget:year", year=batch.year)
        except ImportFileError as exc:
            file_error = exc.messages[0]
        except ValidationError as exc:
            apply_service_errors(form, exc)
    failed = bool(bad or file_error or form.errors)
    return render(request, "budget/staff_import.html", {
        "form": form, "rows": rows, "bad": bad[:500], "bad_count": len(bad),
        "file_error": file_error, "headers": imports.HEADERS,
    }, status=400 if failed else 200)


@login_required
def staff_document(request):
    _officer(request)
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.budget_document_publish(
                year=data["year"], kind=data["kind"], title=data["title"],
                number=data["number"], published_on=data["published_on"],
                data=data["file"].read(), actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Published: %(title)s.") % {"title": document.title})
            return redirect("budget:documents")
    return render(request, "budget/staff_document.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def staff_withdraw(request, pk: int):
    _officer(request)
    document = get_object_or_404(BudgetDocument, pk=pk)
    form = forms.WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.budget_document_withdraw(document=document, actor=request.user,
                                              reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The document was withdrawn."))
    else:
        messages.error(request, _("Say why the document is withdrawn."))
    return redirect("budget:staff")
