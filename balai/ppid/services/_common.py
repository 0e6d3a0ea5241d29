"""Helpers the PPID services share: the claim before a signed letter, saves."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from balai.documents.services import letter_number_cancel
from balai.ppid.errors import PpidTransitionError

# A claim older than this belongs to a process that died mid-letter: another officer may go.
CLAIM_EXPIRES = timedelta(minutes=10)


def _claim(model, pk: int, *, status_in) -> datetime | None:
    """Claim a case for an irreversible step (a numbered, signed letter) before taking it:
    one conditional UPDATE, committed at once, so that of two officers deciding the same
    case only one reserves a number and signs (STYLE.md, claim before you sign). Returns
    the claim's time, or None when the case is not in `status_in` or someone else holds it.
    """
    now = timezone.now()
    won = (model.objects.filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES),
                                pk=pk, status__in=list(status_in))
           .update(claimed_at=now))
    return now if won else None


def _release(model, pk: int, claimed_at: datetime) -> None:
    model.objects.filter(pk=pk, claimed_at=claimed_at).update(claimed_at=None)


def _issue_claimed(model, pk: int, *, status_in, issue, record, actor):
    """Claim, issue the letter (outside any transaction: numbering and signing take their
    own short ones), then record the decision; on any failure after the letter exists its
    number is cancelled with the reason, and the claim is let go either way."""
    claimed_at = _claim(model, pk, status_in=status_in)
    if claimed_at is None:
        fresh = model.objects.get(pk=pk)
        if fresh.status not in status_in:
            raise PpidTransitionError(_("This case has already been decided."), code="done")
        raise PpidTransitionError(_("Another officer is issuing a letter for this case right "
                                    "now. Reload the page in a moment."), code="claimed")
    letter = None
    try:
        letter = issue()
        with transaction.atomic():
            return record(letter)
    except Exception as exc:
        if letter is not None:
            letter_number_cancel(number=letter.number, actor=actor, reason=(
                f"Letter not used: the decision could not be recorded "
                f"({type(exc).__name__}: {exc})")[:500])
        raise
    finally:
        _release(model, pk, claimed_at)


def _date_text(value: date) -> str:
    return formats.date_format(value, "j F Y")
