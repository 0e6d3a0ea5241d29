"""Invoices and payments: the taxes as configured, the SP2D that pays them, and the age
clock the outlet sees (the Jabar and Inhil findings: outlets unpaid for months)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.workflow import save_changed
from balai.lib.money import rupiah
from balai.media_partnerships import notify
from balai.media_partnerships.models import Invoice, Order
from balai.media_partnerships.workflow import ORDER_WORKFLOW


def tax_lines(amount: int, configured: list[str] | None = None) -> list[dict]:
    """The invoice's tax lines from MEDIA_PARTNERSHIP_TAX_LINES ("PPN 11%=11,PPh 23=-2"):
    a positive percent is added, a negative one withheld; rounded to the rupiah."""
    lines = []
    for entry in configured if configured is not None else settings.MEDIA_PARTNERSHIP_TAX_LINES:
        name, _sep, rate = entry.rpartition("=")
        percent = float(rate)
        lines.append({"name": name.strip(), "rate": rate.strip(),
                      "amount": round(amount * percent / 100)})
    return lines


def proven_amount(order: Order) -> int:
    """What the order's items with a recorded proof are worth: what may be invoiced (a
    subscription only for the copies the print ledger says were received)."""
    return sum(item.proven_amount for item in order.items.prefetch_related("deliverables"))


def invoice_receive(*, order: Order, number: str, received_on: date, amount: int,
                    actor) -> Invoice:
    """Record the outlet's invoice. It may not ask for more than the items proven so far,
    less what earlier invoices (not returned) asked."""
    number = number.strip()
    if not number:
        raise ValidationError({"number": _("Enter the invoice number.")})
    with transaction.atomic():
        order = ORDER_WORKFLOW.lock(order, "invoice")
        invoiced = (order.invoices.exclude(status=Invoice.Status.RETURNED)
                    .aggregate(total=Sum("amount"))["total"] or 0)
        room = proven_amount(order) - invoiced
        if amount > room:
            raise ValidationError({"amount": _(
                "The invoice asks %(amount)s but only %(room)s of items with a recorded proof "
                "of publication is not yet invoiced.") % {"amount": rupiah(amount),
                                                          "room": rupiah(max(room, 0))}})
        lines = tax_lines(amount)
        try:
            with transaction.atomic():
                invoice = Invoice.objects.create(
                    order=order, number=number, received_on=received_on, amount=amount,
                    tax_lines=lines, net_payable=amount + sum(x["amount"] for x in lines))
        except IntegrityError as exc:
            raise ValidationError({"number": _("This order already has an invoice with this "
                                               "number.")}) from exc
        entry = log_action(order, "media_partnerships.invoice_received", actor=actor,
                           data={"invoice": number, "amount": amount})
        notify.invoice_event(invoice, "receive", key=entry.pk)
    return invoice


def _locked_waiting(invoice: Invoice) -> Invoice:
    """The invoice under a row lock, if it still waits for payment."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != Invoice.Status.RECEIVED:
        raise ValidationError(_("This invoice is no longer waiting for payment."))
    return invoice


def invoice_pay(*, invoice: Invoice, sp2d_number: str, sp2d_date: date, actor) -> Invoice:
    """Record the SP2D that paid the invoice; the age clock stops on its date."""
    if not sp2d_number.strip():
        raise ValidationError({"sp2d_number": _("Enter the SP2D number.")})
    with transaction.atomic():
        invoice = _locked_waiting(invoice)
        if sp2d_date < invoice.received_on:
            raise ValidationError({"sp2d_date": _("The SP2D cannot be dated before the invoice "
                                                  "was received.")})
        invoice.status = Invoice.Status.PAID
        invoice.sp2d_number, invoice.sp2d_date = sp2d_number.strip(), sp2d_date
        save_changed(invoice, "status", "sp2d_number", "sp2d_date")
        entry = log_action(invoice.order, "media_partnerships.invoice_paid", actor=actor,
                           data={"invoice": invoice.number, "sp2d": invoice.sp2d_number,
                                 "days": invoice.age_days(sp2d_date)})
        notify.invoice_event(invoice, "pay", key=entry.pk)
    return invoice


def invoice_return(*, invoice: Invoice, reason: str, actor) -> Invoice:
    if not reason.strip():
        raise ValidationError({"reason": _("Tell the outlet why the invoice is returned.")})
    with transaction.atomic():
        invoice = _locked_waiting(invoice)
        invoice.status, invoice.return_reason = Invoice.Status.RETURNED, reason.strip()
        save_changed(invoice, "status", "return_reason")
        entry = log_action(invoice.order, "media_partnerships.invoice_returned", actor=actor,
                           data={"invoice": invoice.number, "reason": invoice.return_reason})
        notify.invoice_event(invoice, "return", key=entry.pk)
    return invoice
