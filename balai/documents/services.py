"""Every change to letter numbers and issued documents: one service each, audited."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.documents.models import (
    Classification,
    IssuedDocument,
    LetterNumber,
    NumberSequence,
    format_number,
)
from balai.documents.render import Letter, Signer, letter_render_pdf, place
from balai.documents.signing import (
    SigningBackend,
    pdf_signature_check,
    signing_identity,
    trust_roots,
)
from balai.documents.storage import pdf_store


def _locked_sequence(*, unit_code: str, year: int) -> NumberSequence:
    """The sequence row for unit/year, created if missing and locked for this transaction.

    Two first reservations of a year can both miss the row; the loser of the INSERT race
    gets an IntegrityError inside a savepoint and then locks the winner's row.
    """
    qs = NumberSequence.objects.select_for_update()
    try:
        return qs.get(unit_code=unit_code, year=year)
    except NumberSequence.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            return NumberSequence.objects.create(unit_code=unit_code, year=year)
    except IntegrityError:
        return qs.get(unit_code=unit_code, year=year)


def letter_number_reserve(*, classification: Classification, unit: str, year: int,
                          actor) -> LetterNumber:
    """Give out the next running number of `unit` in `year` (Permendagri 83/2022).

    On PostgreSQL the sequence row is locked with SELECT ... FOR UPDATE; on SQLite the
    IMMEDIATE transaction mode (settings) already serialises writers. The number is
    never reused, even when it is cancelled later.
    """
    unit_code = unit.strip().upper()
    if not unit_code or "/" in unit_code:
        raise ValidationError(_("A unit code is required and cannot contain '/'."))
    with transaction.atomic():
        seq = _locked_sequence(unit_code=unit_code, year=year)
        seq.last_number += 1
        seq.save(update_fields=["last_number", "updated_at"])
        number = LetterNumber.objects.create(
            full_number=format_number(classification_code=classification.code,
                                      running_number=seq.last_number,
                                      unit_code=unit_code, year=year),
            classification=classification, unit_code=unit_code, year=year,
            running_number=seq.last_number,
        )
        log_action(number, "documents.number_reserved", actor=actor,
                   data={"number": number.full_number})
    return number


def letter_number_cancel(*, number: LetterNumber, reason: str, actor) -> LetterNumber:
    """Cancel a number, keeping its row and reason so it is never given again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason for cancelling the number."))
    with transaction.atomic():
        number = LetterNumber.objects.select_for_update().get(pk=number.pk)
        if number.status == LetterNumber.Status.CANCELLED:
            raise ValidationError(_("This number is already cancelled."))
        number.status = LetterNumber.Status.CANCELLED
        number.cancel_reason = reason
        number.save(update_fields=["status", "cancel_reason", "updated_at"])
        log_action(number, "documents.number_cancelled", actor=actor,
                   data={"number": number.full_number, "reason": reason})
    return number


def document_issue(*, kind: str, context: dict, unit: str, classification: Classification,
                   signer: Signer, actor, backend: SigningBackend | None = None,
                   agency=None, now: datetime | None = None) -> IssuedDocument:
    """Number, render, sign and store an official letter (Permendagri 83/2022, PP 71/2019).

    The number is reserved in its own short transaction so rendering and signing never
    hold the unit's sequence lock; if they fail, the number is cancelled with the reason,
    keeping the register without gaps. `backend` defaults to the configured P12 (or the
    demo signer); pass a BsreBackend built with the passphrase the signer typed.
    `agency` is the OPD whose case the letter answers, if any: it scopes the register.
    `now` is the issue time, the present unless a caller replays history (the demo, tests)
    with the same `now` it gives its own service, so the letter's date and the decision's
    agree.
    """
    if kind not in IssuedDocument.Kind.values:
        raise ValidationError(_("Unknown document kind."))
    missing = [k for k in ("subject", "addressee", "body") if not context.get(k)]
    if missing:
        raise ValidationError(_("The letter lacks: %(fields)s") % {"fields": ", ".join(missing)})
    backend = backend or signing_identity()
    now = now or timezone.now()
    number = letter_number_reserve(classification=classification, unit=unit,
                                   year=timezone.localdate(now).year, actor=actor)
    doc_uuid = uuid.uuid4()
    try:
        letter = Letter(
            number=number.full_number, subject=context["subject"],
            addressee=context["addressee"], body=list(context["body"]),
            addressee_place=context.get("addressee_place", ""),
            nature=context.get("nature", "Biasa"), attachments=context.get("attachments", "-"),
            details=list(context.get("details", [])),
            table=context.get("table"), closing=list(context.get("closing", [])),
            copies=list(context.get("copies", [])), signer=signer,
            issued_on=timezone.localdate(now), verify_url=verify_url(doc_uuid),
            specimen=backend.specimen,
        )
        pdf = backend.sign(letter_render_pdf(letter),
                           reason=f"{number.full_number} {context['subject']}"[:200],
                           location=place())
        check = pdf_signature_check(pdf, trust_roots=trust_roots())
        if not (check.signed and check.intact and check.whole_file):
            # Never hand out a letter whose own signature does not hold.
            raise ValidationError(_("The signing service returned an invalid signature."))
        digest, path = pdf_store(pdf)
    except Exception as exc:
        letter_number_cancel(number=number, actor=actor,
                             reason=f"Rendering or signing failed: {type(exc).__name__}")
        raise
    with transaction.atomic():
        document = IssuedDocument.objects.create(
            uuid=doc_uuid, number=number, kind=kind, unit_code=number.unit_code, agency=agency,
            subject=context["subject"][:300], addressee=context["addressee"][:300],
            signer_name=signer.name, signer_position=signer.position,
            certificate_subject=check.signer_subject[:500], specimen=backend.specimen,
            issued_at=now, sha256=digest, size=len(pdf), pdf_path=path,
        )
        log_action(document, "documents.issued", actor=actor, data={
            "number": number.full_number, "kind": kind, "sha256": digest,
            "uuid": str(doc_uuid), "specimen": backend.specimen,
        })
    return document


def verify_url(doc_uuid) -> str:
    site = settings.SITE_URL.rstrip("/")
    return f"{site}{reverse('documents:verify', kwargs={'uuid': doc_uuid})}"
