"""WhatsApp intake end to end: signed events posted to the webhook, our answers and the
photo download going to a local server that plays the Cloud API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from balai.complaints.models import Complaint, ComplaintMessage, ComplaintPhoto
from balai.complaints.tests.factories import ALUN_ALUN, jpeg_with_gps
from balai.core.models import AuditEntry
from balai.intake import conversation as conv
from balai.intake.models import ChatMessage, Conversation
from balai.intake.services import conversations_expire
from balai.intake.tests.conftest import VERIFY_TOKEN, event, sign

PHONE = "6281234567001"
pytestmark = pytest.mark.django_db


def text(body: str, wa_id: str) -> dict:
    return {"id": wa_id, "type": "text", "text": {"body": body}}


def test_the_verify_challenge_needs_the_token(client, cloud_api):
    url = "/pengaduan/masuk/whatsapp/webhook/"
    ok = client.get(url, {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
                          "hub.challenge": "1158201444"})
    assert ok.status_code == 200 and ok.content == b"1158201444"
    bad = client.get(url, {"hub.mode": "subscribe", "hub.verify_token": "salah",
                           "hub.challenge": "1158201444"})
    assert bad.status_code == 403 and b"1158201444" not in bad.content


def test_a_bad_signature_is_refused_and_nothing_is_kept(deliver, cloud_api, cats):
    payload = event(PHONE, text("Halo", "wamid.palsu"))
    assert deliver(payload, signature="sha256=" + "0" * 64).status_code == 403
    assert deliver(payload, signature=sign(b"lain")).status_code == 403
    assert not ChatMessage.objects.exists() and not cloud_api.sent


def test_a_report_by_whatsapp_from_hello_to_tracking_code(deliver, cloud_api, cats):
    cloud_api.media["MEDIA-FOTO-1"] = jpeg_with_gps().getvalue()
    steps = [
        text("Halo", "wamid.1"),
        text("2", "wamid.2"),
        {"id": "wamid.3", "type": "location", "location": {
            "latitude": ALUN_ALUN[0], "longitude": ALUN_ALUN[1],
            "name": "Alun-alun Merdeka", "address": "Jl. Merdeka Selatan, Malang"}},
        {"id": "wamid.4", "type": "image", "image": {
            "id": "MEDIA-FOTO-1", "mime_type": "image/jpeg", "sha256": "x"}},
        text("Lubang besar di depan Alun-alun, sudah dua minggu, motor sering jatuh.",
             "wamid.5"),
    ]
    for step in steps:
        assert deliver(event(PHONE, step)).status_code == 200
    conversation = Conversation.objects.get()
    assert conversation.step == conv.NAME and len(conversation.photos) == 1
    assert cloud_api.media_gets == ["/MEDIA-FOTO-1", "/unduh/MEDIA-FOTO-1"]

    last = event(PHONE, text("Siti Aminah", "wamid.6"))
    deliver(last)
    deliver(last)  # Meta delivers the same event again: one complaint

    complaint = Complaint.objects.get()
    assert complaint.channel == Complaint.Channel.WHATSAPP
    assert complaint.reporter_phone == PHONE and complaint.reporter_name == "Siti Aminah"
    assert complaint.category.code == "jalan-rusak" and complaint.agency.code == "pupr"
    assert complaint.address == "Alun-alun Merdeka, Jl. Merdeka Selatan, Malang"
    # Re-encoded by the complaints photo pipeline (the immediate task backend runs it).
    assert complaint.photos.get().state == ComplaintPhoto.State.READY
    conversation.refresh_from_db()
    assert conversation.complaint == complaint and conversation.expires_at is None

    answers = cloud_api.texts_to(PHONE)
    assert "2. Jalan rusak" in answers[0]
    assert any(complaint.code in a and "kode" in a for a in answers)
    # The complaints service's own receipt with the secret link went out too.
    assert any("?k=" in a for a in answers)
    assert ChatMessage.objects.filter(direction="in").count() == 6
    assert AuditEntry.objects.filter(action="intake.conversation_filed").count() == 1

    # Later messages become replies on the case.
    sent_before = len(cloud_api.sent)
    deliver(event(PHONE, text("Lubangnya sekarang makin lebar.", "wamid.7")))
    reply = ComplaintMessage.objects.get(complaint=complaint)
    assert reply.kind == ComplaintMessage.Kind.REPORTER_REPLY
    assert reply.text == "Lubangnya sekarang makin lebar."
    assert complaint.code in cloud_api.texts_to(PHONE)[-1]
    assert len(cloud_api.sent) == sent_before + 1
    assert cloud_api.unauthorised == 0

    # A photo sent after filing joins the report's photos, its caption a reply.
    cloud_api.media["MEDIA-FOTO-2"] = jpeg_with_gps(size=(800, 600)).getvalue()
    deliver(event(PHONE, {"id": "wamid.8", "type": "image", "image": {
        "id": "MEDIA-FOTO-2", "caption": "Foto hari ini"}}))
    photos = complaint.photos.filter(kind=ComplaintPhoto.Kind.REPORT).order_by("pk")
    assert photos.count() == 2 and photos.last().state == ComplaintPhoto.State.READY
    assert photos.last().width == 800
    assert ComplaintMessage.objects.filter(complaint=complaint).last().text == "Foto hari ini"
    assert complaint.code in cloud_api.texts_to(PHONE)[-1]
    # Without a caption, the reply says a photo came.
    deliver(event(PHONE, {"id": "wamid.9", "type": "image", "image": {"id": "MEDIA-FOTO-2"}}))
    assert complaint.photos.filter(kind=ComplaintPhoto.Kind.REPORT).count() == 3
    assert ComplaintMessage.objects.filter(complaint=complaint).last().text == "(foto)"


def test_the_staff_page_links_to_the_transcript_for_the_desk_only(
        client, deliver, cloud_api, cats, verifikator, operator_opd, verified_login):
    from balai.complaints import services

    cloud_api.media["MEDIA-FOTO-1"] = jpeg_with_gps().getvalue()
    for n, step in enumerate([
            text("Halo", "w1"), text("2", "w2"),
            {"id": "w3", "type": "location", "location": {
                "latitude": ALUN_ALUN[0], "longitude": ALUN_ALUN[1]}},
            {"id": "w4", "type": "image", "image": {"id": "MEDIA-FOTO-1"}},
            text("Lubang besar di depan Alun-alun, motor sering jatuh.", "w5"),
            text("Siti Aminah", "w6")]):
        assert deliver(event(PHONE, step)).status_code == 200, n
    complaint = Complaint.objects.get()
    conversation = Conversation.objects.get()
    link = f'href="/pengaduan/masuk/whatsapp/{conversation.pk}/"'
    verified_login(client, verifikator)
    page = client.get(f"/pengaduan/staf/{complaint.pk}/").content.decode()
    assert link in page and "Percakapan WhatsApp" in page
    assert f"Transkrip, {conversation.messages.count()} pesan" in page
    services.complaint_verify(complaint=complaint, actor=verifikator)
    verified_login(client, operator_opd)  # the agency: its case, not the transcript
    page = client.get(f"/pengaduan/staf/{complaint.pk}/")
    assert page.status_code == 200 and link not in page.content.decode()


def test_a_duplicate_delivery_answers_once(deliver, cloud_api, cats):
    payload = event(PHONE, text("Halo", "wamid.sama"))
    deliver(payload)
    deliver(payload)
    assert ChatMessage.objects.filter(direction="in").count() == 1
    assert len(cloud_api.sent) == 1


def test_a_conversation_left_half_way_expires_politely(deliver, cloud_api, cats,
                                                      django_capture_on_commit_callbacks):
    deliver(event(PHONE, text("Halo", "wamid.a")))
    deliver(event(PHONE, text("2", "wamid.b")))
    conversation = Conversation.objects.get()
    assert conversation.expires_at is not None
    assert conversations_expire(now=conversation.expires_at - timedelta(seconds=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert conversations_expire(now=conversation.expires_at) == 1
    assert conversations_expire(now=conversation.expires_at + timedelta(hours=1)) == 0
    conversation.refresh_from_db()
    assert conversation.step == conv.EXPIRED and conversation.expires_at is None
    assert "LAPOR" in cloud_api.texts_to(PHONE)[-1]
    assert not Complaint.objects.exists()
    # The next message starts a new report.
    deliver(event(PHONE, text("Halo lagi", "wamid.c")))
    assert Conversation.objects.filter(step=conv.CATEGORY).count() == 1


def test_the_photos_of_an_abandoned_conversation_are_deleted(
        deliver, cloud_api, cats, django_capture_on_commit_callbacks):
    from balai.complaints.photos import originals_storage

    cloud_api.media["MEDIA-FOTO-1"] = jpeg_with_gps().getvalue()
    for step in [text("Halo", "wamid.d1"), text("2", "wamid.d2"),
                 {"id": "wamid.d3", "type": "location", "location": {
                     "latitude": ALUN_ALUN[0], "longitude": ALUN_ALUN[1]}},
                 {"id": "wamid.d4", "type": "image", "image": {"id": "MEDIA-FOTO-1"}}]:
        deliver(event(PHONE, step))
    conversation = Conversation.objects.get()
    [stored] = [p["original"] for p in conversation.photos]
    assert originals_storage().exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        assert conversations_expire(now=conversation.expires_at) == 1
    conversation.refresh_from_db()
    assert conversation.step == conv.EXPIRED and conversation.photos == []
    assert not originals_storage().exists(stored)


def test_a_photo_that_cannot_be_fetched_is_asked_again(deliver, cloud_api, cats):
    for step in [text("Halo", "wamid.p1"), text("2", "wamid.p2"),
                 {"id": "wamid.p3", "type": "location", "location": {
                     "latitude": ALUN_ALUN[0], "longitude": ALUN_ALUN[1]}},
                 {"id": "wamid.p4", "type": "image", "image": {"id": "HILANG"}}]:
        deliver(event(PHONE, step))
    conversation = Conversation.objects.get()
    assert conversation.step == conv.PHOTO and conversation.photos == []


def test_a_location_outside_the_city_is_refused(deliver, cloud_api, cats):
    deliver(event(PHONE, text("Halo", "wamid.o1")))
    deliver(event(PHONE, text("2", "wamid.o2")))
    deliver(event(PHONE, {"id": "wamid.o3", "type": "location",
                          "location": {"latitude": -6.2, "longitude": 106.8}}))
    conversation = Conversation.objects.get()
    assert conversation.step == conv.LOCATION and conversation.lat is None


def test_a_lost_task_is_processed_by_the_sweep(cloud_api, cats):
    from balai.intake.cloudapi import messages_in
    from balai.intake.services import whatsapp_receive
    from balai.intake.tasks import whatsapp_sweep

    whatsapp_receive(messages=messages_in(event(PHONE, text("Halo", "wamid.lost"))))
    ChatMessage.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert whatsapp_sweep()["messages_recovered"] == 1
    assert ChatMessage.objects.get(wa_id="wamid.lost").processed_at is not None


def test_the_sweep_takes_up_a_lost_message_on_the_sweeps_clock(cloud_api, cats, settings):
    from balai.intake.cloudapi import messages_in
    from balai.intake.services import whatsapp_receive
    from balai.intake.tasks import whatsapp_sweep

    whatsapp_receive(messages=messages_in(event(PHONE, text("Halo", "wamid.lost"))))
    ChatMessage.objects.update(created_at=timezone.now() - timedelta(seconds=13))
    assert whatsapp_sweep()["messages_recovered"] == 0  # 2 minutes in production
    settings.PERIODIC_INTERVAL_SCALE = 0.1  # make demo-cluster: 12 s
    assert whatsapp_sweep()["messages_recovered"] == 1


def test_the_desk_reads_the_transcript_and_others_cannot(client, deliver, cloud_api, cats,
                                                         verifikator, operator_opd):
    deliver(event(PHONE, text("Halo", "wamid.t1")))
    conversation = Conversation.objects.get()
    client.force_login(verifikator)
    listing = client.get("/pengaduan/masuk/whatsapp/")
    assert listing.status_code == 200 and f"+{PHONE}" in listing.text
    page = client.get(f"/pengaduan/masuk/whatsapp/{conversation.pk}/")
    assert page.status_code == 200
    assert "Halo" in page.text and "Balas dengan nomornya" in page.text
    client.force_login(operator_opd)
    assert client.get(f"/pengaduan/masuk/whatsapp/{conversation.pk}/").status_code == 403
    assert client.get("/pengaduan/masuk/whatsapp/").status_code == 403
