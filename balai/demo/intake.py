"""Demo WhatsApp and e-mail intake: three WhatsApp conversations replayed through the real
conversation (two filed, one left half-way and closed by the sweep) and two e-mails
waiting for the front office, one with two photos.

The messages go through the same services as the webhook and the MTA hook, each dated
in the story; the answers they queue are never sent (the demo's outbox rows are removed).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from email.message import EmailMessage

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from balai.complaints.models import Complaint, ComplaintMessage, ComplaintPhoto
from balai.complaints.photos import photo_process
from balai.core.calendar import get_work_calendar
from balai.demo.complaints import _photo
from balai.demo.history import at, happened_at, workdays_ago
from balai.intake.cloudapi import InboundMessage
from balai.intake.models import ChatMessage, Conversation, MailDraft
from balai.intake.services import (
    categories_offered,
    conversations_expire,
    mail_receive,
    whatsapp_process,
    whatsapp_receive,
)
from balai.notifications.models import Outbox

ALUN_ALUN = (-7.9826, 112.6308)
PASAR_BESAR = (-7.9868, 112.6310)
IJEN = (-7.9725, 112.6215)


def _category(code: str) -> str:
    """The number the citizen types for a category in the menu they were sent."""
    codes = [c.code for c in categories_offered()]
    return str(codes.index(code) + 1) if code in codes else "1"


def _photo_bytes(media_id: str) -> bytes:
    return _photo(random.Random(media_id)).getvalue()


def _say(phone: str, name: str, moment: datetime, n: int, kind: str, **fields) -> datetime:
    """One message from the citizen at `moment`, processed as the worker would."""
    message = InboundMessage(wa_id=f"wamid.demo.{phone}.{n}", phone=phone, profile_name=name,
                             kind=kind, timestamp=int(moment.timestamp()), **fields)
    with happened_at(moment, ChatMessage, Conversation, Complaint, ComplaintMessage):
        for pk in whatsapp_receive(messages=[message], now=moment, queue=False):
            whatsapp_process(message_pk=pk, now=moment, fetch=_photo_bytes)
    return moment + timedelta(minutes=1, seconds=20)


def _conversation(phone: str, name: str, start: datetime, steps: list[tuple]) -> None:
    moment = start
    for n, (kind, fields) in enumerate(steps, start=1):
        moment = _say(phone, name, moment, n, kind, **fields)


def _location(lat_lng, place: str) -> tuple:
    return ("location", {"lat": lat_lng[0], "lng": lat_lng[1], "place": place})


def load_conversations() -> int:
    if Conversation.objects.exists():
        return 0
    calendar = get_work_calendar()
    today = timezone.localdate()
    filed = at(workdays_ago(1, today=today, calendar=calendar), 9, 12)
    _conversation("6281230000101", "Siti Rahayu", filed, [
        ("text", {"text": "Halo, saya mau lapor"}),
        ("text", {"text": _category("jalan-rusak")}),
        _location(ALUN_ALUN, "Alun-alun Merdeka, Jl. Merdeka Selatan"),
        ("image", {"media_id": "demo-foto-siti"}),
        ("text", {"text": "Lubang besar di jalan depan Alun-alun sisi selatan, sudah dua "
                          "minggu. Motor sering terperosok kalau malam."}),
        ("text", {"text": "Siti Rahayu"}),
    ])
    _say("6281230000101", "Siti Rahayu", filed + timedelta(hours=3), 7, "text",
         text="Tambahan: lubangnya sekarang ditandai warga dengan ban bekas.")

    anonymous = at(workdays_ago(1, today=today, calendar=calendar), 19, 40)
    _conversation("6281230000102", "Agus", anonymous, [
        ("text", {"text": "Lapor"}),
        ("text", {"text": _category("sampah")}),
        _location(PASAR_BESAR, "Pasar Besar Malang"),
        ("text", {"text": "lewati"}),
        ("text", {"text": "Sampah pasar dibuang di trotoar tiap malam dan baru diangkut "
                          "siang, baunya sampai ke rumah warga."}),
        ("text", {"text": "anonim"}),
    ])

    halfway = at(workdays_ago(2, today=today, calendar=calendar), 16, 5)
    _conversation("6281230000103", "Rina", halfway, [
        ("text", {"text": "Selamat sore"}),
        ("text", {"text": _category("pju")}),
    ])
    # Re-encoded here, so the demo's WhatsApp photo shows without a worker running.
    for photo in ComplaintPhoto.objects.filter(complaint__channel="whatsapp",
                                               state=ComplaintPhoto.State.PENDING,
                                               complaint__reporter_phone__startswith="62812300001"):
        photo_process(photo_id=photo.pk)
    expires = Conversation.objects.get(phone="6281230000103").expires_at
    with happened_at(expires, ChatMessage):
        conversations_expire(now=expires)
    # Demo answers are never sent.
    for model in (Conversation, Complaint):
        ct = ContentType.objects.get_for_model(model)
        ids = (Conversation.objects.values_list("pk", flat=True) if model is Conversation
               else Conversation.objects.exclude(complaint=None)
               .values_list("complaint_id", flat=True))
        Outbox.objects.filter(content_type=ct, object_id__in=[str(i) for i in ids]).delete()
    return Conversation.objects.count()


def _mail(sender: str, subject: str, body: str, message_id: str, photos: int) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "aduan@malangkota.go.id", subject
    msg["Message-ID"] = message_id
    msg.set_content(body)
    for n in range(photos):
        msg.add_attachment(_photo_bytes(f"{message_id}-{n}"), maintype="image",
                           subtype="jpeg", filename=f"foto-{n + 1}.jpg")
    return msg.as_bytes()


def load_mail_drafts() -> int:
    if MailDraft.objects.exists():
        return 0
    calendar = get_work_calendar()
    today = timezone.localdate()
    mails = [
        (at(workdays_ago(1, today=today, calendar=calendar), 21, 14),
         _mail("Hadi Pranoto <hadi.pranoto@demo.balai.id>", "Pohon miring di Jl. Ijen",
               "Selamat malam,\n\nPohon besar di median Jl. Ijen dekat gereja sudah miring "
               "ke jalan dan akarnya terangkat. Kalau hujan angin takut tumbang.\n"
               "Foto terlampir.\n\nHadi Pranoto\n(data rekaan untuk demo)",
               "<demo-pohon-ijen@demo.balai.id>", 2)),
        (at(today, 7, 2),
         _mail("Lestari <lestari@demo.balai.id>", "Keluhan antrean puskesmas",
               "Yth. Bapak/Ibu,\n\nAntrean di puskesmas kami sejak pukul 06.00 dan loket "
               "baru buka pukul 08.30. Mohon ditinjau.\n\nLestari\n(data rekaan untuk demo)",
               "<demo-puskesmas@demo.balai.id>", 0)),
    ]
    for moment, raw in mails:
        with happened_at(moment):
            mail_receive(raw=raw, now=moment)
    return MailDraft.objects.count()


def load_intake() -> tuple[int, int]:
    return load_conversations(), load_mail_drafts()
