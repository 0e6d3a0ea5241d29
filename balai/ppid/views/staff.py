"""The PPID staff's request pages: queue, desk intake, detail and the actions on a request."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from balai.core.audit import audit_trail, log_action
from balai.core.forms import apply_service_errors
from balai.documents.bsre import BsreError, backend_for, sign_failure_message
from balai.lib.nik import nik_mask
from balai.ppid import forms, selectors, services
from balai.ppid.files import SUFFIX
from balai.ppid.models import (
    Dispute,
    InformationRequest,
)
from balai.ppid.views._common import (
    decision_of,
    ppid_officer,
    ppid_staff,
    private_file_response,
    query_without_page,
    request_submission,
)


@login_required
def staff_queue(request):
    scope = ppid_staff(request)
    status = request.GET.get("status", "")
    if status not in InformationRequest.Status.values:
        status = ""
    late = request.GET.get("terlambat") == "1"
    today = timezone.localdate()
    qs = selectors.staff_queue_for(user=request.user, status=status, late=late, today=today)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "ppid/staff_queue.html", {
        "page": page, "status": status, "late": late, "today": today, "scope": scope,
        "statuses": InformationRequest.Status.choices, "query": query_without_page(request)})


# The form of each staff action in the workflow table (ppid/workflow.py); None: a button.
STAFF_FORMS = {
    "take": None,
    "delegate": forms.DelegateForm,
    "extend": forms.ExtendForm,
    "decide": forms.DecisionForm,
    "dispute": forms.DisputeForm,
    "dispute_update": forms.DisputeUpdateForm,
    "publish": forms.PublishForm,
    "dispute_carry_out": forms.DisputeCarryOutForm,
    "court_appeal": forms.CourtAppealForm,
    "court_appeal_update": forms.CourtAppealUpdateForm,
    "copy_payment": forms.CopyPaymentForm,
    "handover": forms.HandoverForm,
}


def _offered_forms(scope, req, bound=None) -> list:
    """(transition, form) for each action offered to this user on `req` now: unbound, but
    the `bound` form (one the officer sent back with errors) in its action's place."""
    offered = []
    for t in scope.actions(req):
        form_class = STAFF_FORMS[t.action]
        if bound is not None and bound.prefix == t.action:
            offered.append((t, bound))
            continue
        kwargs = ({"request_obj": req} if t.action == "decide" else
                  {"initial": {"summary": req.archive_summary or req.information}}
                  if t.action == "publish" else
                  {"initial": _handover_initial(req)} if t.action == "handover" else {})
        offered.append((t, form_class(prefix=t.action, **kwargs) if form_class else None))
    return offered


def _handover_initial(req) -> dict:
    """The handover form starts from what was recorded, or from the written notice."""
    done = getattr(req, "handover", None)
    if done is not None:
        return {"handed_over_on": done.handed_over_on, "method": done.method,
                "received_by": done.received_by, "items": done.items}
    decision = req.decision
    return {"handed_over_on": timezone.localdate(), "received_by": req.name,
            "method": (decision.delivery if decision else "") or req.delivery_method,
            "items": decision.given if decision else ""}


@login_required
def staff_detail(request, pk: int):
    scope = ppid_staff(request)
    req = selectors.request_get_for(user=request.user, pk=pk)
    return _detail_page(request, scope, req)


def _detail_page(request, scope, req, *, bound=None, status=200):
    """The case page; with `bound`, the action form the officer sent is open again with
    its errors and everything they typed (only files must be chosen again)."""
    show_identity = selectors.can_see_identity(user=request.user, req=req)
    today = timezone.localdate()
    return render(request, "ppid/staff_detail.html", {
        "req": req, "scope": scope, "show_identity": show_identity,
        "decision": decision_of(req), "files": req.delivered_files.all(),
        "objections": req.objections.select_related("decision_document"),
        "disputes": selectors.disputes_with_timeline(req, today=today),
        "nik_masked": nik_mask(req.nik), "today": today,
        "documents": req.identity_documents.all() if show_identity else [],
        "payments": req.copy_payments.select_related("fee_item"),
        "handover": getattr(req, "handover", None),
        "given": getattr(req.decision, "outcome", None) in selectors.GIVEN_OUTCOMES,
        "deadline": selectors.deadline_explanation(req),
        "timeline": audit_trail(req), "actions": _offered_forms(scope, req, bound),
        "bound_action": bound.prefix if bound is not None else "",
    }, status=status)


@login_required
@require_POST
@sensitive_post_parameters("decide-passphrase")
def staff_action(request, pk: int, action: str):
    scope = ppid_staff(request)
    req = selectors.request_get_for(user=request.user, pk=pk)
    if action not in STAFF_FORMS or not scope.may(action):
        raise PermissionDenied
    form_class = STAFF_FORMS[action]
    form = form_class(request.POST, request.FILES, prefix=action) if form_class else None
    if form is not None and not form.is_valid():
        return _detail_page(request, scope, req, bound=form, status=400)
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
        elif action in selectors.AFTER_DECIDED_DISPUTE:
            _after_dispute(req, action, data, actor=request.user)
        elif action == "publish":
            services.information_request_publish(request=req, summary=data["summary"],
                                                 actor=request.user)
        elif action == "copy_payment":
            services.copy_payment_record(request=req, actor=request.user, **data)
        elif action == "handover":
            scan = form.prepared_file()
            if form.errors:
                return _detail_page(request, scope, req, bound=form, status=400)
            services.handover_record(request=req, actor=request.user, scan=scan,
                                     **{k: v for k, v in data.items() if k != "scan"})
        elif action == "decide":
            files = form.prepared_files()
            if form.errors:  # a file refused by its content: said by the field
                return _detail_page(request, scope, req, bound=form, status=400)
            backend = backend_for(request.user, form.cleaned_data.get("passphrase", ""))
            try:
                services.information_request_decide(request=req, data=form.decision_data(),
                                                     files=files, actor=request.user,
                                                     backend=backend)
            except BsreError as exc:  # the notice is not signed and keeps no number
                raise ValidationError(sign_failure_message(exc)) from None
    except ValidationError as exc:
        if form is None:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("ppid:staff_detail", pk=req.pk)
        apply_service_errors(form, exc)
        return _detail_page(request, scope, req, bound=form, status=400)
    messages.success(request, _("Saved."))
    return redirect("ppid:staff_detail", pk=req.pk)


def _after_dispute(req, action: str, data: dict, *, actor) -> None:
    """How the commission's decision was carried out, and the appeals in court."""
    dispute = selectors.decided_dispute(req)
    if dispute is None:
        raise Http404
    if action == "dispute_carry_out":
        services.dispute_carry_out(dispute=dispute, actor=actor, **data)
    elif action == "court_appeal":
        services.court_appeal_record(dispute=dispute, actor=actor, **data)
    else:
        appeal = dispute.appeals.filter(level=data.pop("level")).first()
        if appeal is None:
            raise ValidationError({"level": _("This appeal has not been recorded.")})
        services.court_appeal_update(appeal=appeal, actor=actor, **data)


@login_required
def staff_identity_document(request, pk: int, doc: int):
    """A KTP or authorisation, for PPID staff only; never cached, never a public URL."""
    ppid_staff(request)
    req = selectors.request_get_for(user=request.user, pk=pk)
    if not selectors.can_see_identity(user=request.user, req=req):
        raise Http404
    document = req.identity_documents.filter(pk=doc).first()
    if document is None:
        raise Http404
    with transaction.atomic():
        log_action(req, "ppid.identity_viewed", actor=request.user,
                   data={"document": document.pk, "kind": document.kind})
    return private_file_response(
        document.file.open("rb"), content_type=document.content_type,
        filename=f"{req.code}-{document.kind}.{SUFFIX.get(document.content_type, 'bin')}",
        inline=True)


@login_required
def staff_intake(request):
    """Register a request received at the desk, by letter, e-mail or telephone."""
    ppid_officer(request)
    form = forms.StaffRequestForm(request.POST or None, request.FILES or None,
                                  initial={"idempotency_key": uuid.uuid4().hex})
    if request.method == "POST":
        form.is_valid()
        documents = form.prepared_documents()
        submission = request_submission(form)
        try:
            if form.errors:
                services.information_request_check(submission=submission, documents=documents)
            else:
                req = services.information_request_intake(
                    submission=submission, documents=documents, actor=request.user,
                    now=form.cleaned_data["received_at"] or None)
                messages.success(request, _("Registered as %(code)s. The proof of receipt has "
                                            "been sent to the requester.") % {"code": req.code})
                return redirect("ppid:staff_detail", pk=req.pk)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(request, "ppid/staff_intake.html", {"form": form})
