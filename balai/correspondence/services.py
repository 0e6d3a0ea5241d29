"""Every change in persuratan: one service each, audited in the same transaction.

Incoming letters (Peraturan ANRI 4/2021: naskah masuk) get a gap-free agenda number per
unit and year; dispositions go down the chain of command kept in `Position`; outgoing
letters (naskah keluar) live in `balai.correspondence.outgoing`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.core.tracking import case_code
from balai.core.workflow import save_changed
from balai.correspondence.models import (
    AgendaSequence,
    Disposition,
    IncomingLetter,
    Instruction,
    Position,
    Security,
    Urgency,
)
from balai.correspondence.storage import scan_storage
from balai.correspondence.workflow import DISPOSITION_WORKFLOW, LETTER_WORKFLOW
from balai.lib.workdays import add_workdays

SCAN_MAX_BYTES = 10 * 1024 * 1024
SCAN_TYPES = {b"%PDF-": ("application/pdf", "pdf"), b"\xff\xd8\xff": ("image/jpeg", "jpg"),
              b"\x89PNG\r\n\x1a\n": ("image/png", "png")}
MAX_DISPOSITION_WORKDAYS = 60


# --- the office -------------------------------------------------------------------------

def position_set(*, user, agency, title: str, parent: Position | None, unit_code: str,
                 actor) -> Position:
    """Give `user` their place in the office under `parent` (None: the head)."""
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Enter the position title.")})
    unit_code = (unit_code or "").strip().upper()
    if not unit_code or "/" in unit_code:
        raise ValidationError({"unit_code": _("Enter a unit code without '/'.")})
    with transaction.atomic():
        position = Position.objects.filter(user=user).first() or Position(user=user)
        ancestor = parent
        while ancestor is not None:
            if ancestor.user_id == user.pk:
                raise ValidationError({"parent": _("A superior cannot report to their own "
                                                   "subordinate.")})
            ancestor = ancestor.parent
        position.agency, position.title, position.parent = agency, title, parent
        position.unit_code = unit_code
        position.save()
        log_action(position, "correspondence.position_set", actor=actor,
                   data={"title": title, "parent": parent.pk if parent else None})
    return position


def subordinates_of(position: Position) -> list[Position]:
    """Everyone below `position` in the chain of command, nearest first."""
    found, level = [], [position.pk]
    while level:
        below = list(Position.objects.filter(parent_id__in=level).select_related("user"))
        found.extend(below)
        level = [p.pk for p in below]
    return found


# --- incoming letters -------------------------------------------------------------------

@dataclass
class IncomingSubmission:
    """What the front office or a citizen gives for one incoming letter."""

    sender_name: str
    subject: str
    addressee: Position | None = None
    sender_address: str = ""
    sender_email: str = ""
    sender_phone: str = ""
    letter_number: str = ""
    letter_date: date | None = None
    summary: str = ""
    urgency: str = Urgency.BIASA
    security: str = Security.BIASA
    classification: object = None
    channel: str = IncomingLetter.Channel.DESK


def scan_check(upload, *, field: str = "scan") -> tuple[bytes, str, str]:
    """The bytes, content type and suffix of a scan (or, with `field="file"`, of an
    attachment), judged by content; refused with a message people understand."""
    if upload is None:
        return b"", "", ""
    scan = field == "scan"
    if upload.size > SCAN_MAX_BYTES:
        raise ValidationError({field: _("The scan is larger than 10 MB. Scan it again at a "
                                        "lower resolution.") if scan else
                               _("The attachment is larger than 10 MB.")})
    data = upload.read()
    for magic, (content_type, suffix) in SCAN_TYPES.items():
        if data.startswith(magic):
            return data, content_type, suffix
    raise ValidationError({field: _("The scan must be a PDF, JPG or PNG file.") if scan else
                           _("The attachment must be a PDF, JPG or PNG file.")})


def _agenda_number_next(*, unit_code: str, year: int) -> int:
    """The next agenda number of `unit_code` in `year`, gap-free: the sequence row is
    locked (SELECT ... FOR UPDATE on PostgreSQL, IMMEDIATE transactions on SQLite) and the
    number is taken in the transaction that registers the letter, so a failed registration
    gives its number back."""
    rows = AgendaSequence.objects.select_for_update()
    seq = rows.filter(unit_code=unit_code, year=year).first()
    if seq is None:
        try:
            with transaction.atomic():
                seq = AgendaSequence.objects.create(unit_code=unit_code, year=year)
        except IntegrityError:
            seq = rows.get(unit_code=unit_code, year=year)
    seq.last_number += 1
    seq.save(update_fields=["last_number", "updated_at"])
    return seq.last_number


def incoming_check(sub: IncomingSubmission) -> None:
    errors = {}
    if not sub.sender_name.strip():
        errors["sender_name"] = _("Enter who sent the letter.")
    if not sub.subject.strip():
        errors["subject"] = _("Enter the subject of the letter.")
    if sub.addressee is None:
        errors["addressee"] = _("Choose the official the letter is addressed to.")
    if sub.urgency not in Urgency.values:
        errors["urgency"] = _("Choose the urgency.")
    if sub.security not in Security.values:
        errors["security"] = _("Choose the security class.")
    if sub.channel == IncomingLetter.Channel.WEB and not (sub.sender_email or sub.sender_phone):
        errors["sender_email"] = _("Give an e-mail address or a phone number so that we can "
                                   "answer you.")
    if errors:
        raise ValidationError(errors)


def incoming_register(*, submission: IncomingSubmission, scan=None, actor,
                      now: datetime | None = None) -> tuple[IncomingLetter, str]:
    """Register a letter received and give it the next agenda number of the addressee's
    unit (Peraturan ANRI 4/2021, pencatatan naskah masuk). Returns the letter and the
    secret of its tracking link (for a citizen's letter; "" otherwise)."""
    incoming_check(submission)
    data, content_type, suffix = scan_check(scan)
    now = now or timezone.now()
    year = timezone.localdate(now).year
    sub = submission
    secret, secret_hash = ("", "")
    if sub.channel == IncomingLetter.Channel.WEB:
        secret, secret_hash = IncomingLetter.new_secret()
    scan_path = ""
    if data:
        digest = hashlib.sha256(data).hexdigest()
        scan_path = f"{digest[:2]}/{digest}.{suffix}"
        storage = scan_storage()
        if not storage.exists(scan_path):
            storage.save(scan_path, ContentFile(data))
    with transaction.atomic():
        unit_code = sub.addressee.unit_code
        number = _agenda_number_next(unit_code=unit_code, year=year)
        letter = IncomingLetter.objects.create(
            code=f"pending-{unit_code}-{year}-{number}", unit_code=unit_code,
            agenda_year=year, agenda_number=number, channel=sub.channel,
            sender_name=sub.sender_name.strip()[:200],
            sender_address=sub.sender_address.strip()[:300],
            sender_email=sub.sender_email.strip(), sender_phone=sub.sender_phone.strip(),
            letter_number=sub.letter_number.strip()[:120], letter_date=sub.letter_date,
            received_at=now, subject=sub.subject.strip()[:300], summary=sub.summary.strip(),
            urgency=sub.urgency, security=sub.security, classification=sub.classification,
            addressee=sub.addressee, registered_by=actor if getattr(actor, "pk", None) else None,
            scan_path=scan_path, scan_type=content_type, secret_hash=secret_hash,
        )
        letter.code = case_code(IncomingLetter.CODE_PREFIX, year, letter.pk)
        letter.save(update_fields=["code"])
        log_action(letter, "correspondence.registered", actor=actor, data={
            "agenda": letter.agenda_label, "channel": sub.channel, "security": sub.security})
        if secret:
            _receipt_to_sender(letter, secret)
    return letter, secret


def tracking_link(letter: IncomingLetter, secret: str = "") -> str:
    """The citizen's tracking page of `letter`, private with its secret."""
    path = reverse("correspondence:track_detail", args=[letter.code])
    return f"{settings.SITE_URL.rstrip('/')}{path}" + (f"?k={secret}" if secret else "")


def _receipt_to_sender(letter: IncomingLetter, secret: str) -> None:
    """The receipt of a citizen's letter by e-mail and WhatsApp (outbox rows, sent after
    commit): its tracking code, agenda number and private link, which the page showed once."""
    from balai.notifications.services import notification_enqueue  # noqa: PLC0415

    context = {"letter": letter, "link": tracking_link(letter, secret),
               "received": formats.date_format(timezone.localdate(letter.received_at),
                                               "j F Y")}
    for channel, address in (("email", letter.sender_email),
                             ("whatsapp", letter.sender_phone)):
        if address:
            notification_enqueue(channel=channel, recipient=address,
                                 template="surat_tanda_terima", context=context,
                                 related=letter,
                                 dedupe_key=f"surat-receipt-{letter.pk}-{channel}")


def incoming_mark_read(*, letter: IncomingLetter, actor, now: datetime | None = None) -> None:
    """The addressee opened the letter: it leaves their unread queue."""
    if letter.addressee.user_id != actor.pk or letter.addressee_read_at:
        return
    IncomingLetter.objects.filter(pk=letter.pk, addressee_read_at__isnull=True).update(
        addressee_read_at=now or timezone.now())


# --- dispositions -----------------------------------------------------------------------

def _instructions_clean(instructions) -> list[str]:
    chosen = [code for code in Instruction.values if code in set(instructions or [])]
    unknown = set(instructions or []) - set(Instruction.values)
    if unknown:
        raise ValidationError({"instructions": _("Unknown instruction.")})
    return chosen


def _dispose(*, letter: IncomingLetter, parent: Disposition | None, sender_position: Position,
             recipients, instructions, notes: str, workdays: int, actor,
             now: datetime) -> list[Disposition]:
    errors = {}
    recipients = list(recipients or [])
    if not recipients:
        errors["recipients"] = _("Choose at least one official.")
    below = {p.user_id for p in subordinates_of(sender_position)}
    if any(r.pk not in below for r in recipients):
        errors["recipients"] = _("You can dispose only to officials below you.")
    chosen = _instructions_clean(instructions)
    if not chosen and not (notes or "").strip():
        errors["instructions"] = _("Choose an instruction or write a note.")
    if not isinstance(workdays, int) or not 1 <= workdays <= MAX_DISPOSITION_WORKDAYS:
        errors["workdays"] = _("The due date is 1 to %(n)s working days away.") % {
            "n": MAX_DISPOSITION_WORKDAYS}
    if errors:
        raise ValidationError(errors)
    due_on = add_workdays(timezone.localdate(now), workdays, get_work_calendar())
    made = Disposition.objects.bulk_create([Disposition(
        letter=letter, parent=parent, sender=actor, recipient=r, instructions=chosen,
        notes=(notes or "").strip(), due_on=due_on, created_at=now) for r in recipients])
    for disposition in made:
        log_action(letter, "correspondence.disposed", actor=actor, data={
            "disposition": disposition.pk, "to": str(disposition.recipient),
            "due_on": due_on.isoformat(), "instructions": chosen})
    return made


def letter_dispose(*, letter: IncomingLetter, recipients, instructions, notes: str,
                   workdays: int, actor, now: datetime | None = None) -> list[Disposition]:
    """The addressee disposes the letter to officials below them, with instructions and a
    due date in working days (Peraturan ANRI 4/2021, disposisi)."""
    now = now or timezone.now()
    with transaction.atomic():
        letter = LETTER_WORKFLOW.lock(letter, "dispose")
        if letter.addressee.user_id != actor.pk:
            raise ValidationError(_("Only the official the letter is addressed to may "
                                    "dispose it."))
        made = _dispose(letter=letter, parent=None, sender_position=letter.addressee,
                        recipients=recipients, instructions=instructions, notes=notes,
                        workdays=workdays, actor=actor, now=now)
        letter.status = IncomingLetter.Status.DISPOSED
        letter.addressee_read_at = letter.addressee_read_at or now
        save_changed(letter, "status", "addressee_read_at")
    return made


def _own_disposition(disposition: Disposition, action: str, actor) -> Disposition:
    fresh = DISPOSITION_WORKFLOW.lock(disposition, action)
    if fresh.recipient_id != actor.pk:
        raise ValidationError(_("Only the recipient of this disposition may do this."))
    return fresh


def disposition_forward(*, disposition: Disposition, recipients, instructions, notes: str,
                        workdays: int, actor, now: datetime | None = None) -> list[Disposition]:
    """A recipient disposes the letter further down their own chain."""
    now = now or timezone.now()
    with transaction.atomic():
        disposition = _own_disposition(disposition, "forward", actor)
        position = Position.objects.filter(user=actor).first()
        if position is None:
            raise ValidationError(_("You have no position in the office to dispose from."))
        letter = IncomingLetter.objects.select_for_update().get(pk=disposition.letter_id)
        if not letter.is_open:
            raise ValidationError(_("This letter is closed."))
        made = _dispose(letter=letter, parent=disposition, sender_position=position,
                        recipients=recipients, instructions=instructions, notes=notes,
                        workdays=workdays, actor=actor, now=now)
        disposition.status = Disposition.Status.FORWARDED
        disposition.read_at = disposition.read_at or now
        save_changed(disposition, "status", "read_at")
    return made


def disposition_read(*, disposition: Disposition, actor, now: datetime | None = None) -> bool:
    """The recipient opened the letter: the disposition is no longer unread."""
    if disposition.recipient_id != actor.pk or disposition.read_at:
        return False
    with transaction.atomic():
        if not Disposition.objects.filter(pk=disposition.pk, read_at__isnull=True).update(
                read_at=now or timezone.now()):
            return False
        log_action(disposition.letter, "correspondence.disposition_read", actor=actor,
                   data={"disposition": disposition.pk})
    return True


def _disposition_finish(*, disposition: Disposition, action: str, status: str, text: str,
                        actor, now: datetime | None, required: str, code: str) -> Disposition:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"response": required})
    now = now or timezone.now()
    with transaction.atomic():
        disposition = _own_disposition(disposition, action, actor)
        disposition.status, disposition.response = status, text
        disposition.responded_at = now
        disposition.read_at = disposition.read_at or now
        save_changed(disposition, "status", "response", "responded_at", "read_at")
        log_action(disposition.letter, code, actor=actor,
                   data={"disposition": disposition.pk, "text": text[:500]})
    return disposition


def disposition_answer(*, disposition: Disposition, response: str, actor,
                       now: datetime | None = None) -> Disposition:
    """The recipient reports what was done (laporan tindak lanjut) to whoever disposed."""
    return _disposition_finish(
        disposition=disposition, action="answer", status=Disposition.Status.ANSWERED,
        text=response, actor=actor, now=now, code="correspondence.disposition_answered",
        required=_("Write what was done."))


def disposition_close(*, disposition: Disposition, response: str, actor,
                      now: datetime | None = None) -> Disposition:
    """The recipient closes their disposition (nothing to do, or done), saying why."""
    return _disposition_finish(
        disposition=disposition, action="close", status=Disposition.Status.CLOSED,
        text=response, actor=actor, now=now, code="correspondence.disposition_closed",
        required=_("Say why you close it."))


def letter_close(*, letter: IncomingLetter, note: str, actor, classification=None,
                 now: datetime | None = None) -> IncomingLetter:
    """The addressee closes the letter: it is filed under its classification, given now
    when the letter came without one (a citizen's letter from the public form)."""
    now = now or timezone.now()
    with transaction.atomic():
        letter = LETTER_WORKFLOW.lock(letter, "close")
        if letter.addressee.user_id != actor.pk:
            raise ValidationError(_("Only the official the letter is addressed to may "
                                    "close it."))
        changed = ["status", "closed_at"]
        if letter.classification_id is None:
            if classification is None:
                raise ValidationError({"classification": _(
                    "Give the letter its archive classification before closing it: it is "
                    "filed under that code.")})
            letter.classification = classification
            changed.append("classification")
        letter.status, letter.closed_at = IncomingLetter.Status.CLOSED, now
        save_changed(letter, *changed)
        log_action(letter, "correspondence.closed", actor=actor,
                   data={"note": (note or "").strip()[:500],
                         "classification": letter.classification.code})
    return letter


def disposition_remind_overdue(disposition: Disposition) -> None:
    """Tell the recipient of an overdue disposition (run by the sweep after its claim)."""
    from balai.notifications.services import notification_enqueue  # noqa: PLC0415

    log_action(disposition.letter, "correspondence.disposition_overdue", actor=None,
               data={"disposition": disposition.pk, "due_on": disposition.due_on.isoformat()})
    recipient = disposition.recipient
    context = {"letter": disposition.letter, "disposition": disposition,
               "recipient": recipient}
    for channel, address in (("email", recipient.email), ("whatsapp", recipient.phone)):
        if address:
            notification_enqueue(
                channel=channel, recipient=address, template="surat_disposisi_terlambat",
                context=context, related=disposition,
                dedupe_key=f"surat-overdue-{disposition.pk}-{disposition.due_on}-{channel}")
