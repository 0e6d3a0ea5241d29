"""Helpers shared by the media-partnership views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse

from balai.media_partnerships import selectors


def private_file_response(fh, *, content_type: str, filename: str, inline: bool = True):
    response = FileResponse(fh, content_type=content_type)
    response["Content-Disposition"] = (f'{"inline" if inline else "attachment"}; '
                                       f'filename="{filename}"')
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


def media_staff(request) -> selectors.MediaScope:
    scope = selectors.media_scope(request.user)
    if not scope.is_staff:
        raise PermissionDenied
    return scope


def outlet_team(request) -> selectors.MediaScope:
    """The media officer and the verification team: outlets and applications."""
    scope = selectors.media_scope(request.user)
    if not scope.sees_outlets:
        raise PermissionDenied
    return scope


def media_officer(request) -> selectors.MediaScope:
    """Diskominfo's media officer only: the rounds' checklists and the rate card."""
    scope = selectors.media_scope(request.user)
    if not scope.is_officer:
        raise PermissionDenied
    return scope


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
