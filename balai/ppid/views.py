"""PPID pages: thin views over forms, selectors and one service each."""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from balai.agencies.models import Agency
from balai.core import exports
from balai.core.audit import audit_trail, log_action
from balai.core.calendar import get_work_calendar
from balai.core.forms import form_errors_to_messages
from balai.core.ratelimit import client_ip, hit
from balai.documents.storage import pdf_read
from balai.lib.nik import nik_mask
from balai.ppid import forms, registers, reports, selectors, services
from balai.ppid.files import SUFFIX
from balai.ppid.models import (
    AnnualReportText,
    Decision,
    DeliveredFile,
    Dispute,
    InformationClass,
    InformationRequest,
    Objection,
)


def _service_errors_to(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field when it names fields."""
    aliases = {"file": "upload"}  # the model field and the form's upload field
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            field = aliases.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- DIP (public) ----------------------------------------------------------------------

def dip_list(request):
    form = forms.DipFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.dip_public_list(q=data.get("q", ""), information_class=data.get("kelas", ""),
                                   agency=data.get("opd", ""), year=data.get("tahun"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "ppid/dip_list.html", {
        "form": form, "page": page, "query": _query_without_page(request),
        "classes": InformationClass.choices, "agencies": selectors.dip_agencies(),
        "years": selectors.dip_years(),
    })


def dip_detail(request, pk: int):
    return render(request, "ppid/dip_detail.html", {"entry": selectors.dip_public_get(pk)})


# --- DIP (staff) -----------------------------------------------------------------------

def _ppid_officer(request) -> selectors.PpidScope:
    scope = selectors.ppid_scope(request.user)
    if not scope.is_ppid_officer:
        raise PermissionDenied
    return scope


@login_required
def staff_dip_list(request):
    _ppid_officer(request)
    qs = selectors.dip_staff_list_for(user=request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "ppid/staff_dip_list.html", {"page": page, "query": ""})


@login_required
def staff_dip_edit(request, pk: int | None = None):
    _ppid_officer(request)
    entry = selectors.dip_staff_get_for(user=request.user, pk=pk) if pk else None
    agencies = selectors.dip_agency_choices_for(user=request.user)
    form = forms.DipEntryForm(request.POST or None, request.FILES or None, instance=entry,
                              agencies=agencies)
    file = form.prepared_file() if request.method == "POST" and form.is_valid() else None
    if request.method == "POST" and not form.errors:
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if entry is None:
                entry = services.dip_entry_create(data=data, actor=request.user, file=file)
            else:
                entry = services.dip_entry_update(entry=entry, data=data, actor=request.user,
                                                  file=file,
                                                  remove_file=form.cleaned_data["remove_file"])
        except ValidationError as exc:
            _service_errors_to(form, exc)
        else:
            messages.success(request, _("The DIP entry has been saved."))
            return redirect("information_requests:staff_dip_edit", pk=entry.pk)
    return render(request, "ppid/staff_dip_edit.html", {
        "form": form, "entry": entry,
        "timeline": audit_trail(entry) if entry else [],
    })


# --- requests (public) -----------------------------------------------------------------

ERROR_FIELDS = {"ktp": "ktp", "kuasa": "kuasa", "badan_hukum": "badan_hukum"}


def index(request):
    return render(request, "ppid/index.html", {})


def request_form(request):
    """The public request form (Perki 1/2021 fields), mobile first."""
    if request.method == "POST":
        form = forms.RequestForm(request.POST, request.FILES)
        allowed = hit(f"ppid-request:{client_ip(request)}",
                      limit=settings.PPID_REQUESTS_PER_HOUR, window_s=3600)
        if not allowed:
            form.is_valid()
            form.add_error(None, _("Too many requests from your connection in the last hour. "
                                   "Try again later or call %(phone)s.")
                           % {"phone": settings.BALAI_INSTALLATION.get("phone", "")})
        elif form.is_valid():
            documents = form.prepared_documents()
            if not form.errors:
                data = form.cleaned_data
                submission = services.RequestSubmission(
                    requester_kind=data["requester_kind"], name=data["name"],
                    nik=data.get("nik", ""), legal_document_number=data["legal_document_number"],
                    address=data["address"], occupation=data["occupation"],
                    phone=data["phone"], email=data["email"], information=data["information"],
                    purpose=data["purpose"], obtain_method=data["obtain_method"],
                    delivery_method=data["delivery_method"],
                    idempotency_key=data["idempotency_key"] or None)
                try:
                    req, secret = services.information_request_submit(
                        submission=submission, documents=documents,
                        actor=request.user if request.user.is_authenticated else None)
                except ValidationError as exc:
                    _service_errors_to(form, exc)
                else:
                    if secret:
                        request.session[f"ppid:{req.code}"] = secret
                    return redirect("information_requests:submitted", code=req.code)
    else:
        form = forms.RequestForm(initial={"idempotency_key": uuid.uuid4().hex})
    return render(request, "ppid/request_form.html", {"form": form})


def _requester_secret(request, req) -> str:
    secret = request.GET.get("k") or request.POST.get("k") or \
        request.session.get(f"ppid:{req.code}", "")
    return secret if req.secret_matches(secret) else ""


def _requester_action(request, code: str, action, success: str):
    """One action of the requester through their private link: `action(req)` calls a
    service; what the service refuses (a ValidationError, a PpidTransitionError) becomes
    messages, and the requester goes back to the tracking page either way."""
    req = selectors.request_by_code(code)
    if not _requester_secret(request, req):
        raise Http404
    try:
        action(req)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("information_requests:track_detail", code=req.code)


@never_cache
def submitted(request, code: str):
    """The proof of receipt: registration number, due date and how it was counted."""
    req = selectors.request_by_code(code)
    secret = _requester_secret(request, req)
    if not secret:
        return redirect("information_requests:track_detail", code=req.code)
    link = request.build_absolute_uri(
        reverse("information_requests:track_detail", args=[req.code]) + f"?k={secret}")
    return render(request, "ppid/submitted.html", {
        "req": req, "link": link, "deadline": selectors.deadline_explanation(req)})


def _decision_of(req):
    return (Decision.objects.select_related("notice__number").filter(request=req).first()
            if req.status not in services.OPEN else None)


def _private_file_response(fh, *, content_type: str, filename: str, inline: bool = False):
    response = FileResponse(fh, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@never_cache
def requester_notice(request, code: str):
    """The signed written notice, for the requester's secret link."""
    req = selectors.request_by_code(code)
    if not _requester_secret(request, req):
        raise Http404
    decision = _decision_of(req)
    if decision is None or decision.notice is None:
        raise Http404
    notice = decision.notice
    name = notice.number.full_number.replace("/", "-")
    return _private_file_response(io.BytesIO(pdf_read(notice.pdf_path)),
                                  content_type="application/pdf", filename=f"{name}.pdf")


@never_cache
def requester_file(request, code: str, pk: int):
    """A file given with the answer: only through the requester's private link."""
    req = selectors.request_by_code(code)
    if not _requester_secret(request, req):
        raise Http404
    delivered = req.delivered_files.filter(pk=pk).first()
    if delivered is None:
        raise Http404
    DeliveredFile.objects.filter(pk=delivered.pk).update(downloads=F("downloads") + 1)
    suffix = SUFFIX.get(delivered.content_type, "bin")
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in
                   delivered.name.rsplit(".", 1)[0])[:60] or "berkas"
    return _private_file_response(delivered.file.open("rb"),
                                  content_type=delivered.content_type,
                                  filename=f"{stem}.{suffix}")


@never_cache
def track_detail(request, code: str):
    """Without the secret: status and dates only. With it: the whole request and answer."""
    req = selectors.request_by_code(code)
    secret = _requester_secret(request, req)
    if secret:
        request.session[f"ppid:{req.code}"] = secret
    today = timezone.localdate()
    return render(request, "ppid/track_detail.html", {
        "req": req, "is_requester": bool(secret), "secret": secret,
        "objections": req.objections.select_related("decision_document") if secret else [],
        "disputes": selectors.disputes_with_timeline(req, today=today) if secret else [],
        "can_dispute": bool(secret) and req.status in {
            InformationRequest.Status.ANSWERED, InformationRequest.Status.OBJECTION}
        and req.objections.exists(),
        "can_withdraw": bool(secret) and req.status in services.OPEN,
        "can_object": bool(secret) and req.status in {
            InformationRequest.Status.RECEIVED, InformationRequest.Status.IN_PROGRESS,
            InformationRequest.Status.ANSWERED},
        "decision": _decision_of(req) if secret else None,
        "files": req.delivered_files.all() if secret else [],
        "deadline": selectors.deadline_explanation(req),
        "timeline": audit_trail(req, public_only=True),
        "today": today,
    })


# --- requests (staff) ------------------------------------------------------------------

def _ppid_staff(request) -> selectors.PpidScope:
    scope = selectors.ppid_scope(request.user)
    if not scope.is_staff:
        raise PermissionDenied
    return scope


@login_required
def staff_queue(request):
    scope = _ppid_staff(request)
    status = request.GET.get("status", "")
    if status not in InformationRequest.Status.values:
        status = ""
    late = request.GET.get("terlambat") == "1"
    today = timezone.localdate()
    qs = selectors.staff_queue_for(user=request.user, status=status, late=late, today=today)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "ppid/staff_queue.html", {
        "page": page, "status": status, "late": late, "today": today, "scope": scope,
        "statuses": InformationRequest.Status.choices, "query": _query_without_page(request)})


STAFF_ACTIONS = {
    # action: (form class, who may, statuses offered in)
    "take": (None, "officer", {InformationRequest.Status.RECEIVED}),
    "delegate": (forms.DelegateForm, "main", set(services.OPEN)),
    "extend": (forms.ExtendForm, "officer", set(services.OPEN)),
    "decide": (forms.DecisionForm, "officer", set(services.OPEN)),
    "dispute": (forms.DisputeForm, "officer", {InformationRequest.Status.ANSWERED,
                                              InformationRequest.Status.OBJECTION}),
    "dispute_update": (forms.DisputeUpdateForm, "officer", {InformationRequest.Status.DISPUTE}),
    "publish": (forms.PublishForm, "officer", set(services.ANSWERED_STATES)),
}


def _allowed(scope: selectors.PpidScope, who: str) -> bool:
    return {"main": scope.is_main, "officer": scope.is_ppid_officer}.get(who, False)


def _available_actions(scope, req) -> dict:
    actions = {}
    for name, (form_class, who, statuses) in STAFF_ACTIONS.items():
        if _allowed(scope, who) and req.status in statuses:
            if name == "extend" and req.is_extended:
                continue
            if name == "dispute" and not req.objections.exists():
                continue
            kwargs = ({"request_obj": req} if name == "decide" else
                      {"initial": {"summary": req.archive_summary or req.information}}
                      if name == "publish" else {})
            actions[name] = form_class(prefix=name, **kwargs) if form_class else None
    return actions


@login_required
def staff_detail(request, pk: int):
    scope = _ppid_staff(request)
    req = selectors.request_get_for(user=request.user, pk=pk)
    show_identity = selectors.can_see_identity(user=request.user, req=req)
    today = timezone.localdate()
    return render(request, "ppid/staff_detail.html", {
        "req": req, "scope": scope, "show_identity": show_identity,
        "decision": _decision_of(req), "files": req.delivered_files.all(),
        "objections": req.objections.select_related("decision_document"),
        "disputes": selectors.disputes_with_timeline(req, today=today),
        "nik_masked": nik_mask(req.nik), "today": today,
        "documents": req.identity_documents.all() if show_identity else [],
        "deadline": selectors.deadline_explanation(req),
        "timeline": audit_trail(req), "actions": _available_actions(scope, req),
    })


@login_required
@require_POST
def staff_action(request, pk: int, action: str):
    scope = _ppid_staff(request)
    req = selectors.request_get_for(user=request.user, pk=pk)
    form_class, who, _statuses = STAFF_ACTIONS.get(action, (None, None, None))
    if who is None or not _allowed(scope, who):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES, prefix=action) if form_class else None
    if form is not None and not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("information_requests:staff_detail", pk=req.pk)
    data = form.cleaned_data if form else {}
    try:
        if action == "take":
            services.information_request_take(request=req, actor=request.user)
        elif action == "delegate":
            services.information_request_delegate(request=req, agency=data["agency"],
                                                  note=data["note"], actor=request.user)
        elif action == "extend":
            services.information_request_extend(request=req, reason=data["reason"],
                                                actor=request.user)
        elif action == "dispute":
            services.dispute_record(request=req, filed_by=Dispute.FiledBy.OFFICER,
                                    filed_on=data["filed_on"], commission=data["commission"],
                                    registration_number=data["registration_number"],
                                    actor=request.user)
        elif action == "dispute_update":
            open_dispute = req.disputes.exclude(stage__in=["diputus", "dicabut"]).first()
            if open_dispute is None:
                raise Http404
            services.dispute_update(dispute=open_dispute, actor=request.user, **data)
        elif action == "publish":
            services.information_request_publish(request=req, summary=data["summary"],
                                                 actor=request.user)
        elif action == "decide":
            files = form.prepared_files()
            if form.errors:
                raise ValidationError(form.errors["files"])
            services.information_request_decide(request=req, data=form.decision_data(),
                                                 files=files, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect("information_requests:staff_detail", pk=req.pk)


@login_required
def staff_identity_document(request, pk: int, doc: int):
    """A KTP or authorisation, for PPID staff only; never cached, never a public URL."""
    _ppid_staff(request)
    req = selectors.request_get_for(user=request.user, pk=pk)
    if not selectors.can_see_identity(user=request.user, req=req):
        raise Http404
    document = req.identity_documents.filter(pk=doc).first()
    if document is None:
        raise Http404
    with transaction.atomic():
        log_action(req, "ppid.identity_viewed", actor=request.user,
                   data={"document": document.pk, "kind": document.kind})
    return _private_file_response(
        document.file.open("rb"), content_type=document.content_type,
        filename=f"{req.code}-{document.kind}.{SUFFIX.get(document.content_type, 'bin')}",
        inline=True)


# --- keberatan -------------------------------------------------------------------------

@never_cache
def objection_form(request, code: str):
    """The requester files a keberatan through their private link."""
    req = selectors.request_by_code(code)
    secret = _requester_secret(request, req)
    if not secret:
        raise Http404
    request.session[f"ppid:{req.code}"] = secret
    if request.method == "POST":
        form = forms.ObjectionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                objection = services.objection_file(
                    request=req, ground=data["ground"], ground_date=data["ground_date"],
                    case_summary=data["case_summary"], proxy_name=data["proxy_name"])
            except ValidationError as exc:
                _service_errors_to(form, exc)
            else:
                return render(request, "ppid/objection_submitted.html",
                              {"req": req, "objection": objection})
    else:
        decision = _decision_of(req)
        form = forms.ObjectionForm(initial={
            "ground_date": timezone.localdate(decision.decided_at) if decision else None})
    return render(request, "ppid/objection_form.html", {"req": req, "form": form})


@login_required
def staff_objections(request):
    scope = _ppid_staff(request)
    status = request.GET.get("status", "")
    if status not in Objection.Status.values:
        status = ""
    page = Paginator(selectors.objection_queue_for(user=request.user, status=status), 25
                     ).get_page(request.GET.get("page"))
    return render(request, "ppid/staff_objections.html", {
        "page": page, "status": status, "statuses": Objection.Status.choices, "scope": scope,
        "today": timezone.localdate(), "query": _query_without_page(request)})


@login_required
def staff_objection_detail(request, pk: int):
    scope = _ppid_staff(request)
    objection = selectors.objection_get_for(user=request.user, pk=pk)
    can_decide = scope.is_atasan and objection.status == Objection.Status.RECEIVED
    form = forms.ObjectionDecisionForm(request.POST or None) if can_decide else None
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.objection_decide(objection=objection, actor=request.user,
                                          outcome=form.cleaned_data["outcome"],
                                          reasons=form.cleaned_data["reasons"])
            except ValidationError as exc:
                _service_errors_to(form, exc)
            else:
                messages.success(request, _("The decision has been issued and sent to the "
                                            "requester."))
                return redirect("information_requests:objection_detail", pk=objection.pk)
    return render(request, "ppid/staff_objection_detail.html", {
        "objection": objection, "req": objection.request, "form": form, "scope": scope,
        "today": timezone.localdate(), "timeline": audit_trail(objection)})


@never_cache
def dispute_form(request, code: str):
    """The requester records that they took the matter to the Komisi Informasi."""
    req = selectors.request_by_code(code)
    secret = _requester_secret(request, req)
    if not secret:
        raise Http404
    request.session[f"ppid:{req.code}"] = secret
    form = forms.DisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dispute_record(request=req, filed_by=Dispute.FiledBy.REQUESTER,
                                    **form.cleaned_data)
        except ValidationError as exc:
            _service_errors_to(form, exc)
        else:
            messages.success(request, _("Thank you: the dispute is recorded on your request."))
            return redirect("information_requests:track_detail", code=req.code)
    return render(request, "ppid/dispute_form.html", {"req": req, "form": form})


# --- registers -------------------------------------------------------------------------

def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def staff_request_register(request):
    """The register of requests for a year: a page, or XLSX/CSV with ?format=."""
    scope = _ppid_staff(request)
    year = _year(request)
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
        "year": year, "query": _query_without_page(request),
        "url_name": "information_requests:register_requests"})


@login_required
def staff_objection_register(request):
    scope = _ppid_staff(request)
    year = _year(request)
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
        "year": year, "query": _query_without_page(request),
        "url_name": "information_requests:register_objections"})


@login_required
def staff_annual_report(request):
    """The annual report (UU 14/2008 Pasal 12) for a chosen year: page, PDF or XLSX."""
    scope = _ppid_staff(request)
    if not (scope.is_main or scope.reads_all):
        raise PermissionDenied
    year = _year(request)
    figures = reports.annual_figures(year=year, calendar=get_work_calendar())
    fmt = request.GET.get("format", "")
    if fmt == "pdf":
        return FileResponse(io.BytesIO(reports.annual_report_pdf(figures)), as_attachment=True,
                            filename=f"laporan-layanan-informasi-{year}.pdf",
                            content_type="application/pdf")
    if fmt == "xlsx":
        return FileResponse(
            io.BytesIO(reports.annual_report_xlsx(figures)), as_attachment=True,
            filename=f"laporan-layanan-informasi-{year}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    text = AnnualReportText.objects.filter(year=year).first()
    form = None
    if scope.is_main or scope.is_atasan:
        form = forms.AnnualReportTextForm(request.POST or None, initial={
            "general_policy": text.general_policy if text else "",
            "obstacles": text.obstacles if text else "",
            "recommendations": text.recommendations if text else ""})
        if request.method == "POST" and form.is_valid():
            services.annual_report_text_save(year=year, actor=request.user,
                                             **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect(f"{reverse('information_requests:annual_report')}?tahun={year}")
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "ppid/annual_report.html", {
        "year": year, "figures": figures, "tables": reports.report_tables(figures),
        "sections": reports.report_sections(year), "form": form})


# --- the public archive ----------------------------------------------------------------

def archive(request):
    """Answered requests, without personal data: what others asked and what they got."""
    form = forms.ArchiveFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.archive_list(q=data.get("q", ""), outcome=data.get("keputusan", ""),
                                year=data.get("tahun"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "ppid/archive.html", {
        "page": page, "form": form, "query": _query_without_page(request),
        "outcomes": Decision.Outcome.choices})


@require_POST
def requester_withdraw(request, code: str):
    """The requester withdraws an unanswered request through their private link."""
    return _requester_action(
        request, code, lambda req: services.information_request_withdraw(
            request=req, reason=request.POST.get("reason", "")),
        success=_("Your request has been withdrawn."))


@login_required
def staff_intake(request):
    """Register a request received at the desk, by letter, e-mail or telephone."""
    scope = _ppid_officer(request)
    form = forms.StaffRequestForm(request.POST or None, request.FILES or None,
                                  initial={"idempotency_key": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        documents = form.prepared_documents()
        if not form.errors:
            data = form.cleaned_data
            submission = services.RequestSubmission(
                requester_kind=data["requester_kind"], name=data["name"],
                nik=data.get("nik", ""), legal_document_number=data["legal_document_number"],
                address=data["address"], occupation=data["occupation"], phone=data["phone"],
                email=data["email"], information=data["information"], purpose=data["purpose"],
                obtain_method=data["obtain_method"], delivery_method=data["delivery_method"],
                channel=data["channel"], idempotency_key=data["idempotency_key"] or None)
            try:
                req, _secret = services.information_request_submit(
                    submission=submission, documents=documents, actor=request.user,
                    now=data["received_at"] or None)
                if scope.agency_ids and not req.delegated_to_id:
                    # Received at an OPD's desk: its PPID pembantu handles it.
                    services.information_request_delegate(
                        request=req, agency=Agency.objects.get(pk=min(scope.agency_ids)),
                        actor=request.user, note=_("Received at this agency's desk."))
            except ValidationError as exc:
                _service_errors_to(form, exc)
            else:
                messages.success(request, _("Registered as %(code)s. The proof of receipt has "
                                            "been sent to the requester.") % {"code": req.code})
                return redirect("information_requests:staff_detail", pk=req.pk)
    return render(request, "ppid/staff_intake.html", {"form": form})


@require_POST
def objection_respond(request, code: str, pk: int):
    """The requester answers the atasan's decision (kept in the objection register)."""
    return _requester_action(
        request, code, lambda req: services.objection_requester_respond(
            objection=get_object_or_404(req.objections, pk=pk),
            response=request.POST.get("response", "")),
        success=_("Thank you: your response has been recorded."))
