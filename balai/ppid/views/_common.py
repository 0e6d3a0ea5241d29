"""Helpers shared by the PPID views: access checks, the requester's secret link, private files."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone

from balai.ppid import selectors, services
from balai.ppid.models import Decision, InformationRequest


def service_errors_to(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field when it names fields."""
    aliases = {"file": "upload"}  # the model field and the form's upload field
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            field = aliases.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def request_submission(form) -> services.RequestSubmission:
    """What a request form holds, as the services take it. A field the form refused goes as
    typed, so that the service's check speaks only of its own rules (an e-mail address typed
    wrong is not also "no contact given")."""
    def value(name: str) -> str:
        if name in form.cleaned_data:
            return form.cleaned_data[name] or ""
        return form.data.get(form.add_prefix(name), "")

    return services.RequestSubmission(
        requester_kind=value("requester_kind"), name=value("name"), nik=value("nik"),
        legal_document_number=value("legal_document_number"),
        representative_name=value("representative_name"),
        representative_nik=value("representative_nik"),
        identity_as_given=value("identity_as_given"), address=value("address"),
        occupation=value("occupation"), phone=value("phone"), email=value("email"),
        information=value("information"), purpose=value("purpose"),
        obtain_method=value("obtain_method"), delivery_method=value("delivery_method"),
        channel=value("channel") or InformationRequest.Channel.WEB,
        idempotency_key=value("idempotency_key") or None)


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def ppid_officer(request) -> selectors.PpidScope:
    scope = selectors.ppid_scope(request.user)
    if not scope.is_ppid_officer:
        raise PermissionDenied
    return scope


def requester_secret(request, req) -> str:
    secret = request.GET.get("k") or request.POST.get("k") or \
        request.session.get(f"ppid:{req.code}", "")
    return secret if req.secret_matches(secret) else ""


def requester_action(request, code: str, action, success: str):
    """One action of the requester through their private link: `action(req)` calls a
    service; what the service refuses (a ValidationError, a PpidTransitionError) becomes
    messages, and the requester goes back to the tracking page either way."""
    req = selectors.request_by_code(code)
    if not requester_secret(request, req):
        raise Http404
    try:
        action(req)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("ppid:track_detail", code=req.code)


def decision_of(req):
    """The decision in force (while an upheld keberatan is carried out, the one it
    overturned, if any)."""
    return (Decision.objects.select_related("notice__number").filter(pk=req.decision_id).first()
            if req.decision_id else None)


def private_file_response(fh, *, content_type: str, filename: str, inline: bool = False):
    response = FileResponse(fh, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


def ppid_staff(request) -> selectors.PpidScope:
    scope = selectors.ppid_scope(request.user)
    if not scope.is_staff:
        raise PermissionDenied
    return scope


def year_param(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year
