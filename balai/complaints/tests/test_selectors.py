"""ComplaintScope: one object says what a user sees of complaints and may do."""

import pytest
from django.http import Http404

from balai.accounts.models import Role
from balai.complaints import services
from balai.complaints.selectors import complaint_scope
from balai.complaints.tests.test_services import submit
from conftest import make_user


def _actions(case) -> list[str]:
    return [t.action for t in case.actions]


def test_the_desk_sees_a_new_case_with_its_reporter_and_the_desk_s_actions(cats, verifikator):
    complaint, _ = submit(cats, reporter_name="Siti Aminah")
    case = complaint_scope(verifikator).case(complaint.pk)
    assert case.sees_reporter
    assert _actions(case) == ["verify", "correct", "archive", "duplicate", "forward",
                              "confidentiality"]


def test_the_agency_sees_a_case_only_once_disposed_and_never_an_anonim_reporter(
        cats, verifikator, operator_opd, operator_other_opd):
    complaint, _ = submit(cats, is_anonymous=True, reporter_name="")
    with pytest.raises(Http404):
        complaint_scope(operator_opd).case(complaint.pk)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    case = complaint_scope(operator_opd).case(complaint.pk)
    assert not case.sees_reporter
    assert _actions(case) == ["accept", "request_info", "return"]
    with pytest.raises(Http404):
        complaint_scope(operator_other_opd).case(complaint.pk)


def test_the_head_of_office_and_the_112_desk_read_every_case_but_take_no_action(
        cats, kepala_dinas):
    petugas_112 = make_user("112@example.id", Role.PETUGAS_112)
    complaint, _ = submit(cats)
    head, desk_112 = complaint_scope(kepala_dinas), complaint_scope(petugas_112)
    assert head.case(complaint.pk).actions == [] == desk_112.case(complaint.pk).actions
    # Reporter identity is for those who handle the case (UU 27/2022), not for the head.
    assert not head.sees_reporter(complaint) and desk_112.sees_reporter(complaint)
    assert desk_112.can_intake and not head.can_intake


def test_the_rapid_response_team_sees_an_urgent_case_from_arrival_but_acts_on_none(cats):
    team = make_user("trc@example.id", Role.TIM_REAKSI_CEPAT)
    urgent, _ = submit(cats, key="banjir")
    scope = complaint_scope(team)
    assert scope.case(urgent.pk).actions == []
    assert scope.is_staff and not scope.may("accept") and not scope.may("verify")


def test_a_citizen_has_no_staff_scope(warga):
    scope = complaint_scope(warga)
    assert not scope.is_staff and not scope.complaints().exists() and scope.sides == set()
