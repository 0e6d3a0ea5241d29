"""Reads of forwarding: who may configure endpoints and see the forwards' state."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from balai.accounts.models import Role
from balai.agencies.models import Agency
from balai.complaints.selectors import complaint_scope
from balai.complaints.workflow import DESK
from balai.forwarding.models import RemoteForward


def may_configure(user) -> bool:
    """Endpoints and their keys: the Diskominfo administrator only."""
    return bool(getattr(user, "is_authenticated", False)
                and (user.is_superuser or user.role == Role.ADMIN))


def may_watch(user) -> bool:
    """The forwards' state and the retry button: the complaint desk."""
    return DESK in complaint_scope(user).sides


def outside_bodies() -> QuerySet[Agency]:
    return (Agency.objects.filter(is_external=True).select_related("open311_endpoint")
            .order_by("name"))


def forwards_needing_attention() -> QuerySet[RemoteForward]:
    """Not sent yet with a reason, or given up: what the verifikator must look at."""
    return (RemoteForward.objects.filter(Q(status=RemoteForward.Status.FAILED)
                                         | Q(status=RemoteForward.Status.PENDING,
                                             attempts__gt=0))
            .select_related("complaint", "endpoint__agency").order_by("-updated_at"))


def recent_forwards() -> QuerySet[RemoteForward]:
    return RemoteForward.objects.select_related("complaint", "endpoint__agency")
