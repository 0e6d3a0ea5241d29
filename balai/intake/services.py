"""WhatsApp intake: inbound messages stored once, run through the conversation, filed
through the complaints' own submission service; the citizen's later messages become
replies on the case. A conversation left half-way is closed politely by a sweep.

E-mail intake: a message to the complaints address becomes a draft that the front office
completes into a complaint (same service, channel e-mail) or discards.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import asdict, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.complaints.models import OPEN, Category, Complaint
from balai.complaints.photos import (
    MAX_PHOTOS,
    CheckedPhoto,
    PreparedPhoto,
    check_photo,
    originals_discard,
    originals_storage,
    originals_store,
    prepare_photo,
)
from balai.complaints.services import Submission, complaint_reporter_reply, complaint_submit
from balai.complaints.services import place_for as complaint_place_for
from balai.complaints.workflow import WORKFLOW
from balai.core.audit import log_action
from balai.core.periodic import claim_each
from balai.intake import cloudapi, mail
from balai.intake import conversation as conv
from balai.intake.models import ChatMessage, Conversation, MailDraft, MailDraftPhoto
from balai.notifications.services import notification_enqueue

logger = logging.getLogger("balai.intake")
TEMPLATE = "intake_balasan"


def _idle() -> timedelta:
    return timedelta(minutes=settings.INTAKE_WHATSAPP_IDLE_MINUTES)


def categories_offered() -> list[conv.CategoryChoice]:
    return [conv.CategoryChoice(code=code, name=name) for code, name in
            Category.objects.filter(is_active=True).values_list("code", "name")]


# --- receiving ---------------------------------------------------------------------------

def whatsapp_receive(*, messages: list[cloudapi.InboundMessage], now: datetime | None = None,
                     queue: bool = True) -> list[int]:
    """Store each message of a webhook delivery once (by its Cloud API id) and queue its
    processing (unless `queue` is off: the caller processes them); a redelivered event is
    recognised and ignored. Returns the new rows' ids."""
    now = now or timezone.now()
    new = []
    for m in messages:
        try:
            with transaction.atomic():
                row = ChatMessage.objects.create(
                    phone=m.phone, direction=ChatMessage.Direction.IN, wa_id=m.wa_id,
                    kind=m.kind, text=m.text[:4000], sent_at=now,
                    payload={**{k: v for k, v in asdict(m).items() if k != "raw"},
                             "raw": m.raw or {}})
                if queue:
                    transaction.on_commit(lambda pk=row.pk: _queue_processing(pk),
                                          robust=True)
        except IntegrityError:
            continue  # the same message id again: a redelivery
        new.append(row.pk)
    return new


def _queue_processing(message_pk: int) -> None:
    from balai.intake.tasks import process_whatsapp  # noqa: PLC0415 - tasks imports us

    process_whatsapp.enqueue(message_pk)


# --- processing --------------------------------------------------------------------------

def _fetch_photo(message: ChatMessage, fetch) -> tuple[CheckedPhoto | None, str]:
    """Download and check an inbound photo outside any transaction; (photo, error)."""
    try:
        data = fetch(message.payload.get("media_id", ""))
    except cloudapi.MediaError as exc:
        logger.warning("whatsapp media %s: %s", message.wa_id, exc)
        return None, _("We could not fetch your photo. Please send it again.")
    try:
        photo = check_photo(ContentFile(data, name="whatsapp.jpg"))
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    return originals_store([photo])[0], ""


def _event(message: ChatMessage, photo_error: str) -> conv.Event:
    p = message.payload
    if message.kind == "location":
        inside = complaint_place_for(p["lat"], p["lng"])[0].inside
        return conv.Event(kind="location", lat=p["lat"], lng=p["lng"],
                          place=p.get("place", ""), inside=inside)
    if message.kind == "image":
        return conv.Event(kind="image", photo_error=photo_error)
    return conv.Event(kind=message.kind, text=message.text, choice_id=p.get("choice_id", ""))


def _draft_of(c: Conversation) -> conv.Draft:
    return conv.Draft(step=c.step, category=c.category.code if c.category_id else "",
                      lat=c.lat, lng=c.lng, address=c.address, photos=len(c.photos),
                      photo_skipped=c.photo_skipped, description=c.description,
                      name=c.reporter_name, anonymous=c.is_anonymous)


def _store_draft(c: Conversation, d: conv.Draft) -> None:
    if d.category != (c.category.code if c.category_id else ""):
        c.category = Category.objects.filter(code=d.category).first() if d.category else None
    c.step, c.lat, c.lng, c.address = d.step, d.lat, d.lng, d.address
    c.photo_skipped, c.description = d.photo_skipped, d.description
    c.reporter_name, c.is_anonymous = d.name, d.anonymous


def _say(c: Conversation, texts: list[str], *, key: str, now: datetime) -> None:
    """Send each text to the citizen (outbox rows, once per key) and keep it in the
    transcript."""
    for n, text in enumerate(texts):
        notification_enqueue(channel="whatsapp", recipient=c.phone, template=TEMPLATE,
                             context={"pesan": text}, related=c,
                             dedupe_key=f"intake:wa:{key}:{n}")
        ChatMessage.objects.create(conversation=c, phone=c.phone, kind="text", text=text,
                                   direction=ChatMessage.Direction.OUT, sent_at=now)


def _photo_record(photo: CheckedPhoto) -> dict:
    return {"name": photo.name, "format": photo.format, "width": photo.width,
            "height": photo.height, "gps": photo.gps, "original": photo.original}


def _photos_discard(c: Conversation) -> None:
    """A conversation that will never be filed (expired, cancelled): the photos it received
    are forgotten, and their stored uploads deleted once that commits."""
    names = [p["original"] for p in c.photos if p.get("original")]
    c.photos = []
    if names:
        transaction.on_commit(lambda: [originals_storage().delete(n) for n in names])


def _photos_of(c: Conversation) -> list[CheckedPhoto]:
    return [CheckedPhoto(name=p["name"], file=None, format=p["format"], width=p["width"],
                         height=p["height"], gps=tuple(p["gps"]) if p["gps"] else None,
                         original=p["original"]) for p in c.photos]


def _title(description: str) -> str:
    first = description.strip().splitlines()[0].strip()
    return first if len(first) <= 80 else first[:79].rstrip() + "…"


def _file(c: Conversation, now: datetime) -> list[str]:
    """File the finished conversation through complaint_submit (channel whatsapp)."""
    submission = Submission(
        category=c.category, title=_title(c.description), description=c.description,
        lat=c.lat, lng=c.lng, address=c.address, reporter_name=c.reporter_name,
        reporter_phone=c.phone, is_anonymous=c.is_anonymous,
        channel=Complaint.Channel.WHATSAPP, idempotency_key=f"whatsapp:{c.pk}")
    try:
        complaint, _secret = complaint_submit(submission=submission, photos=_photos_of(c),
                                              now=now)
    except ValidationError as exc:
        c.step = conv.NAME
        return [_("Sorry, we could not file your report yet: %(why)s")
                % {"why": " ".join(exc.messages)}]
    c.complaint = complaint
    log_action(c, "intake.conversation_filed", data={"complaint": complaint.code})
    return [_("Thank you. Your report has been filed with the tracking code %(code)s. We "
              "will send you a link to follow it. Anything you send here from now on is "
              "added to this report.") % {"code": complaint.code}]


def _reply_to_case(message: ChatMessage, last: Conversation, now: datetime,
                   photo: CheckedPhoto | None, photo_error: str) -> tuple[list[str], bool]:
    """A message after the report was filed: a reply on the case (a photo, with its
    caption, joins the report's photos), or where to go. Returns the replies and whether
    the photo was kept."""
    complaint = last.complaint
    code = complaint.code
    if complaint.status == Complaint.Status.SELESAI:
        return [_("Your report %(code)s has been answered. Open the link we sent you to "
                  "rate the answer or to reopen the report. Reply LAPOR to report a new "
                  "problem.") % {"code": code}], False
    if message.kind == "image" and photo is None:
        return [photo_error], False
    if message.kind not in ("text", "choice", "image") or (
            message.kind != "image" and not message.text.strip()):
        return [_("We can only add text messages to report %(code)s. Reply LAPOR to "
                  "report a new problem.") % {"code": code}], False
    if not WORKFLOW.allows("reply", complaint.status):
        return [_("Report %(code)s cannot take messages now. Reply LAPOR to report a new "
                  "problem.") % {"code": code}], False
    try:
        with transaction.atomic():
            text = message.text.strip() or (_("(a photo)") if photo is not None else "")
            complaint_reporter_reply(complaint=complaint, text=text, now=now,
                                     photos=[photo] if photo is not None else [])
    except ValidationError as exc:  # a sixth photo
        return [" ".join(exc.messages)], False
    return [_("Your message has been added to report %(code)s.") % {"code": code}], \
        photo is not None


def _open_for(phone: str) -> Conversation | None:
    return (Conversation.objects.select_for_update()
            .filter(phone=phone, step__in=conv.ASKING).first())


def _start(message: ChatMessage, now: datetime) -> tuple[Conversation, conv.Outcome]:
    c = Conversation.objects.create(phone=message.phone, last_message_at=now,
                                    profile_name=message.payload.get("profile_name", "")[:200])
    log_action(c, "intake.conversation_started", data={"message": message.wa_id})
    return c, conv.start(categories_offered())


def whatsapp_process(*, message_pk: int, now: datetime | None = None,
                     fetch=cloudapi.media_download) -> str:
    """Run one inbound message through its conversation; returns the step reached ("" when
    already processed). Safe to run twice: the message is claimed first. `fetch` turns a
    media id into the photo's bytes (the Cloud API; the demo passes its own pictures)."""
    now = now or timezone.now()
    message = ChatMessage.objects.filter(pk=message_pk, processed_at__isnull=True).first()
    if message is None:
        return ""
    photo, photo_error = (_fetch_photo(message, fetch) if message.kind == "image"
                          else (None, ""))
    keep = False
    try:
        with transaction.atomic(), override(settings.LANGUAGE_CODE):
            if not ChatMessage.objects.filter(pk=message_pk, processed_at__isnull=True) \
                    .update(processed_at=now):
                return ""
            c = _open_for(message.phone)
            word = message.text.strip().casefold() if message.kind == "text" else ""
            if c is None:
                last = (Conversation.objects.filter(phone=message.phone,
                                                    step=conv.FILED, complaint__isnull=False)
                        .select_related("complaint").first())
                if (last is not None and last.complaint.status in OPEN
                        and word not in conv.START_WORDS):
                    message.conversation = last
                    message.save(update_fields=["conversation"])
                    replies, keep = _reply_to_case(message, last, now, photo, photo_error)
                    _say(last, replies, key=message.pk, now=now)
                    return "reply"
                c, outcome = _start(message, now)
                if message.kind in ("location", "image"):  # sent before any question
                    more = conv.advance(outcome.draft, _event(message, photo_error),
                                        categories_offered())
                    outcome = conv.Outcome(more.draft, outcome.replies + more.replies,
                                           more.keep_photo, more.file)
            else:
                outcome = conv.advance(_draft_of(c), _event(message, photo_error),
                                       categories_offered())
            message.conversation = c
            message.save(update_fields=["conversation"])
            _store_draft(c, outcome.draft)
            if outcome.keep_photo and photo is not None:
                c.photos = [*c.photos, _photo_record(photo)]
                keep = True
            replies = outcome.replies
            if outcome.file:
                replies = replies + _file(c, now)
            elif outcome.draft.step == conv.CANCELLED:
                _photos_discard(c)
                log_action(c, "intake.conversation_cancelled", data={})
            c.last_message_at = now
            c.expires_at = now + _idle() if c.step in conv.ASKING else None
            c.save()
            _say(c, replies, key=message.pk, now=now)
            return c.step
    finally:
        if photo is not None and not keep:
            originals_discard([photo])


def conversations_expire(*, now: datetime | None = None) -> int:
    """Close conversations left half-way past their stored expiry, telling the citizen."""
    now = now or timezone.now()
    selection = Conversation.objects.filter(expires_at__lte=now, step__in=conv.ASKING)

    def act(c: Conversation) -> None:
        _photos_discard(c)
        Conversation.objects.filter(pk=c.pk).update(photos=c.photos)
        with override(settings.LANGUAGE_CODE):
            log_action(c, "intake.conversation_expired", data={})
            _say(c, [_("We have not heard from you for a while, so we have closed this "
                       "unfinished report; nothing was sent to the officers. Reply LAPOR "
                       "whenever you want to start again.")],
                 key=f"expired:{c.pk}", now=now)

    return claim_each(selection, act, step=conv.EXPIRED, expires_at=None)


# --- e-mail ------------------------------------------------------------------------------

def mail_receive(*, raw: bytes, now: datetime | None = None) -> MailDraft | None:
    """Keep an e-mail to the complaints address as a draft complaint for the front office,
    its image attachments re-encoded as photos (no metadata). The same Message-ID again
    returns the first draft; an auto-reply or bounce is dropped (None). Raises
    ValidationError when there is no sender to answer."""
    now = now or timezone.now()
    parsed = mail.parse(raw)
    if parsed.automatic:
        return None
    existing = MailDraft.objects.filter(message_id=parsed.message_id).first()
    if existing:
        return existing
    try:
        validate_email(parsed.sender_email)
    except ValidationError:
        raise ValidationError(_("The e-mail has no sender address we can answer."),
                              code="sender") from None
    photos, refused = [], list(parsed.other_files)
    for attachment in parsed.images:  # decoded outside the transaction
        if len(photos) >= MAX_PHOTOS:
            refused.append(attachment.name)
            continue
        try:
            photos.append(prepare_photo(ContentFile(attachment.data, name=attachment.name)))
        except ValidationError:
            refused.append(attachment.name)
    gps = next((p.gps for p in photos if p.gps), None)
    body = parsed.body
    if refused:
        body += "\n\n" + _("[Attachments not kept as photos: %(names)s]") % {
            "names": ", ".join(refused)}
    try:
        with transaction.atomic():
            draft = MailDraft.objects.create(
                message_id=parsed.message_id, sender_email=parsed.sender_email,
                sender_name=parsed.sender_name, subject=parsed.subject, body=body[:20000],
                received_at=now, lat=gps[0] if gps else None, lng=gps[1] if gps else None)
            for n, photo in enumerate(photos, start=1):
                row = MailDraftPhoto(draft=draft, name=photo.name[:200], width=photo.width,
                                     height=photo.height, sha256=photo.sha256)
                base = f"{secrets.token_hex(8)}-{n}"
                row.image.save(f"{base}.jpg", ContentFile(photo.image), save=False)
                row.thumbnail.save(f"{base}-t.jpg", ContentFile(photo.thumbnail), save=False)
                row.save()
            log_action(draft, "intake.mail_received", data={
                "photos": len(photos), "refused": refused})
    except IntegrityError:  # the same message delivered twice at once
        return MailDraft.objects.get(message_id=parsed.message_id)
    return draft


def _prepared(photo: MailDraftPhoto) -> PreparedPhoto:
    with photo.image.open("rb") as image, photo.thumbnail.open("rb") as thumb:
        return PreparedPhoto(name=photo.name, image=image.read(), thumbnail=thumb.read(),
                             width=photo.width, height=photo.height, sha256=photo.sha256,
                             gps=None)


def mail_draft_complete(*, draft: MailDraft, submission: Submission, actor,
                        now: datetime | None = None) -> Complaint:
    """File a draft through complaint_submit (channel e-mail) with its photos; the sender
    then gets the complaints' own receipt with the tracking link."""
    now = now or timezone.now()
    if draft.state != MailDraft.State.DRAFT:
        raise ValidationError(_("This e-mail has already been handled."), code="handled")
    submission = replace(submission, channel=Complaint.Channel.EMAIL,
                         idempotency_key=f"email:{draft.pk}")
    photos = [_prepared(p) for p in draft.photos.all()]
    with transaction.atomic():
        complaint, _secret = complaint_submit(submission=submission, photos=photos,
                                              actor=actor, now=now)
        if not MailDraft.objects.filter(pk=draft.pk, state=MailDraft.State.DRAFT).update(
                state=MailDraft.State.COMPLETED, complaint=complaint, handled_by=actor,
                updated_at=now):
            raise ValidationError(_("This e-mail has already been handled."), code="handled")
        draft.refresh_from_db()
        log_action(draft, "intake.mail_completed", actor=actor,
                   data={"complaint": complaint.code})
    return complaint


@transaction.atomic
def mail_draft_discard(*, draft: MailDraft, reason: str, actor) -> MailDraft:
    """Set aside an e-mail that is no complaint (spam, a question for another office)."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the e-mail is discarded.")]})
    if not MailDraft.objects.filter(pk=draft.pk, state=MailDraft.State.DRAFT).update(
            state=MailDraft.State.DISCARDED, discard_reason=reason.strip()[:300],
            handled_by=actor, updated_at=timezone.now()):
        raise ValidationError(_("This e-mail has already been handled."), code="handled")
    draft.refresh_from_db()
    log_action(draft, "intake.mail_discarded", actor=actor, data={"reason": draft.discard_reason})
    return draft
