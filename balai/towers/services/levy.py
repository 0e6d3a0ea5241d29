"""The legacy tower levy ledger: assessments (SKRD), payments (SSRD), reminders (surat
teguran) and the lapse of collection (reference/indonesia-rules.md §2.1–2.2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

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
from balai.towers.errors import TowerTransitionError
from balai.towers.letters import (
    letter_classification,
    letter_signer,
    levy_assessment_context,
    levy_bill_context,
    levy_reminder_context,
)
from balai.towers.models import LevyAssessment, LevyBill, LevyObjection, LevyPayment, Tower
from balai.towers.workflow import LEVY_WORKFLOW, OBJECTION_WORKFLOW

# UU 1/2022 Pasal 187: the PDRD-era Perdas stayed in force for two years after 5 January
# 2022. An SKRD dated later needs a Perda named in TOWERS_LEVY_PERDA_ARTICLE.
LEGACY_UNTIL = date(2024, 1, 5)
T = TypeVar("T")


def _refusal() -> ValidationError:
    return ValidationError(_(
        "New levy assessments are switched off. UU 1/2022 (HKPD) no longer lists the tower "
        "control levy, and the Perdas made under UU 28/2009 lapsed around 5 January 2024. An "
        "installation whose Perda still levies it must name the article in the setting "
        "TOWERS_LEVY_PERDA_ARTICLE; the ledger of earlier assessments stays open."),
        code="levy_off")


def _issue_then_record(*, kind: str, context: dict, actor, backend, now: datetime,
                       record: Callable[[IssuedDocument], T], what: str) -> T:
    """Issue a levy letter (numbered, signed, verifiable), then `record(letter)` in one
    transaction; a letter that cannot be recorded has its number cancelled."""
    letter = document_issue(kind=kind, context=context, unit=settings.TOWERS_LETTER_UNIT,
                            classification=letter_classification(),
                            signer=letter_signer(actor), actor=actor, backend=backend, now=now)
    try:
        with transaction.atomic():
            return record(letter)
    except Exception as exc:
        letter_number_cancel(number=letter.number, actor=actor, reason=(
            f"{what} not recorded ({type(exc).__name__}: {exc})")[:500])
        raise


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
    return _issue_then_record(
        kind=IssuedDocument.Kind.LEVY_ASSESSMENT, context=context, actor=actor,
        backend=backend, now=now, what="SKRD",
        record=lambda letter: _create(
            tower=tower, number=letter.number.full_number, year=year, formula=formula,
            issued_on=issued_on, legal_basis=basis, letter=letter, actor=actor))


@transaction.atomic
def levy_payment_record(*, assessment: LevyAssessment, paid_on: date, amount: Decimal,
                        reference: str, actor) -> LevyPayment:
    """Record a payment (SSRD) against an unpaid assessment; paid in full closes it."""
    locked = LEVY_WORKFLOW.lock(assessment, "pay")
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
    if not LEVY_WORKFLOW.allows("remind", assessment.status):
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

    def record(letter: IssuedDocument) -> LevyAssessment:
        locked = LEVY_WORKFLOW.lock(assessment, "remind")
        locked.reminder_on, locked.reminder_letter = today, letter
        locked.lapses_on = levy.lapses_on(locked.issued_on, today)
        save_changed(locked, "reminder_on", "reminder_letter", "lapses_on")
        log_action(locked, "towers.levy_reminded", actor=actor, data={
            "letter": letter.number.full_number, "lapses_on": locked.lapses_on})
        return locked

    return _issue_then_record(kind=IssuedDocument.Kind.LEVY_REMINDER, context=context,
                              actor=actor, backend=backend, now=now, record=record,
                              what="Reminder")


def levy_bill_issue(*, assessment: LevyAssessment, actor, backend=None,
                    now: datetime | None = None) -> LevyBill:
    """Issue an STRD for an SKRD unpaid past its due date: the unpaid levy and 2 % interest
    for each month or part of one since (UU 28/2009 Pasal 159, the PDRD-era Perdas). One a
    day; it does not restart the lapse of collection (only a surat teguran does)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not LEVY_WORKFLOW.allows("bill", assessment.status):
        raise ValidationError(_("Only an unpaid assessment is billed."))
    months = levy.months_late(assessment.due_on, today)
    if months == 0:
        raise ValidationError(_("The levy is not late: it is due on %(date)s.") % {
            "date": assessment.due_on.strftime("%d/%m/%Y")})
    if today >= assessment.lapses_on:
        raise ValidationError(_("Collection of this levy has lapsed."))
    if LevyBill.objects.filter(assessment=assessment, issued_on=today).exists():
        raise ValidationError(_("An STRD for this SKRD was already issued today."))
    interest = levy.interest(assessment.unpaid, assessment.due_on, today)
    total = assessment.unpaid + interest
    with override(settings.LANGUAGE_CODE):
        context = levy_bill_context(assessment=assessment, today=today, months=months,
                                    interest=interest, total=total)

    def record(letter: IssuedDocument) -> LevyBill:
        locked = LEVY_WORKFLOW.lock(assessment, "bill")
        bill = LevyBill.objects.create(
            assessment=locked, letter=letter, issued_on=today, principal=locked.unpaid,
            months_late=months, interest=interest, total=total)
        log_action(locked, "towers.levy_billed", actor=actor, data={
            "letter": letter.number.full_number, "months_late": months,
            "interest": interest, "total": total})
        return bill

    # An STRD is a bill: the SKRD/STRD document kind.
    return _issue_then_record(kind=IssuedDocument.Kind.LEVY_ASSESSMENT, context=context,
                              actor=actor, backend=backend, now=now, record=record,
                              what="STRD")


def levy_lapse_sweep(*, today: date) -> int:
    """Close, once, each unpaid assessment whose collection has lapsed (stored date)."""
    selection = LevyAssessment.objects.filter(status__in=LEVY_WORKFLOW["lapse"].sources,
                                              lapses_on__lte=today)

    def act(row: LevyAssessment) -> None:
        log_action(row, "towers.levy_lapsed", data={"lapses_on": row.lapses_on,
                                                    "unpaid": row.unpaid})

    return claim_each(selection, act, status=LevyAssessment.Status.LAPSED)


@transaction.atomic
def levy_objection_file(*, assessment: LevyAssessment, received_on: date, letter_number: str,
                        grounds: str, late_reason: str = "", actor,
                        today: date | None = None) -> LevyObjection:
    """Record the company's objection to an unpaid SKRD, filed within the Perda's two months
    (or later with the circumstances that kept it from filing, UU 28/2009 Pasal 162(4));
    the regional head has six months to decide (Pasal 163(1))."""
    today = today or timezone.localdate()
    locked = LevyAssessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != LevyAssessment.Status.UNPAID:
        raise ValidationError(_("An objection is recorded against an unpaid SKRD; this one is "
                                "%(status)s.") % {"status": locked.get_status_display().lower()})
    if LevyObjection.objects.filter(assessment=locked).exists():
        raise ValidationError(_("An objection to this SKRD is already recorded."))
    errors = {}
    if not letter_number.strip():
        errors["letter_number"] = _("Enter the number of the company's objection letter.")
    if not grounds.strip():
        errors["grounds"] = _("Write the grounds the company gives.")
    if received_on > today:
        errors["received_on"] = _("The date received cannot be in the future.")
    elif received_on < locked.issued_on:
        errors["received_on"] = _("The objection is dated before the SKRD.")
    elif received_on > locked.objection_until and not late_reason.strip():
        errors["late_reason"] = _(
            "The time for an objection ended on %(date)s (two months after the SKRD). A late "
            "objection is admitted only when the company shows that circumstances beyond its "
            "control kept it from filing in time: write them here.") % {
            "date": locked.objection_until.strftime("%d/%m/%Y")}
    if errors:
        raise ValidationError(errors)
    objection = LevyObjection.objects.create(
        assessment=locked, received_on=received_on, letter_number=letter_number.strip(),
        grounds=grounds.strip(), late_reason=late_reason.strip(),
        decide_by=levy.objection_decide_by(received_on), amount_before=locked.amount)
    log_action(locked, "towers.levy_objection_filed", actor=actor, data={
        "letter": objection.letter_number, "received_on": received_on,
        "decide_by": objection.decide_by, "late": received_on > locked.objection_until,
        "grounds": objection.grounds})
    return objection


OBJECTION_DECISIONS = ("grant", "partly", "refuse", "raise")


@transaction.atomic
def levy_objection_decide(*, objection: LevyObjection, decision: str, decision_number: str,
                          decided_on: date, note: str = "", amount: Decimal | None = None,
                          actor) -> LevyObjection:
    """Record the regional head's decision (UU 28/2009 Pasal 163(3)): granted in full (the
    SKRD is withdrawn), in part (a lower amount), refused, or the levy raised. What was
    paid beyond the new amount is due back to the company, and the audit says so."""
    if decision not in OBJECTION_DECISIONS:
        raise ValidationError(_("Choose the decision."))
    errors = {}
    if not decision_number.strip():
        errors["decision_number"] = _("Enter the number of the decision.")
    if decided_on < objection.received_on:
        errors["decided_on"] = _("The decision is dated before the objection was received.")
    if decision == "partly" and not (amount and 0 < amount < objection.amount_before):
        errors["amount"] = _("Enter the lower amount the decision sets, above zero and below "
                             "Rp%(amount)s.") % {"amount": f"{objection.amount_before:,.0f}"
                                                 .replace(",", ".")}
    if decision == "raise" and not (amount and amount > objection.amount_before):
        errors["amount"] = _("Enter the raised amount, above Rp%(amount)s.") % {
            "amount": f"{objection.amount_before:,.0f}".replace(",", ".")}
    if errors:
        raise ValidationError(errors)
    locked = OBJECTION_WORKFLOW.lock(objection, decision)
    row = LevyAssessment.objects.select_for_update().get(pk=locked.assessment_id)
    fields = []
    if decision == "grant":
        row = LEVY_WORKFLOW.lock(row, "withdraw")
        row.status = LevyAssessment.Status.WITHDRAWN
        locked.status = LevyObjection.Status.GRANTED
        fields = ["status"]
    elif decision == "refuse":
        locked.status = LevyObjection.Status.REFUSED
    else:
        if decision == "raise" and row.status != LevyAssessment.Status.UNPAID:
            raise ValidationError(_("A paid SKRD cannot be raised here; issue a new one."))
        if row.status not in (LevyAssessment.Status.UNPAID, LevyAssessment.Status.PAID):
            raise TowerTransitionError(_("This SKRD is %(status)s: its amount can no longer "
                                         "change.") % {
                "status": row.get_status_display().lower()}, code="transition")
        row.amount = amount
        fields = ["amount"]
        if row.status == LevyAssessment.Status.UNPAID and row.paid_amount >= row.amount:
            row = LEVY_WORKFLOW.lock(row, "settle")
            row.amount = amount
            row.status = LevyAssessment.Status.PAID
            fields.append("status")
        locked.status = LevyObjection.Status.PARTLY if decision == "partly" \
            else LevyObjection.Status.INCREASED
        locked.amount_after = amount
    locked.decided_on, locked.decision_number = decided_on, decision_number.strip()
    locked.decision_note = note.strip()
    save_changed(locked, "status", "decided_on", "decision_number", "decision_note",
                 "amount_after")
    if fields:
        save_changed(row, *fields)
    refund = max(row.paid_amount - (0 if decision == "grant" else row.amount), 0)
    log_action(row, "towers.levy_objection_decided", actor=actor, data={
        "decision": decision, "number": locked.decision_number, "decided_on": decided_on,
        "amount_before": locked.amount_before, "amount_after": locked.amount_after,
        "refund_due": refund, "note": locked.decision_note})
    return locked


def levy_objection_deemed_sweep(*, today: date) -> int:
    """Grant, once, each objection not decided within its six months (UU 28/2009 Pasal
    163(4)): the SKRD is withdrawn (a stored, indexed date)."""
    selection = LevyObjection.objects.filter(status__in=OBJECTION_WORKFLOW["deem"].sources,
                                             decide_by__lt=today)

    def act(objection: LevyObjection) -> None:
        row = LevyAssessment.objects.select_for_update().get(pk=objection.assessment_id)
        if LEVY_WORKFLOW.allows("withdraw_deemed", row.status):
            row.status = LevyAssessment.Status.WITHDRAWN
            save_changed(row, "status")
        log_action(row, "towers.levy_objection_deemed", data={
            "decide_by": objection.decide_by, "refund_due": row.paid_amount})

    return claim_each(selection, act, status=LevyObjection.Status.GRANTED, deemed=True,
                      decided_on=today)
