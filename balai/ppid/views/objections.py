"""Keberatan for the staff: the queue and the atasan's decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import audit_trail
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
def staff_objection_detail(request, pk: int):
    scope = ppid_staff(request)
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
                service_errors_to(form, exc)
            else:
                messages.success(request, _("The decision has been issued and sent to the "
                                            "requester."))
                return redirect("ppid:objection_detail", pk=objection.pk)
    return render(request, "ppid/staff_objection_detail.html", {
        "objection": objection, "req": objection.request, "form": form, "scope": scope,
        "today": timezone.localdate(), "timeline": audit_trail(objection)})
