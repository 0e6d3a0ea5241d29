"""Outgoing letters (naskah dinas keluar): drafted here from a template, reviewed in order
(paraf), signed last by the named official, and only then numbered and issued through
`balai.documents.services.document_issue` (Permendagri 83/2022: no number for a draft
that is never signed, so the register has no gaps).

Signing with BSrE (UU ITE Pasal 11, PP 71/2019: the key in the signer's sole control)
goes through the one flow of `balai.documents.bsre`: the signer types the passphrase at
the moment of signing; it goes into a BsreBackend for this one call and nowhere else (no
model field, no audit data, no log line, no session).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.workflow import save_changed
from balai.correspondence.attachments import lampiran_details, lampiran_field
from balai.correspondence.models import (
    Distribution,
    IncomingLetter,
    OutgoingKind,
    OutgoingLetter,
    OutgoingVersion,
    Position,
    Review,
    Security,
)
from balai.correspondence.workflow import DRAFT_WORKFLOW
from balai.documents.bsre import SERVER_KEY_NOTE, backend_for, sign_failure_message
from balai.documents.models import Classification
from balai.documents.render import Signer
from balai.documents.services import document_issue

# The text each kind starts from (Permendagri 1/2023, Tata Naskah Dinas): the drafter
# replaces what is in brackets.
TEMPLATES = {
    OutgoingKind.OFFICIAL_LETTER: (
        "Dengan hormat, menindaklanjuti [surat/keperluan], bersama ini kami sampaikan "
        "[isi pokok surat].\n\n"
        "Demikian kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."),
    OutgoingKind.NOTA_DINAS: (
        "Sehubungan dengan [pokok persoalan], dengan hormat kami laporkan [isi].\n\n"
        "Demikian nota dinas ini kami sampaikan, mohon arahan lebih lanjut."),
    OutgoingKind.INVITATION: (
        "Dengan hormat, kami mengundang Bapak/Ibu untuk hadir pada:\n\n"
        "Hari/tanggal: [hari, tanggal]\nPukul: [pukul] WIB\nTempat: [tempat]\n"
        "Acara: [acara]\n\n"
        "Mengingat pentingnya acara tersebut, kehadiran Bapak/Ibu sangat kami harapkan."),
    OutgoingKind.CIRCULAR: (
        "Dalam rangka [latar belakang], dengan ini disampaikan hal-hal sebagai berikut:\n\n"
        "1. [ketentuan pertama]\n2. [ketentuan kedua]\n\n"
        "Demikian surat edaran ini untuk dilaksanakan sebagaimana mestinya."),
}
NATURE = {Security.BIASA: "Biasa", Security.TERBATAS: "Terbatas", Security.RAHASIA: "Rahasia"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _check_text(*, subject: str, addressees: str, body: str) -> None:
    errors = {}
    if not (subject or "").strip():
        errors["subject"] = _("Enter the subject of the letter.")
    if not _lines(addressees):
        errors["addressees"] = _("Enter at least one addressee.")
    if not (body or "").strip():
        errors["body"] = _("Write the text of the letter.")
    if errors:
        raise ValidationError(errors)


def _version(letter: OutgoingLetter, actor) -> OutgoingVersion:
    return OutgoingVersion.objects.create(
        letter=letter, number=letter.version, subject=letter.subject,
        addressees=letter.addressees, copies=letter.copies, body=letter.body, author=actor)


def outgoing_create(*, kind: str, subject: str, addressees: str, body: str,
                    classification: Classification, signer, reviewers, actor,
                    copies: str = "", security: str = Security.BIASA,
                    reply_to: IncomingLetter | None = None) -> OutgoingLetter:
    """Write a draft: its first version and its review chain, reviewers in the order given."""
    _check_text(subject=subject, addressees=addressees, body=body)
    reviewers = list(reviewers or [])
    errors = {}
    if kind not in OutgoingKind.values:
        errors["kind"] = _("Choose the kind of letter.")
    author_position = Position.objects.filter(user=actor).first()
    if author_position is None:
        errors["kind"] = _("You have no position in the office to write from.")
    if signer is None or not Position.objects.filter(user=signer).exists():
        errors["signer"] = _("Choose the official who signs.")
    elif signer in reviewers:
        errors["reviewers"] = _("The signer signs last and is not also a reviewer.")
    if len({r.pk for r in reviewers}) != len(reviewers):
        errors["reviewers"] = _("Each reviewer appears once.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        letter = OutgoingLetter.objects.create(
            kind=kind, subject=subject.strip()[:300], addressees="\n".join(_lines(addressees)),
            copies="\n".join(_lines(copies)), body=body.strip(), security=security,
            classification=classification, unit_code=author_position.unit_code,
            author=actor, signer=signer, reply_to=reply_to)
        _version(letter, actor)
        Review.objects.bulk_create([Review(letter=letter, reviewer=r, order=i)
                                    for i, r in enumerate(reviewers, start=1)])
        log_action(letter, "correspondence.draft_created", actor=actor, data={
            "kind": kind, "reviewers": [str(r) for r in reviewers], "signer": str(signer),
            "reply_to": reply_to.pk if reply_to else None})
    return letter


def outgoing_revise(*, letter: OutgoingLetter, subject: str, addressees: str, body: str,
                    copies: str, actor) -> OutgoingLetter:
    """The author saves a new version; the earlier ones stay, to be compared."""
    _check_text(subject=subject, addressees=addressees, body=body)
    with transaction.atomic():
        letter = DRAFT_WORKFLOW.lock(letter, "revise")
        if letter.author_id != actor.pk:
            raise ValidationError(_("Only the author revises the draft."))
        letter.subject, letter.body = subject.strip()[:300], body.strip()
        letter.addressees, letter.copies = "\n".join(_lines(addressees)), "\n".join(
            _lines(copies))
        letter.version += 1
        save_changed(letter, "subject", "body", "addressees", "copies", "version")
        _version(letter, actor)
        log_action(letter, "correspondence.draft_revised", actor=actor,
                   data={"version": letter.version})
    return letter


def outgoing_submit(*, letter: OutgoingLetter, actor) -> OutgoingLetter:
    """The author sends the draft (again) for review: the chain starts from its first
    reviewer, who sees the newest version."""
    with transaction.atomic():
        letter = DRAFT_WORKFLOW.lock(letter, "submit")
        if letter.author_id != actor.pk:
            raise ValidationError(_("Only the author sends the draft for review."))
        letter.reviews.update(state=Review.State.WAITING, decided_at=None)
        has_reviewers = letter.reviews.exists()
        letter.status = (OutgoingLetter.Status.IN_REVIEW if has_reviewers
                         else OutgoingLetter.Status.APPROVED)
        save_changed(letter, "status")
        log_action(letter, "correspondence.draft_submitted", actor=actor,
                   data={"version": letter.version})
    return letter


def _turn(letter: OutgoingLetter) -> Review | None:
    return letter.reviews.filter(state=Review.State.WAITING).order_by("order").first()


def outgoing_approve(*, letter: OutgoingLetter, actor,
                     now: datetime | None = None) -> OutgoingLetter:
    """The reviewer whose turn it is gives their paraf; after the last, the signer's turn."""
    with transaction.atomic():
        letter = DRAFT_WORKFLOW.lock(letter, "approve")
        turn = _turn(letter)
        if turn is None or turn.reviewer_id != actor.pk:
            raise ValidationError(_("It is not your turn to review this draft."))
        turn.state, turn.version = Review.State.APPROVED, letter.version
        turn.decided_at, turn.notes = now or timezone.now(), ""
        turn.save(update_fields=["state", "version", "decided_at", "notes", "updated_at"])
        if _turn(letter) is None:
            letter.status = OutgoingLetter.Status.APPROVED
            save_changed(letter, "status")
        log_action(letter, "correspondence.draft_approved", actor=actor,
                   data={"version": letter.version, "order": turn.order})
    return letter


def outgoing_return(*, letter: OutgoingLetter, notes: str, actor,
                    now: datetime | None = None) -> OutgoingLetter:
    """The reviewer in turn (or the signer, before signing) returns the draft with notes."""
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": _("Write what should change.")})
    with transaction.atomic():
        letter = DRAFT_WORKFLOW.lock(letter, "return")
        turn = _turn(letter) if letter.status == OutgoingLetter.Status.IN_REVIEW else None
        if turn is not None and turn.reviewer_id == actor.pk:
            turn.state, turn.version, turn.notes = Review.State.RETURNED, letter.version, notes
            turn.decided_at = now or timezone.now()
            turn.save(update_fields=["state", "version", "notes", "decided_at", "updated_at"])
        elif not (letter.status == OutgoingLetter.Status.APPROVED
                  and letter.signer_id == actor.pk):
            raise ValidationError(_("It is not your turn to review this draft."))
        letter.status = OutgoingLetter.Status.RETURNED
        save_changed(letter, "status")
        log_action(letter, "correspondence.draft_returned", actor=actor,
                   data={"version": letter.version, "notes": notes[:1000]})
    return letter


def outgoing_sign(*, letter: OutgoingLetter, passphrase: str, actor,
                  now: datetime | None = None) -> OutgoingLetter:
    """The named signer signs: only now is the number reserved, the letter rendered with
    the letterhead and signed (BSrE with the passphrase typed now, else the server key)."""
    letter = OutgoingLetter.objects.select_related("classification", "signer").get(
        pk=letter.pk)
    if letter.signer_id != actor.pk:
        raise ValidationError(_("Only the named signer signs this letter."))
    backend = backend_for(actor, passphrase)
    if not DRAFT_WORKFLOW.allows("sign", letter.status) or not DRAFT_WORKFLOW.claim(
            letter, "sign", status=OutgoingLetter.Status.SIGNING, sign_error=""):
        letter.refresh_from_db()
        raise DRAFT_WORKFLOW.error(
            _("This draft is %(status)s, so it cannot be %(action)s.")
            % {"status": letter.get_status_display().lower(), "action": _("signed")},
            code="transition")
    position = Position.objects.get(user=actor)
    addressees, copies = letter.addressee_list(), letter.copy_list()
    attached = list(letter.attachments.all())
    context = {
        "subject": letter.subject,
        "addressee": addressees[0] if len(addressees) == 1 else "Daftar terlampir",
        "body": [p.strip() for p in letter.body.split("\n\n") if p.strip()],
        "nature": NATURE.get(letter.security, "Biasa"),
        "copies": copies,
        "table": ({"header": ["No", "Yth."], "rows": [[str(i), a] for i, a in
                                                     enumerate(addressees, start=1)]}
                  if len(addressees) > 1 else None),
        "closing": [] if backend is not None else [SERVER_KEY_NOTE],
        "attachments": lampiran_field(len(attached)),
        "details": lampiran_details(attached),
    }
    signer = Signer(name=actor.get_full_name(), position=position.title, nip=actor.nip,
                    rank=actor.rank)
    try:
        document = document_issue(kind=letter.kind, context=context, unit=letter.unit_code,
                                  classification=letter.classification, signer=signer,
                                  actor=actor, backend=backend, agency=position.agency,
                                  now=now)
    except Exception as exc:  # noqa: BLE001 - any failure puts the draft back, unsigned
        message = sign_failure_message(exc)
        with transaction.atomic():
            OutgoingLetter.objects.filter(pk=letter.pk).update(
                status=OutgoingLetter.Status.APPROVED, sign_error=message[:300],
                updated_at=timezone.now())
            log_action(letter, "correspondence.draft_sign_failed", actor=actor,
                       data={"error": type(exc).__name__, "status": getattr(exc, "status", None)})
        raise ValidationError(message, code="sign_failed") from None
    with transaction.atomic():
        letter.status, letter.document, letter.sign_error = (
            OutgoingLetter.Status.SIGNED, document, "")
        save_changed(letter, "status", "document", "sign_error")
        log_action(letter, "correspondence.draft_signed", actor=actor, data={
            "number": document.number.full_number, "document": str(document.uuid),
            "bsre": backend is not None})
    return letter


@dataclass(frozen=True)
class Recipient:
    """One recipient of a signed letter: an official of the office (internal, `position`)
    or an outside addressee reached by e-mail or by post/courier."""

    role: str
    channel: str
    name: str = ""
    email: str = ""
    position: Position | None = None


def distribution_suggestions(letter: OutgoingLetter) -> dict[str, list[Position]]:
    """The office's positions named, by their exact title, on the letter's addressee and
    copy lines: offered ticked on the sending form (the sender confirms, nothing is sent
    by a title match alone)."""
    positions = list(Position.objects.select_related("user").filter(
        agency__correspondence_positions__user=letter.author).distinct())
    by_title = {p.title.casefold(): p for p in positions}
    return {role: [by_title[line.casefold()] for line in lines if line.casefold() in by_title]
            for role, lines in ((Distribution.Role.TO, letter.addressee_list()),
                                (Distribution.Role.COPY, letter.copy_list()))}


def received_link(distribution: Distribution, secret: str, *, attachment=None) -> str:
    """The outside recipient's private link to the signed PDF, or to one of its
    attachments."""
    path = (reverse("correspondence:received_attachment", args=[distribution.pk, attachment.pk])
            if attachment is not None
            else reverse("correspondence:received_pdf", args=[distribution.pk]))
    return f"{settings.SITE_URL.rstrip('/')}{path}?k={secret}"


def outgoing_distribute(*, letter: OutgoingLetter, recipients: list[Recipient], actor,
                        now: datetime | None = None) -> list[Distribution]:
    """Send a signed letter to its addressees and copies (Peraturan ANRI 4/2021,
    pengiriman naskah): officials of the office get it in their queue, outside addressees
    an e-mail with a private link to the signed PDF, or the post/courier dispatch is
    recorded. Each recipient is a row: the record of who got the letter, how and when."""
    from balai.notifications.services import notification_enqueue  # noqa: PLC0415

    recipients = list(recipients or [])
    if not recipients:
        raise ValidationError(_("Choose at least one recipient to send the letter to."))
    errors = []
    for r in recipients:
        if r.role not in Distribution.Role.values or r.channel not in Distribution.Channel.values:
            errors.append(_("Unknown kind of recipient."))
        elif r.channel == Distribution.Channel.INTERNAL and r.position is None:
            errors.append(_("Choose the official who receives the letter."))
        elif r.channel != Distribution.Channel.INTERNAL and not r.name.strip():
            errors.append(_("Enter the name of each outside recipient."))
        elif r.channel == Distribution.Channel.EMAIL and not r.email.strip():
            errors.append(_("Enter the e-mail address of %(name)s.") % {"name": r.name})
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    made = []
    with transaction.atomic():
        letter = DRAFT_WORKFLOW.lock(letter, "distribute")
        if actor.pk not in (letter.author_id, letter.signer_id):
            raise ValidationError(_("Only the author or the signer sends the letter."))
        attached = list(letter.attachments.all())
        already = set(letter.distributions.filter(position__isnull=False)
                      .values_list("position_id", "role"))
        for r in recipients:
            if r.position is not None and (r.position.pk, r.role) in already:
                continue  # sent to them before: no second row, no second message
            secret, secret_hash = Distribution.new_secret()
            row = Distribution.objects.create(
                letter=letter, role=r.role, channel=r.channel, position=r.position,
                name=(r.position.title if r.position else r.name.strip())[:300],
                email=r.email.strip(), sent_by=actor, sent_at=now, secret_hash=secret_hash)
            made.append(row)
            if r.channel == Distribution.Channel.EMAIL:
                notification_enqueue(
                    channel="email", recipient=row.email, template="surat_keluar_kirim",
                    context={"letter": letter, "number": letter.document.number.full_number,
                             "distribution": row, "link": received_link(row, secret),
                             "attachment_links": [
                                 (a.name, received_link(row, secret, attachment=a))
                                 for a in attached]},
                    related=row, dedupe_key=f"surat-keluar-{row.pk}")
            elif r.channel == Distribution.Channel.INTERNAL and r.position.user.email:
                notification_enqueue(
                    channel="email", recipient=r.position.user.email,
                    template="surat_keluar_internal",
                    context={"letter": letter, "number": letter.document.number.full_number,
                             "distribution": row, "recipient": r.position.user},
                    related=row, dedupe_key=f"surat-keluar-{row.pk}")
        if not made:
            raise ValidationError(_("The letter was already sent to everyone chosen."))
        letter.status = OutgoingLetter.Status.SENT
        save_changed(letter, "status")
        log_action(letter, "correspondence.letter_sent", actor=actor, data={
            "recipients": [{"name": d.name, "role": d.role, "channel": d.channel}
                           for d in made]})
    return made


def version_diffs(letter: OutgoingLetter) -> list[tuple[OutgoingVersion, list[str]]]:
    """Each version with the unified diff (difflib) from the one before it."""
    versions = list(letter.versions.select_related("author"))
    out, before = [], None
    for version in versions:
        lines = [] if before is None else list(difflib.unified_diff(
            before.as_text().splitlines(), version.as_text().splitlines(),
            fromfile=f"versi {before.number}", tofile=f"versi {version.number}", lineterm=""))
        out.append((version, lines))
        before = version
    return out
