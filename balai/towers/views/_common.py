"""Access checks the tower views share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from balai.towers import selectors


def tower_staff(request) -> selectors.TowerScope:
    """Officers, the head of office and administrators read; everyone else is refused."""
    scope = selectors.tower_scope(request.user)
    if not scope.is_staff:
        raise PermissionDenied
    return scope


def tower_officer(request) -> selectors.TowerScope:
    """Only the tower officers change the registry and decide requests."""
    scope = selectors.tower_scope(request.user)
    if not scope.is_officer:
        raise PermissionDenied
    return scope


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
