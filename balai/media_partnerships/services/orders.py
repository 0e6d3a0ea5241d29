"""The rate card and the OPDs' orders: one price list for every OPD; a price above it only
with an authorised person's recorded reason; the agreement through document_issue."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.tracking import case_code
from balai.core.workflow import save_changed
from balai.documents.models import IssuedDocument
from balai.documents.services import document_issue, letter_number_cancel
from balai.media_partnerships import notify
from balai.media_partnerships.letters import (
    contract_context,
    letter_classification,
    letter_signer,
    rupiah,
)
from balai.media_partnerships.models import MediaOutlet, Order, OrderItem, RateCard, RateItem
from balai.media_partnerships.selectors import media_scope
from balai.media_partnerships.workflow import ORDER_WORKFLOW


@dataclass
class RateLine:
    media_type: str
    item_kind: str
    tier: str
    price: int
    unit: str = "per tayang"


def rate_card_save(*, year: int, legal_basis: str, lines: list[RateLine], actor) -> RateCard:
    """Set the year's one rate card (every OPD orders from it); lines are added or repriced,
    never removed, so orders keep the price they were made at."""
    if not legal_basis.strip():
        raise ValidationError({"legal_basis": _("Name the regulation that sets the prices.")})
    with transaction.atomic():
        card, _created = RateCard.objects.update_or_create(
            year=year, defaults={"legal_basis": legal_basis.strip()})
        prices = []
        for line in lines:
            key = {"media_type": line.media_type, "item_kind": line.item_kind,
                   "tier": line.tier}
            was = RateItem.objects.filter(card=card, **key).values_list("price", flat=True)
            prices.append({**key, "price": line.price, "was": was.first()})
            RateItem.objects.update_or_create(
                card=card, **key, defaults={"price": line.price, "unit": line.unit})
        log_action(card, "media_partnerships.rate_card_saved", actor=actor,
                   data={"year": year, "legal_basis": card.legal_basis, "lines": len(lines),
                         "prices": prices})
    return card


def card_price(*, year: int, media_type: str, item_kind: str, tier: str) -> int | None:
    """The rate card's price for this item, or None where the card has none."""
    return (RateItem.objects.filter(card__year=year, media_type=media_type,
                                    item_kind=item_kind, tier=tier)
            .values_list("price", flat=True).first())


@dataclass
class OrderData:
    agency_id: int
    outlet: MediaOutlet
    year: int
    budget_line: str
    ceiling: int
    contract_kind: str
    contract_reference: str
    period_start: date
    period_end: date


def order_create(*, data: OrderData, actor, now: datetime | None = None) -> Order:
    """An OPD's order, only from an outlet verified for the whole period."""
    scope = media_scope(actor)
    if not scope.may_order_for(data.agency_id):
        raise ValidationError({"agency": _("You may order only for your own agency.")})
    errors = {}
    outlet = data.outlet
    if not outlet.is_verified_on(data.period_start) or not outlet.is_verified_on(
            data.period_end):
        errors["outlet"] = _("%(outlet)s is not a verified partner for the whole period.") % {
            "outlet": outlet.name}
    if data.period_end < data.period_start:
        errors["period_end"] = _("The period ends before it starts.")
    if not RateCard.objects.filter(year=data.year).exists():
        errors["year"] = _("There is no rate card for %(year)s yet.") % {"year": data.year}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        order = Order(code=uuid.uuid4().hex[:20], agency_id=data.agency_id, outlet=outlet,
                      year=data.year, budget_line=data.budget_line.strip(),
                      ceiling=data.ceiling, contract_kind=data.contract_kind,
                      contract_reference=data.contract_reference.strip(),
                      period_start=data.period_start, period_end=data.period_end,
                      created_by=actor)
        order.full_clean(exclude=["code", "created_by", "contract_letter"])
        order.save()
        order.code = case_code("MED", data.year, order.pk)
        order.save(update_fields=["code"])
        if now is not None:
            Order.objects.filter(pk=order.pk).update(created_at=now)
        log_action(order, "media_partnerships.order_created", actor=actor,
                   data={"outlet": outlet.name, "ceiling": data.ceiling})
    return order


def order_total(order: Order) -> int:
    return order.items.aggregate(total=Sum(F("quantity") * F("unit_price")))["total"] or 0


def order_item_add(*, order: Order, item_kind: str, description: str, quantity: int,
                   unit_price: int, above_card_reason: str = "", actor) -> OrderItem:
    """Add an item at its price. A price above the rate card is refused unless the actor may
    authorise it (the media officer, the head of office or of the ordering OPD) and records
    a reason (the Jepara and Central Java findings)."""
    scope = media_scope(actor)
    outlet = order.outlet
    card = card_price(year=order.year, media_type=outlet.media_type, item_kind=item_kind,
                      tier=outlet.tier)
    reason = (above_card_reason or "").strip()
    if card is None:
        raise ValidationError({"item_kind": _(
            "The %(year)s rate card has no price for this item for %(media)s outlets of tier "
            "%(tier)s.") % {"year": order.year, "media": outlet.get_media_type_display(),
                            "tier": outlet.tier or "-"}})
    above = unit_price > card
    if above and not reason:
        raise ValidationError({"unit_price": _(
            "%(price)s is above the rate card's %(card)s. Lower the price, or have an "
            "authorised official record the reason.") % {"price": rupiah(unit_price),
                                                        "card": rupiah(card)}})
    if above and not scope.may_authorise_above_card(order.agency_id):
        raise ValidationError({"above_card_reason": _(
            "Only the media officer, the head of office or the head of the ordering agency may "
            "authorise a price above the rate card.")})
    with transaction.atomic():
        order = ORDER_WORKFLOW.lock(order, "add_item")
        if order_total(order) + quantity * unit_price > order.ceiling:
            raise ValidationError({"quantity": _(
                "This item would take the order above its ceiling of %(ceiling)s.")
                % {"ceiling": rupiah(order.ceiling)}})
        item = OrderItem.objects.create(
            order=order, item_kind=item_kind, description=description.strip(),
            quantity=quantity, unit_price=unit_price, card_price=card,
            above_card_reason=reason if above else "",
            above_card_approved_by=actor if above else None)
        log_action(order, "media_partnerships.order_item_added", actor=actor,
                   data={"item": item.description, "unit_price": unit_price,
                         "card_price": card})
        if above:
            log_action(order, "media_partnerships.order_above_card", actor=actor,
                       data={"item": item.description, "unit_price": unit_price,
                             "card_price": card, "reason": reason})
    return item


def order_contract(*, order: Order, actor, backend=None, now: datetime | None = None) -> Order:
    """Issue the agreement (MEDIA_CONTRACT) for a draft order with its items."""
    now = now or timezone.now()
    if not order.items.exists():
        raise ValidationError(_("Add the items ordered before issuing the agreement."))
    if not ORDER_WORKFLOW.claim(order, "contract", status=Order.Status.CONTRACTED):
        ORDER_WORKFLOW.lock(order, "contract")  # raises: the order moved on
    letter = None
    try:
        letter = document_issue(
            kind=IssuedDocument.Kind.MEDIA_CONTRACT, context=contract_context(order=order),
            unit=settings.MEDIA_PARTNERSHIP_LETTER_UNIT, classification=letter_classification(),
            signer=letter_signer(actor), actor=actor, backend=backend, agency=order.agency,
            now=now)
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            order.contract_letter = letter
            save_changed(order, "contract_letter")
            entry = log_action(order, "media_partnerships.order_contracted", actor=actor,
                               data={"letter": letter.number.full_number})
            notify.order_contracted(order, key=entry.pk)
    except Exception as exc:
        Order.objects.filter(pk=order.pk).update(status=Order.Status.DRAFT)
        if letter is not None:
            letter_number_cancel(number=letter.number, actor=actor, reason=(
                f"Letter not used: the agreement could not be recorded "
                f"({type(exc).__name__}: {exc})")[:500])
        raise
    return order


def order_complete(*, order: Order, actor) -> Order:
    """Close an order whose items are all proven: nothing more is published under it."""
    with transaction.atomic():
        order = ORDER_WORKFLOW.lock(order, "complete")
        unproven = [i.description for i in order.items.all() if not i.deliverables.exists()]
        if unproven:
            raise ValidationError(_("These items have no proof of publication yet: %(items)s")
                                  % {"items": "; ".join(unproven)})
        order.status = Order.Status.COMPLETED
        save_changed(order, "status")
        log_action(order, "media_partnerships.order_completed", actor=actor)
    return order


def order_cancel(*, order: Order, reason: str, actor) -> Order:
    """Cancel a draft order (before its agreement), with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling the order.")})
    with transaction.atomic():
        order = ORDER_WORKFLOW.lock(order, "cancel")
        order.status = Order.Status.CANCELLED
        save_changed(order, "status")
        log_action(order, "media_partnerships.order_cancelled", actor=actor,
                   data={"reason": reason.strip()})
    return order
