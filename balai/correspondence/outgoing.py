"""Outgoing letters (naskah dinas keluar): drafted here from a template, reviewed in order
(paraf), signed last by the named official, and only then numbered and issued through
`balai.documents.services.document_issue` (Permendagri 83/2022: no number for a draft
that is never signed, so the register has no gaps).

Signing with BSrE (UU ITE Pasal 11, PP 71/2019: the key in the signer's sole control):
the signer types the passphrase at the moment of signing; it goes into a BsreBackend for
this one call and nowhere else (no model field, no audit data, no log line, no session).
"""

from __future__ import annotations

import difflib
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.workflow import save_changed
from balai.correspondence.models import (
    IncomingLetter,
    OutgoingKind,
    OutgoingLetter,
    OutgoingVersion,
    Position,
    Review,
    Security,
)
from balai.correspondence.workflow import DRAFT_WORKFLOW
from balai.documents.bsre import BsreBackend, BsreClient, BsreError
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
SERVER_KEY_NOTE = ("Ditandatangani dengan sertifikat elektronik server instansi (segel), "
                   "bukan sertifikat pribadi penanda tangan.")
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


def bsre_backend(*, signer, passphrase: str) -> BsreBackend | None:
    """The signer's own BSrE signature for this one call, or None where no BSrE service
    is configured (the server key signs then, and the letter says so)."""
    if not settings.CORRESPONDENCE_BSRE_URL:
        return None
    position = Position.objects.filter(user=signer).first()
    if position is None or not position.nik:
        raise ValidationError(_("Your NIK for electronic signature is not recorded. Ask "
                                "the administrator to add it to your position."))
    if not passphrase:
        raise ValidationError({"passphrase": _("Enter your BSrE passphrase.")})
    client = BsreClient(base_url=settings.CORRESPONDENCE_BSRE_URL,
                        username=settings.CORRESPONDENCE_BSRE_USER,
                        password=settings.CORRESPONDENCE_BSRE_PASSWORD)
    return BsreBackend(client=client, nik=position.nik, passphrase=passphrase)


def _sign_failure_message(exc: Exception) -> str:
    if isinstance(exc, BsreError) and exc.status is None:
        return _("The BSrE signing service cannot be reached now. The letter is not signed "
                 "and keeps no number; try again later.")
    if isinstance(exc, BsreError):
        reason = str(exc).split(": ", 1)[-1] or str(exc.status)
        return _("BSrE refused to sign: %(reason)s. The letter is not signed and keeps no "
                 "number; check your passphrase and certificate and try again.") % {
            "reason": reason}
    return _("Signing failed (%(error)s). The letter is not signed and keeps no number; "
             "try again.") % {"error": type(exc).__name__}


def outgoing_sign(*, letter: OutgoingLetter, passphrase: str, actor,
                  now: datetime | None = None) -> OutgoingLetter:
    """The named signer signs: only now is the number reserved, the letter rendered with
    the letterhead and signed (BSrE with the passphrase typed now, else the server key)."""
    letter = OutgoingLetter.objects.select_related("classification", "signer").get(
        pk=letter.pk)
    if letter.signer_id != actor.pk:
        raise ValidationError(_("Only the named signer signs this letter."))
    backend = bsre_backend(signer=actor, passphrase=passphrase)
    if not DRAFT_WORKFLOW.allows("sign", letter.status) or not DRAFT_WORKFLOW.claim(
            letter, "sign", status=OutgoingLetter.Status.SIGNING, sign_error=""):
        letter.refresh_from_db()
        raise DRAFT_WORKFLOW.error(
            _("This draft is %(status)s, so it cannot be %(action)s.")
            % {"status": letter.get_status_display().lower(), "action": _("signed")},
            code="transition")
    position = Position.objects.get(user=actor)
    addressees, copies = letter.addressee_list(), letter.copy_list()
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
    }
    signer = Signer(name=actor.get_full_name(), position=position.title, nip=actor.nip,
                    rank=actor.rank)
    try:
        document = document_issue(kind=letter.kind, context=context, unit=letter.unit_code,
                                  classification=letter.classification, signer=signer,
                                  actor=actor, backend=backend, agency=position.agency,
                                  now=now)
    except Exception as exc:  # noqa: BLE001 - any failure puts the draft back, unsigned
        message = _sign_failure_message(exc)
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
