"""The documents the PPID service rests on (maklumat, SOP, fee decision and schedule, the
decrees on exempt information and on the DIP), the payments for copies and the handover
of the information with its berita acara. Each change audited in its transaction."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.periodic import claim_each
from balai.ppid import notify
from balai.ppid.files import PreparedFile, store_file
from balai.ppid.models import (
    CopyPayment,
    FeeItem,
    Handover,
    InformationRequest,
    ServiceDocument,
)
from balai.ppid.monev import AMBER_DAYS
from balai.ppid.selectors import GIVEN_OUTCOMES, fee_schedule_in_force
from balai.ppid.workflow import WORKFLOW

DOCUMENT_FIELDS = ("kind", "title", "number", "issued_on", "issued_by", "summary",
                   "review_on", "is_published")
FEE_FIELDS = ("name", "medium", "unit", "amount", "position")


def _snapshot(obj, fields) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def _document_check(document: ServiceDocument) -> None:
    if document.kind != ServiceDocument.Kind.EXEMPTION_DECREE:
        document.review_on = None
    if document.issued_on and document.issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("The date of issue cannot be in the future.")})
    if document.review_on and document.issued_on and document.review_on <= document.issued_on:
        raise ValidationError({"review_on": _("The review date comes after the date of "
                                              "issue.")})
    document.full_clean()


@transaction.atomic
def service_document_save(*, document: ServiceDocument | None, data: dict, actor,
                          file: PreparedFile | None = None,
                          remove_file: bool = False) -> ServiceDocument:
    """Add or change a service document; the audit keeps each changed field."""
    if document is None:
        document, before, action = ServiceDocument(), None, "ppid.service_document_added"
    else:
        document = ServiceDocument.objects.select_for_update().get(pk=document.pk)
        before, action = _snapshot(document, DOCUMENT_FIELDS), "ppid.service_document_changed"
    for name in DOCUMENT_FIELDS:
        if name in data:
            setattr(document, name, data[name])
    if before is not None and before["kind"] != document.kind and (
            document.fee_items.exists() or document.exempt_entries.exists()):
        raise ValidationError({"kind": _("This document already carries a fee schedule or "
                                         "exempt information; its kind cannot change.")})
    if document.kind == ServiceDocument.Kind.EXEMPTION_DECREE and not document.review_on:
        document.review_on = _earliest_term(document)
    _document_check(document)
    if remove_file and document.file:
        document.file.delete(save=False)
    digest = store_file(document.file, file)
    document.save()
    after = _snapshot(document, DOCUMENT_FIELDS)
    changes = after if before is None else {
        k: {"from": before[k], "to": v} for k, v in after.items() if before[k] != v}
    log_action(document, action, actor=actor,
               data={**changes, "file_sha256": digest, "file_removed": remove_file})
    return document


def _earliest_term(document: ServiceDocument) -> date | None:
    if document.pk is None:
        return None
    return document.exempt_entries.aggregate(at=Min("exempt_until"))["at"]


@transaction.atomic
def fee_item_add(*, decision: ServiceDocument, data: dict, actor) -> FeeItem:
    """Add a line to the fee schedule of a fee decision. A softcopy is free (Pasal 21)."""
    if decision.kind != ServiceDocument.Kind.FEE_DECISION:
        raise ValidationError(_("Only a decision on fees carries a fee schedule."))
    item = FeeItem(decision=decision, **{k: v for k, v in data.items() if k in FEE_FIELDS})
    if item.medium == FeeItem.Medium.SOFTCOPY and item.amount:
        raise ValidationError({"amount": _(
            "An electronic copy (softcopy) is free: UU 14/2008 Art. 21 allows a charge only "
            "for the cost of copying and sending.")})
    item.full_clean()
    item.save()
    log_action(decision, "ppid.fee_item_added", actor=actor,
               data={"fee_item": item.pk, **_snapshot(item, FEE_FIELDS)})
    return item


@transaction.atomic
def fee_item_remove(*, item: FeeItem, actor) -> None:
    """Take a line off the schedule; one already paid for stays (the payments name it)."""
    if item.payments.exists():
        raise ValidationError(_("Payments were recorded for this item, so it stays on the "
                                "schedule. Issue a new fee decision instead."))
    log_action(item.decision, "ppid.fee_item_removed", actor=actor,
               data={"fee_item": item.pk, **_snapshot(item, FEE_FIELDS)})
    item.delete()


@transaction.atomic
def copy_payment_record(*, request: InformationRequest, fee_item: FeeItem, quantity: int,
                        paid_on: date, receipt_number: str, actor) -> CopyPayment:
    """Record a payment for copies of information given, at the schedule's price."""
    request = WORKFLOW.lock(request, "copy_payment")
    errors: dict[str, str] = {}
    decision = request.decision
    if decision is None or decision.outcome not in GIVEN_OUTCOMES:
        raise ValidationError(_("Copies are paid for only when the information was given in "
                                "full or in part."))
    if fee_item.decision_id != getattr(fee_schedule_in_force(on=paid_on), "pk", None):
        errors["fee_item"] = _("Choose an item of the fee schedule in force on the day of "
                               "payment.")
    if quantity < 1:
        errors["quantity"] = _("Enter a quantity of at least 1.")
    if paid_on > timezone.localdate():
        errors["paid_on"] = _("The day of payment cannot be in the future.")
    elif paid_on < timezone.localdate(decision.decided_at):
        errors["paid_on"] = _("The day of payment cannot come before the written notice.")
    if errors:
        raise ValidationError(errors)
    payment = CopyPayment.objects.create(
        request=request, fee_item=fee_item, quantity=quantity, unit_amount=fee_item.amount,
        amount=quantity * fee_item.amount, paid_on=paid_on,
        receipt_number=receipt_number.strip(), recorded_by=actor)
    log_action(request, "ppid.copy_paid", actor=actor, data={
        "payment": payment.pk, "item": fee_item.name, "quantity": quantity,
        "unit_amount": payment.unit_amount, "amount": payment.amount, "paid_on": paid_on,
        "receipt_number": payment.receipt_number})
    return payment


@transaction.atomic
def handover_record(*, request: InformationRequest, handed_over_on: date, method: str,
                    received_by: str, items: str, actor,
                    scan: PreparedFile | None = None) -> Handover:
    """Record the handover of the information (the berita acara serah terima): once per
    request; a later scan of the signed record may be added by recording it again."""
    request = WORKFLOW.lock(request, "handover")
    errors: dict[str, str] = {}
    decision = request.decision
    if decision is None or decision.outcome not in GIVEN_OUTCOMES:
        raise ValidationError(_("Information is handed over only when it was given in full "
                                "or in part."))
    if handed_over_on > timezone.localdate():
        errors["handed_over_on"] = _("The day of handover cannot be in the future.")
    elif handed_over_on < timezone.localdate(decision.decided_at):
        errors["handed_over_on"] = _("The day of handover cannot come before the written "
                                     "notice.")
    if not received_by.strip():
        errors["received_by"] = _("Enter the name of the person who received it.")
    if not items.strip():
        errors["items"] = _("Say what was handed over.")
    if errors:
        raise ValidationError(errors)
    handover = Handover.objects.filter(request=request).first() or Handover(request=request)
    action = "ppid.handed_over" if handover.pk is None else "ppid.handover_corrected"
    handover.handed_over_on, handover.method = handed_over_on, method
    handover.received_by, handover.items = received_by.strip(), items.strip()
    handover.recorded_by = actor
    if scan is not None:
        handover.sha256, handover.content_type = scan.sha256, scan.content_type
        store_file(handover.record_scan, scan)
    handover.full_clean(exclude=["request"])
    handover.save()
    log_action(request, action, actor=actor, data={
        "handed_over_on": handed_over_on, "method": method, "received_by": received_by,
        "scan_sha256": scan.sha256 if scan else ""})
    return handover


# --- the review of the decree on exempt information (UU 14/2008 Pasal 20) ----------------


def exemption_review_sweep(*, now: datetime | None = None) -> dict:
    """Tell the PPID utama, once for each review date, that a decree on exempt information
    is due for review within 30 days (or is past it): the terms of its exemptions end."""
    today = timezone.localdate(now or timezone.now())
    due = (ServiceDocument.objects.filter(kind=ServiceDocument.Kind.EXEMPTION_DECREE,
                                          is_published=True,
                                          review_on__lte=today + timedelta(days=AMBER_DAYS))
           .filter(Q(review_reminded_for__isnull=True) | ~Q(review_reminded_for=F("review_on"))))
    return {"reviews": claim_each(due, _review_due, review_reminded_for=F("review_on"))}


def _review_due(decree: ServiceDocument) -> None:
    log_action(decree, "ppid.exemption_review_due", data={"review_on": decree.review_on})
    notify.exemption_review_due(decree, ending=list(
        decree.exempt_entries.filter(exempt_until__lte=decree.review_on)
        .values_list("title", flat=True)))

