"""Keberatan for the staff: the queue and the atasan's decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from balai.core.audit import audit_trail
from balai.documents.bsre import BsreError, backend_for, sign_failure_message
from balai.ppid import forms, selectors, services
from balai.ppid.models import (
    Objection,
)
from balai.ppid.views._common import (
    ppid_staff,
    query_without_page,
    service_errors_to,
)


@login_required
def staff_objections(request):
    scope = ppid_staff(request)
    status = request.GET.get("status", "")
    if status not in Objection.Status.values:
        status = ""
    page = Paginator(selectors.objection_queue_for(user=request.user, status=status), 25
                     ).get_page(request.GET.get("page"))
    return render(request, "ppid/staff_objections.html", {
        "page": page, "status": status, "statuses": Objection.Status.choices, "scope": scope,
        "today": timezone.localdate(), "query": query_without_page(request)})


@login_required
@sensitive_post_parameters("passphrase")
def staff_objection_detail(request, pk: int):
    scope = ppid_staff(request)
    objection = selectors.objection_get_for(user=request.user, pk=pk)
    can_decide = "decide" in {t.action for t in scope.objection_actions(objection)}
    form = forms.ObjectionDecisionForm(request.POST or None) if can_decide else None
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        if form.is_valid() and _done(request, form, _(
                "The decision has been issued and sent to the requester."),
                lambda: _decide(objection, request.user, form.cleaned_data)):
            return redirect("ppid:objection_detail", pk=objection.pk)
    return _detail(request, scope, objection, form=form)


def _decide(objection, actor, data: dict):
    """The atasan's decision letter, signed through BSrE with the passphrase typed now
    where the service is configured; a refused signature leaves it undecided."""
    backend = backend_for(actor, data.get("passphrase", ""))
    try:
        return services.objection_decide(objection=objection, actor=actor,
                                         outcome=data["outcome"], reasons=data["reasons"],
                                         backend=backend)
    except BsreError as exc:
        raise ValidationError(sign_failure_message(exc)) from None


def _done(request, form, success: str, call) -> bool:
    """Call the service; its refusal goes onto the form, its success into a message."""
    try:
        call()
    except ValidationError as exc:
        service_errors_to(form, exc)
        return False
    messages.success(request, success)
    return True


def _detail(request, scope, objection, *, form=None, received_form=None):
    if received_form is None and scope.is_ppid_officer and _awaits_delivery(objection):
        received_form = forms.ObjectionAnswerReceivedForm()
    return render(request, "ppid/staff_objection_detail.html", {
        "objection": objection, "req": objection.request, "form": form, "scope": scope,
        "received_form": received_form, "today": timezone.localdate(),
        "timeline": audit_trail(objection)})


def _awaits_delivery(objection) -> bool:
    return (objection.answer_delivery == Objection.AnswerDelivery.POST
            and objection.answer_received_on is None)


@login_required
@require_POST
def staff_objection_received(request, pk: int):
    """The PPID officer records the delivery date of an answer sent by post or by hand."""
    scope = ppid_staff(request)
    objection = selectors.objection_get_for(user=request.user, pk=pk)
    if not scope.is_ppid_officer:
        raise PermissionDenied
    form = forms.ObjectionAnswerReceivedForm(request.POST)
    if form.is_valid() and _done(request, form, _(
            "The delivery date has been recorded; the requester's page shows the last day "
            "for a dispute."),
            lambda: services.objection_answer_received(
                objection=objection, received_on=form.cleaned_data["received_on"],
                actor=request.user)):
        return redirect("ppid:objection_detail", pk=objection.pk)
    return _detail(request, scope, objection, received_form=form)
