"""The reporter's verdict on a forwarded case goes back to the outside body.

Both sides are this project, as in test_journey.py: the receiving balai is the
`live_server` (same test database), the sender's worker calls it over real HTTP. The
outside body closes the case; here the reporter answers "sudah beres?"; the answer travels
to the outside body's servicerequestupdates, once, and lands on its case.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from balai.agencies.models import Agency
from balai.complaints import services as complaint_services
from balai.complaints.models import Complaint, ComplaintMessage, FixedCheck
from balai.complaints.questionnaire import fixed_check_ask
from balai.complaints.tests.test_questionnaire import _token_from
from balai.core.models import AuditEntry
from balai.forwarding import services
from balai.forwarding.models import RemoteFeedback, RemoteForward
from balai.notifications.models import Outbox
from balai.open311.models import ApiClient, PartnerUpdate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def closed_there(live_server, endpoint_for, their_key, complaint_with_photo, forward,
                 verifikator, operator_opd):
    """Our case forwarded to the province's balai, answered there and so closed here."""
    def make(base_url=None):
        endpoint = endpoint_for(f"{live_server.url}/open311/v2", their_key)
        kota = Agency.objects.create(code="pemkot-malang", name="Pemerintah Kota Malang",
                                     is_external=True, level=Agency.Level.KOTA)
        ApiClient.objects.update(partner=kota)
        ours = complaint_with_photo()
        forward(ours)
        rf = RemoteForward.objects.get()
        assert services.forward_send(forward_id=rf.pk) == "sent"
        theirs = Complaint.objects.get(channel=Complaint.Channel.FORWARDED)
        theirs = complaint_services.complaint_verify(complaint=theirs, actor=verifikator)
        theirs = complaint_services.complaint_accept(complaint=theirs, actor=operator_opd)
        complaint_services.complaint_answer(complaint=theirs, text="Sudah ditambal.",
                                            actor=operator_opd)
        assert services.follow_sweep(now=timezone.now() + timedelta(hours=1)) == 1
        ours.refresh_from_db()
        assert ours.status == Complaint.Status.DITUTUP
        if base_url:
            endpoint.base_url = base_url
            endpoint.save()
        return ours, theirs
    return make


def _ask_fixed(complaint) -> str:
    """The "sudah beres?" question the questionnaire sends (its link from the e-mail)."""
    with transaction.atomic():
        check = fixed_check_ask(complaint=complaint, round=FixedCheck.Round.LATER)
    return _token_from(Outbox.objects.get(
        dedupe_key=f"complaint:{complaint.pk}:fixed:{check.pk}:email"))


def test_the_reporters_not_fixed_answer_reopens_the_case_there_once(
        closed_there, client, verifikator):
    ours, theirs = closed_there()
    token = _ask_fixed(ours)
    response = client.post(f"/pengaduan/beres/{token}/",
                           {"answer": "belum", "note": "Lubangnya muncul lagi."})
    assert response.status_code == 302
    feedback = RemoteFeedback.objects.get()
    assert (feedback.fixed, feedback.status) == (False, "pending")

    assert services.feedback_send(feedback_id=feedback.pk) == "sent"
    theirs.refresh_from_db()
    assert theirs.status == Complaint.Status.DIPROSES  # reopened to their agency
    assert ComplaintMessage.objects.filter(
        complaint=theirs, is_public=True,
        text="Pemerintah Kota Malang: Lubangnya muncul lagi.").count() == 1
    feedback.refresh_from_db()
    assert feedback.remote_update_id == str(PartnerUpdate.objects.get().pk)
    # Ours went back to them ("diteruskan") and is followed again until they close it again.
    ours.refresh_from_db()
    assert ours.status == Complaint.Status.DITERUSKAN
    assert RemoteForward.objects.get().status == RemoteForward.Status.SENT
    assert services.follow_sweep(now=timezone.now() + timedelta(hours=1)) == 1
    ours.refresh_from_db()
    assert ours.status == Complaint.Status.DITERUSKAN  # still open there

    # A retry (the answer lost after a timeout) is the same update there: nothing twice.
    RemoteFeedback.objects.filter(pk=feedback.pk).update(status="pending",
                                                         next_attempt_at=timezone.now())
    assert services.feedback_send(feedback_id=feedback.pk) == "sent"
    assert PartnerUpdate.objects.count() == 1
    assert AuditEntry.objects.filter(action="complaints.reopened",
                                     object_id=str(theirs.pk)).count() == 1
    client.force_login(verifikator)
    page = client.get(f"/pengaduan/staf/{ours.pk}/").content.decode()
    assert "sudah beres?" in page and "Terkirim" in page


def test_remote_down_the_answer_waits_with_backoff_then_arrives(
        closed_there, client, closed_port):
    ours, theirs = closed_there()
    endpoint = RemoteForward.objects.get().endpoint
    good_url = endpoint.base_url
    endpoint.base_url = f"http://127.0.0.1:{closed_port}/open311/v2"
    endpoint.save()
    token = _ask_fixed(ours)
    client.post(f"/pengaduan/beres/{token}/", {"answer": "sudah"})
    feedback = RemoteFeedback.objects.get()
    now = timezone.now()
    assert services.feedback_send(feedback_id=feedback.pk, now=now) == "pending"
    feedback.refresh_from_db()
    assert "connection failed" in feedback.last_error
    assert feedback.next_attempt_at == now + timedelta(minutes=1)
    assert services.feedback_sweep(now=now + timedelta(seconds=30)) == 0
    endpoint.base_url = good_url
    endpoint.save()
    assert services.feedback_sweep(now=now + timedelta(minutes=1)) == 1
    feedback.refresh_from_db()
    assert feedback.status == "sent" and feedback.last_error == ""
    update = PartnerUpdate.objects.get()
    assert (update.complaint, update.fixed) == (theirs, True)
    theirs.refresh_from_db()
    assert theirs.status == Complaint.Status.SELESAI  # "sudah": kept, the window closes it


def test_a_case_never_forwarded_sends_nothing(cats, complaint_with_photo, verifikator,
                                              operator_opd):
    c = complaint_with_photo()
    c = complaint_services.complaint_verify(complaint=c, actor=verifikator)
    c = complaint_services.complaint_accept(complaint=c, actor=operator_opd)
    c = complaint_services.complaint_answer(complaint=c, text="Beres.", actor=operator_opd)
    complaint_services.complaint_rate(complaint=c, rating=5)
    assert not RemoteFeedback.objects.exists()
