"""Every change to letter numbers and issued documents: one service each, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.documents.models import Classification, LetterNumber, NumberSequence, format_number


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
