"""One error shape for every failure: `{"code", "detail", "fields"}` in the user's language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from balai.complaints.errors import ComplaintTransitionError


class Conflict(exceptions.APIException):
    """The case's current state does not allow the action (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The complaint's current state does not allow this action.")
    default_code = "transition"


def from_service_error(exc: DjangoValidationError) -> exceptions.APIException:
    """A service's ValidationError as the API says it: 409 for a state conflict, else 400."""
    message = " ".join(exc.messages)
    code = getattr(exc, "code", None) or "invalid"
    if isinstance(exc, ComplaintTransitionError):
        return Conflict(message, code=code)
    error = exceptions.ValidationError({"detail": message}, code=code)
    error.balai_code = code
    return error


def _flatten(data) -> list[str]:
    if isinstance(data, dict):
        return [m for value in data.values() for m in _flatten(value)]
    if isinstance(data, list):
        return [m for value in data for m in _flatten(value)]
    return [str(data)]


def _fields(data) -> dict[str, list[str]]:
    if not isinstance(data, dict):
        return {}
    return {name: _flatten(value) for name, value in data.items() if name != "detail"}


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found, or not yours to see."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = from_service_error(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        detail = exc.detail.get("detail") if isinstance(exc.detail, dict) else None
        code = getattr(exc, "balai_code", "invalid")
        body = {"code": code,
                "detail": " ".join(_flatten(detail)) if detail else
                str(_("Check the fields marked in `fields`.")),
                "fields": fields}
        if not fields and not detail:
            body["detail"] = " ".join(_flatten(exc.detail))
    else:
        codes = exc.get_codes()
        body = {"code": codes if isinstance(codes, str) else "error",
                "detail": " ".join(_flatten(exc.detail)), "fields": {}}
    return Response(body, status=response.status_code, headers=_headers(response))


def _headers(response) -> dict[str, str]:
    return {name: response[name] for name in ("WWW-Authenticate", "Retry-After", "Allow")
            if response.has_header(name)}
