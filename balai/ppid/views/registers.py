"""The registers of requests and objections and the annual report."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core import exports
from balai.core.calendar import get_work_calendar
from balai.ppid import forms, registers, reports, selectors, services
from balai.ppid.models import (
    AnnualReportText,
)
from balai.ppid.views._common import (
    ppid_staff,
    query_without_page,
    year_param,
)


@login_required
def staff_request_register(request):
    """The register of requests for a year: a page, or XLSX/CSV with ?format=."""
    scope = ppid_staff(request)
    year = year_param(request)
    qs = registers.request_register_queryset(
        selectors.request_list_for(user=request.user).filter(received_at__year=year))
    headers = registers.request_register_headers()
    calendar = get_work_calendar()
    fmt = request.GET.get("format", "")
    if fmt in exports.FORMATS:
        rows = registers.request_register_rows(qs.iterator(chunk_size=500),
                                               with_identity=scope.sees_identity,
                                               calendar=calendar)
        return exports.export_response(fmt, f"register-permohonan-{year}",
                                       _("Requests %(year)s") % {"year": year}, headers, rows)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = list(registers.request_register_rows(page.object_list,
                                                with_identity=scope.sees_identity,
                                                calendar=calendar))
    return render(request, "ppid/register.html", {
        "title": _("Register of requests"), "headers": headers, "rows": rows, "page": page,
        "year": year, "query": query_without_page(request),
        "url_name": "ppid:register_requests"})


@login_required
def staff_objection_register(request):
    scope = ppid_staff(request)
    year = year_param(request)
    qs = registers.objection_register_queryset(
        selectors.objection_list_for(user=request.user).filter(filed_at__year=year))
    headers = registers.objection_register_headers()
    fmt = request.GET.get("format", "")
    if fmt in exports.FORMATS:
        rows = registers.objection_register_rows(qs.iterator(chunk_size=500),
                                                 with_identity=scope.sees_identity)
        return exports.export_response(fmt, f"register-keberatan-{year}",
                                       _("Objections %(year)s") % {"year": year}, headers, rows)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = list(registers.objection_register_rows(page.object_list,
                                                  with_identity=scope.sees_identity))
    return render(request, "ppid/register.html", {
        "title": _("Register of objections"), "headers": headers, "rows": rows, "page": page,
        "year": year, "query": query_without_page(request),
        "url_name": "ppid:register_objections"})


@login_required
def staff_annual_report(request):
    """The annual report (UU 14/2008 Pasal 12) for a chosen year: page, PDF or XLSX."""
    scope = ppid_staff(request)
    if not (scope.is_main or scope.reads_all):
        raise PermissionDenied
    year = year_param(request)
    figures = reports.annual_figures(year=year, calendar=get_work_calendar())
    download = _report_download(request, figures)
    if download is not None:
        return download
    text = AnnualReportText.objects.filter(year=year).first()
    form = None
    if request.method == "POST" and "publish" in request.POST:
        if not scope.is_main:
            raise PermissionDenied
        try:
            services.annual_report_publish(year=year, actor=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Published on the public page."))
        return redirect(f"{reverse('ppid:annual_report')}?tahun={year}")
    if scope.is_main or scope.is_atasan:
        form = forms.AnnualReportTextForm(request.POST or None, initial={
            "general_policy": text.general_policy if text else "",
            "obstacles": text.obstacles if text else "",
            "recommendations": text.recommendations if text else ""})
        if request.method == "POST" and form.is_valid():
            services.annual_report_text_save(year=year, actor=request.user,
                                             **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect(f"{reverse('ppid:annual_report')}?tahun={year}")
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "ppid/annual_report.html", {
        "year": year, "figures": figures, "tables": reports.report_tables(figures),
        "sections": reports.report_sections(year), "form": form, "text": text,
        "can_publish": scope.is_main and year < timezone.localdate().year})


def _report_download(request, figures):
    """The report as PDF or XLSX when ?format= asks for it; None for the page."""
    fmt = request.GET.get("format", "")
    name = f"laporan-layanan-informasi-{figures.year}"
    if fmt == "pdf":
        return FileResponse(io.BytesIO(reports.annual_report_pdf(figures)), as_attachment=True,
                            filename=f"{name}.pdf", content_type="application/pdf")
    if fmt == "xlsx":
        return FileResponse(
            io.BytesIO(reports.annual_report_xlsx(figures)), as_attachment=True,
            filename=f"{name}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return None


def public_annual_reports(request):
    """The annual reports the PPID has published (UU 14/2008 Pasal 12), newest first."""
    return render(request, "ppid/public_annual_reports.html", {
        "reports": AnnualReportText.objects.filter(published_at__isnull=False)
        .order_by("-year")})


def public_annual_report(request, year: int):
    """A published annual report: its figures counted from the registers, and its text."""
    text = AnnualReportText.objects.filter(year=year, published_at__isnull=False).first()
    if text is None:
        raise Http404
    figures = reports.annual_figures(year=year, calendar=get_work_calendar())
    download = _report_download(request, figures)
    if download is not None:
        return download
    return render(request, "ppid/public_annual_report.html", {
        "year": year, "text": text, "tables": reports.report_tables(figures),
        "sections": reports.report_sections(year)})
