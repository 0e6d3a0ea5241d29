from balai.agencies.models import Membership
from balai.agencies.selectors import agencies_for_user, agency_members
from balai.agencies.services import membership_grant, membership_revoke
from balai.core.audit import audit_trail


def test_granting_a_role_twice_keeps_one_membership_and_one_audit_entry(
        db, verifikator, agency_pupr, admin):
    first = membership_grant(user=verifikator, agency=agency_pupr,
                             role=Membership.Role.OPERATOR, actor=admin)
    second = membership_grant(user=verifikator, agency=agency_pupr,
                              role=Membership.Role.OPERATOR, actor=admin)
    assert first == second
    entries = list(audit_trail(first))
    assert [(e.action, e.actor) for e in entries] == [("agencies.membership_granted", admin)]


def test_an_operator_works_only_in_their_own_agency(operator_opd, operator_other_opd,
                                                    agency_pupr, agency_dlh):
    assert list(agencies_for_user(user=operator_opd)) == [agency_pupr]
    assert list(agencies_for_user(user=operator_other_opd)) == [agency_dlh]


def test_revoking_a_membership_removes_the_agency_from_the_desk(db, operator_opd, agency_pupr,
                                                                 admin):
    membership = Membership.objects.get(user=operator_opd)
    membership_revoke(membership=membership, actor=admin)
    assert not agencies_for_user(user=operator_opd).exists()
    assert not agency_members(agency=agency_pupr).exists()
