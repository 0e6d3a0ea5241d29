"""The documents the PPID service rests on: the public page, the PPID utama's editor with
the fee schedule, and per request the berita acara of handover and its signed scan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.audit import audit_trail
from balai.ppid import forms, selectors, services
from balai.ppid.files import SUFFIX
from balai.ppid.handover import berita_acara_pdf
from balai.ppid.models import FeeItem, ServiceDocument
from balai.ppid.views._common import ppid_officer, private_file_response, service_errors_to


def service_documents(request):
    return render(request, "ppid/service_documents.html", {
        "sections": selectors.service_documents_public(),
        "fee_decision": selectors.fee_schedule_in_force()})


def _main(request):
    """The PPID utama keeps the service documents; every PPID officer reads them."""
    scope = ppid_officer(request)
    if request.method == "POST" and not scope.is_main:
        raise PermissionDenied
    return scope


@login_required
def staff_service_documents(request):
    scope = _main(request)
    return render(request, "ppid/staff_service_documents.html", {
        "documents": selectors.service_documents_staff(), "may_edit": scope.is_main})


@login_required
def staff_service_document_edit(request, pk: int | None = None):
    scope = _main(request)
    document = get_object_or_404(ServiceDocument, pk=pk) if pk else None
    form = forms.ServiceDocumentForm(request.POST or None, request.FILES or None,
                                     instance=document, prefix="doc")
    file = form.prepared_file() if request.method == "POST" and form.is_valid() else None
    if request.method == "POST" and not form.errors:
        try:
            document = services.service_document_save(
                document=document, data=form.cleaned_data, actor=request.user, file=file,
                remove_file=form.cleaned_data["remove_file"])
        except ValidationError as exc:
            service_errors_to(form, exc)
        else:
            messages.success(request, _("The document has been saved."))
            return redirect("ppid:service_document_edit", pk=document.pk)
    return _edit_page(request, scope, document, form)


def _edit_page(request, scope, document, form, fee_form=None, status=200):
    is_fees = document is not None and document.kind == ServiceDocument.Kind.FEE_DECISION
    return render(request, "ppid/staff_service_document.html", {
        "document": document, "form": form, "may_edit": scope.is_main,
        "fee_form": fee_form or (forms.FeeItemForm(prefix="fee") if is_fees else None),
        "fee_items": document.fee_items.all() if is_fees else [],
        "exempt_entries": (document.exempt_entries.order_by("exempt_until", "title")
                           if document is not None else []),
        "timeline": audit_trail(document) if document is not None else [],
    }, status=status)


@login_required
@require_POST
def staff_fee_item_add(request, pk: int):
    scope = _main(request)
    document = get_object_or_404(ServiceDocument, pk=pk)
    fee_form = forms.FeeItemForm(request.POST, prefix="fee")
    if fee_form.is_valid():
        try:
            services.fee_item_add(decision=document, data=fee_form.cleaned_data,
                                  actor=request.user)
        except ValidationError as exc:
            service_errors_to(fee_form, exc)
        else:
            messages.success(request, _("The fee has been added to the schedule."))
            return redirect("ppid:service_document_edit", pk=document.pk)
    form = forms.ServiceDocumentForm(instance=document, prefix="doc")
    return _edit_page(request, scope, document, form, fee_form, status=400)


@login_required
@require_POST
def staff_fee_item_remove(request, pk: int, item: int):
    _main(request)
    fee = get_object_or_404(FeeItem, pk=item, decision_id=pk)
    try:
        services.fee_item_remove(item=fee, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The fee has been removed from the schedule."))
    return redirect("ppid:service_document_edit", pk=pk)


@login_required
def staff_berita_acara(request, pk: int):
    """The berita acara of handover, printed for both sides to sign: filled in from the
    recorded handover, or from the written notice before it is recorded."""
    ppid_officer(request)
    req = selectors.request_get_for(user=request.user, pk=pk)
    if getattr(req.decision, "outcome", None) not in selectors.GIVEN_OUTCOMES:
        raise Http404
    response = HttpResponse(berita_acara_pdf(req, officer=request.user),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="berita-acara-{req.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def staff_handover_scan(request, pk: int):
    ppid_officer(request)
    req = selectors.request_get_for(user=request.user, pk=pk)
    handover = getattr(req, "handover", None)
    if handover is None or not handover.record_scan:
        raise Http404
    return private_file_response(
        handover.record_scan.open("rb"), content_type=handover.content_type,
        filename=f"berita-acara-{req.code}.{SUFFIX.get(handover.content_type, 'bin')}",
        inline=True)
