"""The red-flag report: what BPK keeps finding in media spending, read from the data.

1. items priced above the rate card (Jepara, Central Java);
2. the same item, for the same kind and tier of outlet, priced differently across OPDs
   (Jepara: Rp4.995 m an article at the DPRD, Rp1–2 m at Diskominfo);
3. items whose order has ended (or been invoiced) with no proof of publication (Lampung
   Timur: papers paid for, never delivered);
4. invoices unpaid more than 30 days after receipt (Jabar, Inhil);
4a. copies ordered by the copy (subscriptions) but short in the print delivery ledger
   once the order ended or was invoiced (the same Lampung Timur finding, counted);
5. partners without a valid Press Council certificate on some day while an order was
   running, read from the history of certificates (a lapse later renewed still counts;
   Lampung Barat: verification that ignored the Perbup's Dewan Pers rule).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.lib.money import rupiah
from balai.media_partnerships.models import (
    PER_COPY,
    Deliverable,
    Invoice,
    Order,
    OrderItem,
    PressCouncilCertificate,
)

UNPAID_DAYS = 30
LIVE = (Order.Status.CONTRACTED, Order.Status.COMPLETED)
KINDS = {
    "above_card": gettext_lazy("Priced above the rate card"),
    "price_spread": gettext_lazy("Same item priced differently across OPDs"),
    "no_proof": gettext_lazy("No proof of publication"),
    "short_delivery": gettext_lazy("Fewer copies delivered than ordered"),
    "unpaid": gettext_lazy("Invoice unpaid for more than 30 days"),
    "lapsed": gettext_lazy("Press Council certificate lapsed during the order"),
}


@dataclass(frozen=True)
class Flag:
    kind: str
    order_id: int | None
    order_code: str
    agency: str
    outlet: str
    detail: str
    amount: int

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


def first_uncovered_day(certificates, start: date, end: date) -> date | None:
    """The first day of [start, end] no certificate's validity covers, or None."""
    day = start
    for cert in sorted(certificates, key=lambda c: c.valid_from):
        if cert.valid_from > day:
            break
        if cert.valid_until >= day:
            day = cert.valid_until + timedelta(days=1)
        if day > end:
            return None
    return day if day <= end else None


def red_flags(orders: QuerySet[Order], *, today: date) -> list[Flag]:
    """Every flag on `orders` (already scoped to the viewer), by kind."""
    orders = orders.select_related("agency", "outlet")
    items = (OrderItem.objects.filter(order__in=orders)
             .select_related("order__agency", "order__outlet"))
    flags: list[Flag] = []

    def flag(kind, order, detail, amount):
        flags.append(Flag(kind, order.pk, order.code, order.agency.short_name or
                          order.agency.name, order.outlet.name, detail, amount))

    for item in items.filter(card_price__isnull=False, unit_price__gt=F("card_price")):
        flag("above_card", item.order, _("%(item)s at %(price)s, card %(card)s; reason: "
                                         "%(reason)s") % {
            "item": item.description, "price": rupiah(item.unit_price),
            "card": rupiah(item.card_price), "reason": item.above_card_reason or "-"},
            (item.unit_price - item.card_price) * item.quantity)

    groups = defaultdict(list)
    for item in items.filter(order__status__in=LIVE):
        key = (item.order.year, item.item_kind, item.order.outlet.media_type,
               item.order.outlet.tier)
        groups[key].append(item)
    for (year, _kind, media, tier), group in sorted(groups.items()):
        by_agency = defaultdict(set)
        for item in group:
            by_agency[item.order.agency.short_name or item.order.agency.name].add(
                item.unit_price)
        prices = {p for ps in by_agency.values() for p in ps}
        if len(by_agency) > 1 and len(prices) > 1:
            low, high = min(prices), max(prices)
            detail = _("%(kind)s, %(media)s tier %(tier)s, %(year)s: %(prices)s") % {
                "kind": group[0].get_item_kind_display(), "media": media, "tier": tier,
                "year": year, "prices": "; ".join(
                    f"{agency} {', '.join(rupiah(p) for p in sorted(ps))}"
                    for agency, ps in sorted(by_agency.items()))}
            for item in group:
                if item.unit_price == high:
                    flag("price_spread", item.order, detail, (high - low) * item.quantity)

    proven = Deliverable.objects.filter(item=OuterRef("pk"))
    invoiced = Invoice.objects.filter(order=OuterRef("order")).exclude(
        status=Invoice.Status.RETURNED)
    for item in (items.filter(order__status__in=LIVE).annotate(
            proven=Exists(proven), invoiced=Exists(invoiced))
            .filter(proven=False)):
        if item.order.period_end < today or item.invoiced:
            flag("no_proof", item.order, _("%(item)s: no proof, order ended %(end)s%(inv)s")
                 % {"item": item.description, "end": item.order.period_end.isoformat(),
                    "inv": _(", already invoiced") if item.invoiced else ""}, item.amount)

    for item in (items.filter(order__status__in=LIVE, item_kind__in=PER_COPY)
                 .annotate(invoiced=Exists(invoiced)).prefetch_related("deliverables")):
        delivered = item.copies_delivered
        if delivered and delivered < item.quantity and (item.order.period_end < today
                                                         or item.invoiced):
            flag("short_delivery", item.order, _(
                "%(item)s: %(delivered)s of %(ordered)s copies received") % {
                "item": item.description, "delivered": delivered, "ordered": item.quantity},
                (item.quantity - delivered) * item.unit_price)

    cutoff = today - timedelta(days=UNPAID_DAYS)
    for invoice in (Invoice.objects.filter(order__in=orders, status=Invoice.Status.RECEIVED,
                                           received_on__lt=cutoff)
                    .select_related("order__agency", "order__outlet")):
        flag("unpaid", invoice.order, _("Invoice %(number)s waiting %(days)s days") % {
            "number": invoice.number, "days": invoice.age_days(today)}, invoice.net_payable)

    live = list(orders.filter(status__in=LIVE))
    held = defaultdict(list)
    for cert in PressCouncilCertificate.objects.filter(
            outlet__in={o.outlet_id for o in live}).order_by("valid_from"):
        held[cert.outlet_id].append(cert)
    for order in live:
        certificates = held.get(order.outlet_id)
        if not certificates:
            continue  # never certified: the verification's checks say so, not this flag
        gap = first_uncovered_day(certificates, order.period_start, order.period_end)
        if gap is not None:
            flag("lapsed", order, _("No valid Press Council certificate from %(gap)s; order "
                                    "runs %(start)s to %(end)s; certificates: %(held)s") % {
                "gap": gap.isoformat(), "start": order.period_start.isoformat(),
                "end": order.period_end.isoformat(), "held": "; ".join(
                    f"{c.number} {c.valid_from.isoformat()}–{c.valid_until.isoformat()}"
                    for c in certificates)}, 0)
    rank = list(KINDS)
    return sorted(flags, key=lambda f: (rank.index(f.kind), f.order_code))
