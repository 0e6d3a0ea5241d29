from django.db.models import QuerySet

from balai.agencies.models import Agency, Membership


def agencies_for_user(*, user) -> QuerySet[Agency]:
    """The agencies whose queues `user` works in."""
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user).distinct()


def agency_members(*, agency: Agency, role: str | None = None) -> QuerySet[Membership]:
    qs = Membership.objects.filter(agency=agency, user__is_active=True).select_related("user")
    return qs.filter(role=role) if role else qs
