"""The requester, through their private link: notice, files, objection, dispute, withdrawal."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from balai.documents.storage import pdf_read
from balai.ppid import forms, selectors, services
from balai.ppid.files import SUFFIX
from balai.ppid.models import (
    DeliveredFile,
    Dispute,
)
from balai.ppid.views._common import (
    decision_of,
    private_file_response,
    requester_action,
    requester_secret,
    service_errors_to,
)


@never_cache
def requester_notice(request, code: str):
    """The signed written notice, for the requester's secret link."""
    req = selectors.request_by_code(code)
    if not requester_secret(request, req):
        raise Http404
    decision = decision_of(req)
    if decision is None or decision.notice is None:
        raise Http404
    notice = decision.notice
    name = notice.number.full_number.replace("/", "-")
    return private_file_response(io.BytesIO(pdf_read(notice.pdf_path)),
                                  content_type="application/pdf", filename=f"{name}.pdf")


@never_cache
def requester_file(request, code: str, pk: int):
    """A file given with the answer: only through the requester's private link."""
    req = selectors.request_by_code(code)
    if not requester_secret(request, req):
        raise Http404
    delivered = req.delivered_files.filter(pk=pk).first()
    if delivered is None:
        raise Http404
    DeliveredFile.objects.filter(pk=delivered.pk).update(downloads=F("downloads") + 1)
    suffix = SUFFIX.get(delivered.content_type, "bin")
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in
                   delivered.name.rsplit(".", 1)[0])[:60] or "berkas"
    return private_file_response(delivered.file.open("rb"),
                                  content_type=delivered.content_type,
                                  filename=f"{stem}.{suffix}")


@never_cache
def objection_form(request, code: str):
    """The requester files a keberatan through their private link."""
    req = selectors.request_by_code(code)
    secret = requester_secret(request, req)
    if not secret:
        raise Http404
    request.session[f"ppid:{req.code}"] = secret
    if request.method == "POST":
        form = forms.ObjectionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                objection = services.objection_file(
                    request=req, grounds=data["grounds"], ground_date=data["ground_date"],
                    case_summary=data["case_summary"], proxy_name=data["proxy_name"])
            except ValidationError as exc:
                service_errors_to(form, exc)
            else:
                return render(request, "ppid/objection_submitted.html",
                              {"req": req, "objection": objection})
    else:
        decision = decision_of(req)
        form = forms.ObjectionForm(initial={
            "ground_date": timezone.localdate(decision.decided_at) if decision else None})
    return render(request, "ppid/objection_form.html", {"req": req, "form": form})


@never_cache
def dispute_form(request, code: str):
    """The requester records that they took the matter to the Komisi Informasi."""
    req = selectors.request_by_code(code)
    secret = requester_secret(request, req)
    if not secret:
        raise Http404
    request.session[f"ppid:{req.code}"] = secret
    form = forms.DisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dispute_record(request=req, filed_by=Dispute.FiledBy.REQUESTER,
                                    **form.cleaned_data)
        except ValidationError as exc:
            service_errors_to(form, exc)
        else:
            messages.success(request, _("Thank you: the dispute is recorded on your request."))
            return redirect("ppid:track_detail", code=req.code)
    return render(request, "ppid/dispute_form.html", {"req": req, "form": form})


@require_POST
def requester_withdraw(request, code: str):
    """The requester withdraws an unanswered request through their private link."""
    return requester_action(
        request, code, lambda req: services.information_request_withdraw(
            request=req, reason=request.POST.get("reason", "")),
        success=_("Your request has been withdrawn."))


@require_POST
def objection_respond(request, code: str, pk: int):
    """The requester answers the atasan's decision (kept in the objection register)."""
    return requester_action(
        request, code, lambda req: services.objection_requester_respond(
            objection=get_object_or_404(req.objections, pk=pk),
            response=request.POST.get("response", "")),
        success=_("Thank you: your response has been recorded."))
