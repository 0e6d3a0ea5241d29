"""The public PPID pages: the index, the request form, the receipt, tracking and the archive."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from balai.core.audit import audit_trail
from balai.core.forms import apply_service_errors
from balai.core.ratelimit import client_ip, hit
from balai.ppid import forms, selectors, services
from balai.ppid.models import (
    Decision,
)
from balai.ppid.views._common import (
    decision_of,
    query_without_page,
    request_submission,
    requester_secret,
)


def index(request):
    return render(request, "ppid/index.html", {})


def _rate_limited(request, form) -> bool:
    """Public forms: PPID_REQUESTS_PER_HOUR from one connection; past it the form says so."""
    if hit(f"ppid-request:{client_ip(request)}", limit=settings.PPID_REQUESTS_PER_HOUR,
           window_s=3600):
        return False
    form.is_valid()
    form.add_error(None, _("Too many requests from your connection in the last hour. "
                           "Try again later or call %(phone)s.")
                   % {"phone": settings.BALAI_INSTALLATION.get("phone", "")})
    return True


def request_form(request):
    """The public request form (Perki 1/2021 fields), mobile first."""
    if request.method == "POST":
        form = forms.RequestForm(request.POST, request.FILES)
        if not _rate_limited(request, form):
            form.is_valid()
            documents = form.prepared_documents()
            submission = request_submission(form)
            try:
                if form.errors:
                    # The identity rules' errors join the form's in the first error summary.
                    services.information_request_check(submission=submission,
                                                       documents=documents)
                else:
                    req, secret = services.information_request_submit(
                        submission=submission, documents=documents,
                        actor=request.user if request.user.is_authenticated else None)
                    if secret:
                        request.session[f"ppid:{req.code}"] = secret
                    return redirect("ppid:submitted", code=req.code)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    else:
        form = forms.RequestForm(initial={"idempotency_key": uuid.uuid4().hex})
    return render(request, "ppid/request_form.html", {"form": form})


@never_cache
def submitted(request, code: str):
    """The proof of receipt: registration number, due date and how it was counted."""
    req = selectors.request_by_code(code)
    secret = requester_secret(request, req)
    if not secret:
        return redirect("ppid:track_detail", code=req.code)
    link = request.build_absolute_uri(
        reverse("ppid:track_detail", args=[req.code]) + f"?k={secret}")
    return render(request, "ppid/submitted.html", {
        "req": req, "link": link, "deadline": selectors.deadline_explanation(req)})


@never_cache
def track_detail(request, code: str):
    """Without the secret: status and dates only. With it: the whole request and answer."""
    req = selectors.request_by_code(code)
    secret = requester_secret(request, req)
    if secret:
        request.session[f"ppid:{req.code}"] = secret
    today = timezone.localdate()
    offered = selectors.requester_actions(req) if secret else set()
    return render(request, "ppid/track_detail.html", {
        "req": req, "is_requester": bool(secret), "secret": secret,
        "objections": req.objections.select_related("decision_document") if secret else [],
        "disputes": selectors.disputes_with_timeline(req, today=today) if secret else [],
        "can_dispute": "dispute" in offered,
        "can_withdraw": "withdraw" in offered,
        "can_object": "object" in offered,
        "decision": decision_of(req) if secret else None,
        "files": req.delivered_files.all() if secret else [],
        "deadline": selectors.deadline_explanation(req),
        "timeline": audit_trail(req, public_only=True),
        "today": today,
    })


def archive(request):
    """Answered requests, without personal data: what others asked and what they got."""
    form = forms.ArchiveFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.archive_list(q=data.get("q", ""), outcome=data.get("keputusan", ""),
                                year=data.get("tahun"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "ppid/archive.html", {
        "page": page, "form": form, "query": query_without_page(request),
        "outcomes": Decision.Outcome.choices})


@never_cache
def periodic_objection_form(request):
    """A keberatan that periodic information was not published, filed without a request
    (UU 14/2008 Pasal 35(1)(b))."""
    form = forms.PeriodicObjectionForm(request.POST or None)
    if request.method == "POST" and not _rate_limited(request, form) and form.is_valid():
        data = form.cleaned_data
        try:
            objection = services.objection_file_without_request(
                objector=services.PeriodicObjector(
                    name=data["name"], address=data["address"], email=data["email"],
                    phone=data["phone"]),
                information=data["information"], ground_date=data["ground_date"],
                case_summary=data["case_summary"], proxy_name=data["proxy_name"],
                actor=request.user if request.user.is_authenticated else None)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return render(request, "ppid/objection_submitted.html",
                          {"objection": objection})
    return render(request, "ppid/periodic_objection_form.html", {"form": form})
