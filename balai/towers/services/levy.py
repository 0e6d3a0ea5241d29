"""The legacy tower levy ledger: assessments (SKRD), payments (SSRD), reminders (surat
teguran) and the lapse of collection (reference/indonesia-rules.md §2.1–2.2)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.core.audit import log_action
from balai.core.periodic import claim_each
from balai.core.workflow import save_changed
from balai.documents.models import IssuedDocument
from balai.documents.services import document_issue, letter_number_cancel
from balai.towers import levy
from balai.towers.letters import (
    letter_classification,
    letter_signer,
    levy_assessment_context,
    levy_reminder_context,
)
from balai.towers.models import LevyAssessment, LevyPayment, Tower

# UU 1/2022 Pasal 187: the PDRD-era Perdas stayed in force for two years after 5 January
# 2022. An SKRD dated later needs a Perda named in TOWERS_LEVY_PERDA_ARTICLE.
LEGACY_UNTIL = date(2024, 1, 5)


def _refusal() -> ValidationError:
    return ValidationError(_(
        "New levy assessments are switched off. UU 1/2022 (HKPD) no longer lists the tower "
        "control levy, and the Perdas made under UU 28/2009 lapsed around 5 January 2024. An "
        "installation whose Perda still levies it must name the article in the setting "
        "TOWERS_LEVY_PERDA_ARTICLE; the ledger of earlier assessments stays open."),
        code="levy_off")


def _create(*, tower: Tower, number: str, year: int, formula: levy.Formula, issued_on: date,
            legal_basis: str, letter=None, actor) -> LevyAssessment:
    row = LevyAssessment(
        tower=tower, company=tower.company, year=year, number=number.strip(), letter=letter,
        legal_basis=legal_basis.strip(), formula=formula.as_dict(), formula_text=formula.text,
        amount=formula.amount, issued_on=issued_on, due_on=levy.due_date(issued_on),
        objection_until=levy.objection_until(issued_on),
        lapses_on=levy.lapses_on(issued_on))
    row.full_clean(exclude=["tower", "company", "letter"])
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise ValidationError({"number": _("This SKRD number is already in the ledger.")}) \
            from exc
    log_action(row, "towers.levy_assessed", actor=actor, data={
        "number": row.number, "amount": row.amount, "formula": row.formula_text,
        "legal_basis": row.legal_basis, "letter": bool(letter)})
    return row


@transaction.atomic
def levy_assessment_record(*, tower: Tower, number: str, year: int, formula: levy.Formula,
                           issued_on: date, legal_basis: str, actor) -> LevyAssessment:
    """Enter an SKRD issued on paper under the Perda then in force, for its arrears."""
    if issued_on > LEGACY_UNTIL and not settings.TOWERS_LEVY_PERDA_ARTICLE:
        raise _refusal()
    if not legal_basis.strip():
        raise ValidationError({"legal_basis": _("Name the Perda article the SKRD was issued "
                                                "under.")})
    return _create(tower=tower, number=number, year=year, formula=formula,
                   issued_on=issued_on, legal_basis=legal_basis, actor=actor)


def levy_assessment_issue(*, tower: Tower, year: int, formula: levy.Formula, actor,
                          backend=None, now: datetime | None = None) -> LevyAssessment:
    """Issue a new SKRD (numbered, signed letter) under TOWERS_LEVY_PERDA_ARTICLE; refused
    with the reason when no Perda article is named."""
    basis = settings.TOWERS_LEVY_PERDA_ARTICLE.strip()
    if not basis:
        raise _refusal()
    now = now or timezone.now()
    issued_on = timezone.localdate(now)
    with override(settings.LANGUAGE_CODE):
        context = levy_assessment_context(
            tower=tower, company=tower.company, year=year, formula_text=formula.text,
            amount=formula.amount, due_on=levy.due_date(issued_on),
            objection_until=levy.objection_until(issued_on), legal_basis=basis)
    letter = document_issue(kind=IssuedDocument.Kind.LEVY_ASSESSMENT, context=context,
                            unit=settings.TOWERS_LETTER_UNIT,
                            classification=letter_classification(),
                            signer=letter_signer(actor), actor=actor, backend=backend, now=now)
    try:
        with transaction.atomic():
            return _create(tower=tower, number=letter.number.full_number, year=year,
                           formula=formula, issued_on=issued_on, legal_basis=basis,
                           letter=letter, actor=actor)
    except Exception as exc:
        letter_number_cancel(number=letter.number, actor=actor, reason=(
            f"SKRD not recorded ({type(exc).__name__}: {exc})")[:500])
        raise


@transaction.atomic
def levy_payment_record(*, assessment: LevyAssessment, paid_on: date, amount: Decimal,
                        reference: str, actor) -> LevyPayment:
    """Record a payment (SSRD) against an unpaid assessment; paid in full closes it."""
    locked = LevyAssessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != LevyAssessment.Status.UNPAID:
        raise ValidationError(_("This assessment is %(status)s: no payment can be recorded.")
                              % {"status": locked.get_status_display().lower()})
    if paid_on < locked.issued_on:
        raise ValidationError({"paid_on": _("The payment is dated before the SKRD.")})
    if amount <= 0:
        raise ValidationError({"amount": _("Enter an amount above zero.")})
    payment = LevyPayment.objects.create(assessment=locked, paid_on=paid_on, amount=amount,
                                         reference=reference.strip())
    locked.paid_amount += amount
    fields = ["paid_amount"]
    if locked.paid_amount >= locked.amount:
        locked.status = LevyAssessment.Status.PAID
        fields.append("status")
    save_changed(locked, *fields)
    log_action(locked, "towers.levy_paid", actor=actor, data={
        "amount": amount, "paid_on": paid_on, "reference": payment.reference,
        "late_months": levy.months_late(locked.due_on, paid_on)})
    return payment


def levy_reminder_issue(*, assessment: LevyAssessment, actor, backend=None,
                        now: datetime | None = None) -> LevyAssessment:
    """Send the surat teguran (7 days after the due date at the earliest); it gives 7 days
    to pay and restarts the 3 years of collection."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if assessment.status != LevyAssessment.Status.UNPAID:
        raise ValidationError(_("Only an unpaid assessment gets a reminder."))
    if today < levy.reminder_from(assessment.due_on):
        raise ValidationError(_("A reminder may be sent from %(date)s, 7 days after the due "
                                "date.") % {"date": levy.reminder_from(assessment.due_on)
                                            .strftime("%d/%m/%Y")})
    if today >= assessment.lapses_on:
        raise ValidationError(_("Collection of this levy has lapsed."))
    with override(settings.LANGUAGE_CODE):
        context = levy_reminder_context(assessment=assessment,
                                        pay_by=levy.reminder_pay_by(today),
                                        interest=levy.interest(assessment.unpaid,
                                                               assessment.due_on, today))
    letter = document_issue(kind=IssuedDocument.Kind.LEVY_REMINDER, context=context,
                            unit=settings.TOWERS_LETTER_UNIT,
                            classification=letter_classification(),
                            signer=letter_signer(actor), actor=actor, backend=backend, now=now)
    try:
        with transaction.atomic():
            locked = LevyAssessment.objects.select_for_update().get(pk=assessment.pk)
            locked.reminder_on, locked.reminder_letter = today, letter
            locked.lapses_on = levy.lapses_on(locked.issued_on, today)
            save_changed(locked, "reminder_on", "reminder_letter", "lapses_on")
            log_action(locked, "towers.levy_reminded", actor=actor, data={
                "letter": letter.number.full_number, "lapses_on": locked.lapses_on})
            return locked
    except Exception as exc:
        letter_number_cancel(number=letter.number, actor=actor, reason=(
            f"Reminder not recorded ({type(exc).__name__}: {exc})")[:500])
        raise


def levy_lapse_sweep(*, today: date) -> int:
    """Close, once, each unpaid assessment whose collection has lapsed (stored date)."""
    selection = LevyAssessment.objects.filter(status=LevyAssessment.Status.UNPAID,
                                              lapses_on__lte=today)

    def act(row: LevyAssessment) -> None:
        log_action(row, "towers.levy_lapsed", data={"lapses_on": row.lapses_on,
                                                    "unpaid": row.unpaid})

    return claim_each(selection, act, status=LevyAssessment.Status.LAPSED)
