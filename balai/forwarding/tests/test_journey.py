"""Forwarding between two balai installations over Open311.

The receiving side is this same project served by pytest-django's `live_server` (its
Open311 server, over real HTTP on a local port): the sender's worker calls it exactly as
it would call the province's balai. Both sides share one test database (two live Django
servers with separate databases in one test process are not practical with pytest-django),
so the "province" case is the complaint that arrives on channel open311, in a service code
only the mapping knows.
"""

import urllib.request
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from balai.agencies.models import Agency
from balai.complaints import services as complaint_services
from balai.complaints.models import Complaint, ComplaintMessage
from balai.core.models import AuditEntry
from balai.forwarding import services
from balai.forwarding.models import RemoteForward
from balai.open311.models import ApiClient

pytestmark = pytest.mark.django_db(transaction=True)


def _send(now=None):
    forward = RemoteForward.objects.get()
    return services.forward_send(forward_id=forward.pk, now=now), RemoteForward.objects.get()


def test_forward_travels_is_answered_there_and_closes_here(
        live_server, endpoint_for, their_key, complaint_with_photo, forward, client,
        verifikator, operator_opd, their_category):
    endpoint_for(f"{live_server.url}/open311/v2", their_key)
    # At the province, the key is the partner kota's: its requests are marked as forwarded.
    kota = Agency.objects.create(code="pemkot-malang", name="Pemerintah Kota Malang",
                                 is_external=True, level=Agency.Level.KOTA)
    ApiClient.objects.update(partner=kota)
    ours = complaint_with_photo(is_anonymous=False, share_identity=False)
    forward(ours)

    status, rf = _send()
    assert status == "sent", rf.last_error
    theirs = Complaint.objects.get(channel=Complaint.Channel.FORWARDED)
    client.force_login(verifikator)
    assert "Diteruskan oleh instalasi mitra: Pemerintah Kota Malang" in client.get(
        f"/pengaduan/staf/{theirs.pk}/").content.decode()
    client.logout()
    # The category is mapped; identity stays home (the reporter did not agree).
    assert theirs.category.code == "JLN-PROV"
    assert (theirs.reporter_name, theirs.reporter_email, theirs.reporter_phone) == \
        ("", "desk@kota.example", "")
    assert rf.remote_id == theirs.code and not rf.identity_sent
    assert ours.code in theirs.description
    # The photo travels as a signed link the receiving side can fetch.
    media_url = theirs.open311_submission.media_url
    assert "/teruskan/foto/" in media_url
    link = live_server.url + media_url[media_url.index("/teruskan/"):]
    with urllib.request.urlopen(link) as response:  # noqa: S310 (our live server)
        body = response.read()
    photo = ours.photos.get()
    with photo.private_image.open("rb") as f:
        assert body == f.read()

    ours.refresh_from_db()
    assert ours.external_reference == theirs.code
    page = client.get(f"/pengaduan/lacak/{ours.code}/").content.decode()
    assert "Diteruskan ke Dinas PU Bina Marga Jatim" in page
    assert f"nomor mereka {theirs.code}" in page

    # There: verified, taken into work and answered (Open311 "closed" with the answer).
    theirs = complaint_services.complaint_verify(complaint=theirs, actor=verifikator)
    theirs = complaint_services.complaint_accept(complaint=theirs, actor=operator_opd)
    complaint_services.complaint_answer(complaint=theirs, text="Lubang sudah ditambal aspal.",
                                        actor=operator_opd)

    later = timezone.now() + timedelta(hours=1)
    assert services.follow_sweep(now=later) == 1
    ours.refresh_from_db()
    assert ours.status == Complaint.Status.DITUTUP
    assert ours.answer == "Lubang sudah ditambal aspal."
    notes = list(ComplaintMessage.objects.filter(
        complaint=ours, kind=ComplaintMessage.Kind.REMOTE_NOTE).values_list("text", flat=True))
    assert len(notes) == 3  # verified, in progress, answered: each named with its source
    assert all(n.startswith("Dinas PU Bina Marga Jatim") for n in notes)
    rf.refresh_from_db()
    assert rf.status == "closed" and rf.next_check_at is None
    page = client.get(f"/pengaduan/lacak/{ours.code}/").content.decode()
    assert "Lubang sudah ditambal aspal." in page
    assert "Ditutup oleh instansi tujuan" in page or "Closed by the outside body" in page

    # Read again: nothing is mirrored twice.
    assert services.follow_sweep(now=later + timedelta(hours=1)) == 0
    assert ComplaintMessage.objects.filter(complaint=ours,
                                           kind=ComplaintMessage.Kind.REMOTE_NOTE).count() == 3


def test_identity_goes_only_with_consent_and_never_when_anonymous(
        live_server, endpoint_for, their_key, complaint_with_photo, forward):
    endpoint_for(f"{live_server.url}/open311/v2", their_key)
    forward(complaint_with_photo(share_identity=True, is_anonymous=True, title="Anonim saja"))
    status, rf = _send()
    assert status == "sent"
    theirs = Complaint.objects.get(channel=Complaint.Channel.OPEN311)
    assert (theirs.reporter_name, theirs.reporter_email, theirs.reporter_phone) == \
        ("", "desk@kota.example", "")
    assert "Siti" not in theirs.description
    assert not rf.identity_sent


def test_identity_sent_when_the_reporter_agreed(
        live_server, endpoint_for, their_key, complaint_with_photo, forward):
    endpoint_for(f"{live_server.url}/open311/v2", their_key)
    forward(complaint_with_photo(share_identity=True, is_anonymous=False))
    status, rf = _send()
    assert status == "sent" and rf.identity_sent
    theirs = Complaint.objects.get(channel=Complaint.Channel.OPEN311)
    assert (theirs.reporter_name, theirs.reporter_email) == ("Siti", "siti@example.id")


def test_remote_down_then_back_loses_nothing(
        live_server, endpoint_for, their_key, complaint_with_photo, forward, closed_port,
        client, verifikator):
    endpoint = endpoint_for(f"http://127.0.0.1:{closed_port}/open311/v2", their_key)
    ours = complaint_with_photo()
    forward(ours)
    now = timezone.now()
    status, rf = _send(now)
    assert status == "pending" and rf.attempts == 1
    assert "connection failed" in rf.last_error
    assert rf.next_attempt_at == now + timedelta(minutes=1)
    # Not due yet: the sweep leaves it.
    assert services.send_sweep(now=now + timedelta(seconds=30)) == 0
    assert services.send_sweep(now=now + timedelta(minutes=1)) == 1
    rf.refresh_from_db()
    assert rf.attempts == 2 and rf.next_attempt_at == now + timedelta(minutes=3)

    # The desk sees why on the case and on the forwarding page.
    client.force_login(verifikator)
    page = client.get(f"/pengaduan/staf/{ours.pk}/").content.decode()
    assert "connection failed" in page
    assert "connection failed" in client.get("/teruskan/").content.decode()

    endpoint.base_url = f"{live_server.url}/open311/v2"  # the province is back
    endpoint.save()
    assert services.send_sweep(now=now + timedelta(minutes=3)) == 1
    rf.refresh_from_db()
    assert rf.status == "sent" and rf.last_error == ""
    assert Complaint.objects.filter(channel=Complaint.Channel.OPEN311).count() == 1


def test_refused_key_and_missing_mapping_stay_pending_with_the_reason(
        live_server, endpoint_for, their_key, complaint_with_photo, forward, settings):
    endpoint = endpoint_for(f"{live_server.url}/open311/v2", "not-their-key")
    forward(complaint_with_photo())
    now = timezone.now()
    status, rf = _send(now)
    assert status == "pending" and "HTTP 403" in rf.last_error
    assert "not-their-key" not in rf.last_error

    endpoint.api_key_encrypted = ""
    services.endpoint_save(agency=endpoint.agency, base_url=endpoint.base_url, api_key=their_key,
                           service_map={}, actor=None)
    services.send_sweep(now=now + timedelta(minutes=1))
    rf.refresh_from_db()
    assert rf.status == "pending" and "JLN-PROV" not in rf.last_error
    assert "jalan-rusak" in rf.last_error  # says which category lacks a code
    assert not Complaint.objects.filter(channel=Complaint.Channel.OPEN311).exists()

    settings.FORWARDING_MAX_ATTEMPTS = 3
    services.send_sweep(now=now + timedelta(minutes=10))
    rf.refresh_from_db()
    assert rf.status == "failed" and rf.next_attempt_at is None
    # Fixed by the admin, sent again by the desk.
    services.endpoint_save(agency=endpoint.agency, base_url=endpoint.base_url,
                           service_map={"jalan-rusak": "JLN-PROV"}, actor=None)
    services.forward_retry(forward=rf, actor=None)
    assert services.send_sweep(now=timezone.now() + timedelta(seconds=1)) == 1
    rf.refresh_from_db()
    assert rf.status == "sent"


def test_a_confidential_case_is_never_sent_and_the_desk_is_told_why(
        live_server, endpoint_for, their_key, complaint_with_photo, forward):
    """Open311 has no private flag: the province's balai would publish a rahasia report
    once verified, so it is held back, at once and for good, with the reason on the desk."""
    endpoint_for(f"{live_server.url}/open311/v2", their_key)
    complaint = complaint_with_photo()
    Complaint.objects.filter(pk=complaint.pk).update(is_confidential=True)
    forward(Complaint.objects.get(pk=complaint.pk))
    status, rf = _send(timezone.now())
    assert status == "failed" and rf.next_attempt_at is None
    assert "rahasia" in rf.last_error
    assert Complaint.objects.count() == 1  # nothing arrived on the other side
    assert AuditEntry.objects.filter(action="forwarding.withheld",
                                     object_id=str(complaint.pk)).exists()
    with pytest.raises(ValidationError, match="rahasia"):
        services.forward_retry(forward=rf, actor=None)
    assert services.send_sweep(now=timezone.now() + timedelta(days=1)) == 0
    assert Complaint.objects.count() == 1


def test_photo_link_refused_after_expiry(
        live_server, endpoint_for, their_key, complaint_with_photo, forward, client, settings):
    endpoint_for(f"{live_server.url}/open311/v2", their_key)
    ours = complaint_with_photo()
    forward(ours)
    link = services.photo_link(ours.photos.get())
    path = link[link.index("/teruskan/"):]
    assert client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(
            hours=settings.FORWARDING_PHOTO_LINK_HOURS, minutes=1)):
        response = client.get(path)
    assert response.status_code == 410
    assert client.get(path[:-3] + "xyz/").status_code == 404


def test_test_connection_lists_their_services(live_server, endpoint_for, client, admin):
    endpoint = endpoint_for(f"{live_server.url}/open311/v2",
                            mapping={"jalan-rusak": "JLN-PROV", "sampah": "TIDAK-ADA"})
    client.force_login(admin)
    response = client.post(f"/teruskan/instansi/{endpoint.agency_id}/uji/", follow=True)
    endpoint.refresh_from_db()
    assert endpoint.check_ok is False
    assert "TIDAK-ADA" in endpoint.check_result
    assert "TIDAK-ADA" in response.content.decode()
