"""The optional second check (issue 20): in a category with a checking unit, the agency's
answer reaches the reporter only once that unit has passed it; a failed check sends the
case back to the agency with the unit's note."""

import pytest
from django.urls import reverse

from balai.accounts.models import Role
from balai.agencies.models import Agency, Membership
from balai.complaints import services
from balai.complaints.models import Complaint
from balai.complaints.tests import factories
from balai.core.models import AuditEntry
from balai.notifications.models import Outbox as Notification
from conftest import make_user

pytestmark = pytest.mark.django_db
S = Complaint.Status


def checking_unit(cats):
    """Inspektorat checks the answers about roads: its operator."""
    unit = Agency.objects.create(code="inspektorat", name="Inspektorat Kota Malang",
                                 short_name="Inspektorat", level=Agency.Level.KOTA)
    cats["jalan"].checker = unit
    cats["jalan"].save()
    user = make_user("pemeriksa@example.id", Role.OPERATOR_OPD)
    Membership.objects.create(user=user, agency=unit, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def inspector(cats):
    return checking_unit(cats)


def in_progress(cats, verifikator, operator):
    complaint, _ = services.complaint_submit(submission=factories.submission(cats["jalan"]))
    complaint = services.complaint_verify(complaint=complaint, actor=verifikator,
                                          agency=Agency.objects.get(code="pupr"))
    return services.complaint_accept(complaint=complaint, actor=operator)


def act(client, complaint, action, **data):
    return client.post(reverse("complaints:staff_action", args=[complaint.pk, action]),
                       {f"{action}-{k}": v for k, v in data.items()}, follow=True)


def test_the_answer_waits_unseen_until_the_checking_unit_passes_it(
        client, cats, verifikator, operator_opd, inspector):
    complaint = in_progress(cats, verifikator, operator_opd)
    client.force_login(operator_opd)
    page = act(client, complaint, "answer", text="Lubang sudah ditambal aspal dingin.")
    assert "dikirim untuk diperiksa" in page.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == S.DIPROSES and complaint.check_requested_at is not None
    assert complaint.pending_answer == "Lubang sudah ditambal aspal dingin."
    assert not complaint.answer and complaint.answered_at is None
    public = client.get(reverse("complaints:track_detail", args=[complaint.code]))
    assert "aspal dingin" not in public.content.decode()
    # The checking unit is told, and finds the case though another agency handles it.
    assert Notification.objects.filter(recipient="pemeriksa@example.id").exists()
    client.force_login(inspector)
    detail = client.get(reverse("complaints:staff_detail", args=[complaint.pk])).content.decode()
    assert 'id="pending-answer"' in detail and "aspal dingin" in detail
    assert "siti@example.id" not in detail  # the checker reads the answer, not who reported
    assert 'id="action-check_pass"' in detail and 'id="action-answer"' not in detail

    act(client, complaint, "check_pass", text="")
    complaint.refresh_from_db()
    assert complaint.status == S.SELESAI and complaint.check_requested_at is None
    assert complaint.answer == "Lubang sudah ditambal aspal dingin."
    assert complaint.answered_at is not None and complaint.autoclose_due is not None
    assert "aspal dingin" in client.get(
        reverse("complaints:track_detail", args=[complaint.code])).content.decode()
    assert Notification.objects.filter(recipient="siti@example.id",
                                       dedupe_key__contains=":answered:").exists()
    actions = list(AuditEntry.objects.filter(object_id=str(complaint.pk))
                   .values_list("action", flat=True).order_by("pk"))
    assert actions[-3:] == ["complaints.submitted_for_check", "complaints.check_passed",
                            "complaints.answered"]


def test_a_failed_check_sends_the_case_back_with_the_note_and_a_note_is_required(
        client, cats, verifikator, operator_opd, inspector):
    complaint = in_progress(cats, verifikator, operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah ditangani.", actor=operator_opd)
    client.force_login(inspector)
    refused = act(client, complaint, "check_fail", text="  ")
    assert refused.status_code == 400
    assert "Sebutkan apa yang harus diperbaiki" in refused.content.decode()
    act(client, complaint, "check_fail", text="Tidak ada foto bukti penambalan.")
    complaint.refresh_from_db()
    assert complaint.status == S.DIPROSES and complaint.check_requested_at is None
    assert Notification.objects.filter(recipient="operator.pupr@example.id",
                                       dedupe_key__contains=":check_failed:").exists()
    # The agency answers again, and the answer waits for the check again.
    client.force_login(operator_opd)
    act(client, complaint, "answer", text="Sudah ditambal, foto terlampir.")
    complaint.refresh_from_db()
    assert complaint.check_requested_at is not None and complaint.status == S.DIPROSES


def test_nobody_else_checks_and_the_agency_waits_while_its_answer_is_checked(
        client, cats, verifikator, operator_opd, operator_other_opd, inspector):
    complaint = in_progress(cats, verifikator, operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah ditangani.", actor=operator_opd)
    client.force_login(operator_opd)  # the agency cannot pass its own answer, nor answer again
    for action in ("check_pass", "answer", "return"):
        response = client.post(reverse("complaints:staff_action", args=[complaint.pk, action]),
                               {f"{action}-text": "x"})
        assert response.status_code == 403, action
    client.force_login(operator_other_opd)  # another agency does not even see it
    assert client.get(reverse("complaints:staff_detail",
                              args=[complaint.pk])).status_code == 404
    client.force_login(inspector)  # the checker cannot answer in the agency's place
    assert client.post(reverse("complaints:staff_action", args=[complaint.pk, "answer"]),
                       {"answer-text": "x"}).status_code == 403
    with pytest.raises(Exception, match="Inspektorat"):
        services.complaint_check(complaint=complaint, passed=True, actor=operator_opd)
    complaint.refresh_from_db()
    assert complaint.status == S.DIPROSES and complaint.check_requested_at is not None


def test_without_a_checking_unit_the_answer_goes_straight_to_the_reporter(
        cats, verifikator, operator_opd):
    complaint = in_progress(cats, verifikator, operator_opd)
    complaint = services.complaint_answer(complaint=complaint, text="Sudah.", actor=operator_opd)
    assert complaint.status == S.SELESAI and complaint.answer == "Sudah."


def test_a_unit_does_not_check_its_own_answer(cats, verifikator, operator_opd):
    cats["jalan"].checker = Agency.objects.get(code="pupr")  # the agency in charge itself
    cats["jalan"].save()
    complaint = in_progress(cats, verifikator, operator_opd)
    complaint = services.complaint_answer(complaint=complaint, text="Sudah.", actor=operator_opd)
    assert complaint.status == S.SELESAI and complaint.check_requested_at is None
