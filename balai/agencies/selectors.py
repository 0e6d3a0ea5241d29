from django.conf import settings
from django.db.models import QuerySet

from balai.agencies.models import Agency, Membership


def agencies_for_user(*, user) -> QuerySet[Agency]:
    """The agencies whose queues `user` works in."""
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user).distinct()


def agency_ids_for_user(*, user) -> list[int]:
    """Ids of the user's agencies, read once per user object (that is, once per request):
    list filters use them as literal ids, which the planner can match to an index."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_balai_agency_ids", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("agency_id", flat=True)
                      .distinct())
        user._balai_agency_ids = cached
    return cached


def agency_members(*, agency: Agency, role: str | None = None) -> QuerySet[Membership]:
    qs = Membership.objects.filter(agency=agency, user__is_active=True).select_related("user")
    return qs.filter(role=role) if role else qs


def ppid_main_agency_code() -> str:
    """The OPD that hosts the PPID utama (PPID_MAIN_AGENCY, default Diskominfo)."""
    return settings.PPID_MAIN_AGENCY


def ppid_pembantu_agency_ids(*, user) -> frozenset[int] | None:
    """The OPDs a PPID officer serves as PPID pembantu; None for the PPID utama.

    An officer with no OPD, or one at the host OPD, is the PPID utama and sees every
    request. Both the PPID service and the register of issued letters scope by this.
    """
    memberships = list(Membership.objects.filter(
        user=user, role=Membership.Role.PPID_OFFICER).values_list("agency_id", "agency__code"))
    if not memberships or any(code == ppid_main_agency_code() for _, code in memberships):
        return None
    return frozenset(pk for pk, _ in memberships)
