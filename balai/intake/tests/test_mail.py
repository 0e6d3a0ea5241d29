"""E-mail intake: real MIME messages through the MTA hook become drafts; the front office
completes or discards them."""

import io
import sys
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core.management import call_command
from PIL import Image

from balai.complaints.models import Complaint, ComplaintPhoto
from balai.complaints.tests.factories import ALUN_ALUN, jpeg_with_gps
from balai.core.models import AuditEntry
from balai.intake.models import MailDraft
from balai.notifications.models import Outbox

pytestmark = pytest.mark.django_db


def png(colour=(20, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(out, "PNG")
    return out.getvalue()


def complaint_mail(*, photos=2, sender="Budi Santoso <budi@example.id>", **headers) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "aduan@malangkota.go.id"
    msg["Subject"] = "Lampu jalan mati di Jl. Merdeka"
    msg["Message-ID"] = headers.pop("message_id", make_msgid(domain="example.id"))
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content("Selamat siang,\n\nLampu jalan di depan Alun-alun mati sejak tiga malam.\n"
                    "Mohon diperbaiki.\n\nBudi")
    msg.add_alternative("<p>Selamat siang,</p><p>Lampu jalan di depan Alun-alun mati sejak "
                        "tiga malam.<br>Mohon diperbaiki.</p><p>Budi</p>", subtype="html")
    if photos >= 1:
        msg.add_attachment(jpeg_with_gps(*ALUN_ALUN).getvalue(), maintype="image",
                           subtype="jpeg", filename="IMG_2041.jpg")
    if photos >= 2:
        msg.add_attachment(png(), maintype="image", subtype="png", filename="lampu.png")
    msg.add_attachment(b"%PDF-1.4 surat", maintype="application", subtype="pdf",
                       filename="surat.pdf")
    return msg.as_bytes()


def mta(raw: bytes, monkeypatch) -> str:
    """Pipe the message into `balai complaints_mail` as the MTA does."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    call_command("complaints_mail", stdout=out)
    return out.getvalue()


def test_an_email_with_two_photos_becomes_a_draft_with_two_photos(monkeypatch, cats):
    assert "2 photo(s)" in mta(complaint_mail(), monkeypatch)
    draft = MailDraft.objects.get()
    assert draft.state == MailDraft.State.DRAFT
    assert draft.sender_email == "budi@example.id" and draft.sender_name == "Budi Santoso"
    assert draft.subject == "Lampu jalan mati di Jl. Merdeka"
    assert "mati sejak tiga malam" in draft.body and "<p>" not in draft.body
    assert "surat.pdf" in draft.body  # said, not silently lost
    photos = list(draft.photos.all())
    assert [p.name for p in photos] == ["IMG_2041.jpg", "lampu.png"]
    for photo in photos:
        with photo.image.open("rb") as f:
            img = Image.open(f)
            assert img.format == "JPEG" and not img.getexif()  # re-encoded, no metadata
        assert photo.image.storage.base_url is None  # private: no URL
    # The photo's GPS was read before it was stripped: the pin offered first.
    assert (round(draft.lat, 3), round(draft.lng, 3)) == (round(ALUN_ALUN[0], 3),
                                                          round(ALUN_ALUN[1], 3))
    assert AuditEntry.objects.filter(action="intake.mail_received").count() == 1


def test_the_same_message_twice_is_one_draft_and_auto_replies_are_dropped(monkeypatch, cats):
    raw = complaint_mail(message_id="<sama@example.id>")
    mta(raw, monkeypatch)
    mta(raw, monkeypatch)
    assert "dropped" in mta(complaint_mail(Auto_Submitted="auto-replied"), monkeypatch)
    assert MailDraft.objects.count() == 1


def test_a_message_without_a_sender_is_bounced(monkeypatch, cats):
    with pytest.raises(SystemExit) as exit_:
        mta(complaint_mail(sender="tanpa alamat"), monkeypatch)
    assert exit_.value.code == 65
    assert not MailDraft.objects.exists()


def test_the_front_office_completes_a_draft_into_a_complaint(client, monkeypatch, cats,
                                                             verifikator,
                                                             django_capture_on_commit_callbacks):
    mta(complaint_mail(), monkeypatch)
    draft = MailDraft.objects.get()
    client.force_login(verifikator)
    queue = client.get("/pengaduan/masuk/email/")
    assert queue.status_code == 200 and "Lampu jalan mati" in queue.text
    page = client.get(f"/pengaduan/masuk/email/{draft.pk}/")
    assert 'value="budi@example.id"' in page.text
    photo = draft.photos.first()
    assert client.get(f"/pengaduan/masuk/email/foto/{photo.pk}/thumb/").status_code == 200

    data = {"category": cats["jalan"].pk, "lat": "", "lng": "", "title": "Lampu jalan mati",
            "description": draft.body, "reporter_name": "Budi Santoso",
            "reporter_email": "budi@example.id"}
    refused = client.post(f"/pengaduan/masuk/email/{draft.pk}/", data)
    assert refused.status_code == 200 and "Letakkan pin" in refused.text
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/pengaduan/masuk/email/{draft.pk}/",
                           {**data, "lat": ALUN_ALUN[0], "lng": ALUN_ALUN[1]})
    complaint = Complaint.objects.get()
    assert done.status_code == 302 and done["Location"].endswith(f"/{complaint.pk}/")
    assert complaint.channel == Complaint.Channel.EMAIL and complaint.intake_by == verifikator
    assert complaint.photos.filter(state=ComplaintPhoto.State.READY).count() == 2
    draft.refresh_from_db()
    assert draft.state == MailDraft.State.COMPLETED and draft.complaint == complaint
    assert Outbox.objects.filter(recipient="budi@example.id", channel="email").exists()
    # Handled once: a second post files nothing more.
    client.post(f"/pengaduan/masuk/email/{draft.pk}/",
                {**data, "lat": ALUN_ALUN[0], "lng": ALUN_ALUN[1]})
    assert Complaint.objects.count() == 1
    assert "Lampu jalan mati" not in client.get("/pengaduan/masuk/email/").text


def test_discarding_needs_a_reason(client, monkeypatch, cats, verifikator):
    mta(complaint_mail(), monkeypatch)
    draft = MailDraft.objects.get()
    client.force_login(verifikator)
    url = f"/pengaduan/masuk/email/{draft.pk}/"
    assert client.post(url, {"discard": "1", "reason": ""}).status_code == 200
    assert client.post(url, {"discard": "1", "reason": "Iklan"}).status_code == 302
    draft.refresh_from_db()
    assert draft.state == MailDraft.State.DISCARDED and draft.discard_reason == "Iklan"
    assert AuditEntry.objects.filter(action="intake.mail_discarded").count() == 1


def test_other_roles_cannot_open_the_queue(client, monkeypatch, cats, operator_opd, warga):
    mta(complaint_mail(), monkeypatch)
    draft = MailDraft.objects.get()
    photo = draft.photos.first()
    for user in (operator_opd, warga):
        client.force_login(user)
        for url in ("/pengaduan/masuk/email/", f"/pengaduan/masuk/email/{draft.pk}/",
                    f"/pengaduan/masuk/email/foto/{photo.pk}/full/"):
            assert client.get(url).status_code == 403
    client.logout()
    assert client.get("/pengaduan/masuk/email/").status_code == 302


def test_the_queue_lists_in_few_queries(client, monkeypatch, cats, verifikator,
                                        django_assert_max_num_queries):
    for n in range(3):
        mta(complaint_mail(message_id=f"<m{n}@example.id>"), monkeypatch)
    client.force_login(verifikator)
    with django_assert_max_num_queries(8):
        assert client.get("/pengaduan/masuk/email/").status_code == 200
