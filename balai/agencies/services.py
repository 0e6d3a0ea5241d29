from django.db import transaction

from balai.agencies.models import Agency, Membership
from balai.core.audit import log_action


@transaction.atomic
def membership_grant(*, user, agency: Agency, role: str, actor=None) -> Membership:
    """Give `user` a role in `agency` (idempotent); audited."""
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        log_action(membership, "agencies.membership_granted", actor=actor,
                   data={"user": user.pk, "agency": agency.code, "role": role})
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor=None) -> None:
    """Remove a staff member's role in an agency; audited before the row goes."""
    log_action(membership, "agencies.membership_revoked", actor=actor,
               data={"user": membership.user_id, "agency": membership.agency.code,
                     "role": membership.role})
    membership.delete()
