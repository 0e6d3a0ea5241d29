"""Reads of media-partnership data, scoped by who is looking (STYLE.md rules 4 and 8).

The media officer (Diskominfo) sees everything; the verification team sees outlets and
applications; an OPD's operator or head sees and makes their own agency's orders; the
outlet sees its own data only, through its private link; the public sees verified
partners and, when the transparency page is on, the amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Prefetch, QuerySet, Sum
from django.http import Http404

from balai.accounts.models import Role
from balai.agencies.selectors import agency_ids_for_user
from balai.core.workflow import Transition
from balai.media_partnerships.checks import ChiefEditor, OutletFacts
from balai.media_partnerships.models import (
    Application,
    ApplicationItem,
    Deliverable,
    Invoice,
    Journalist,
    MediaOutlet,
    Order,
    OrderItem,
    RateCard,
    RateItem,
    VerificationRound,
)
from balai.media_partnerships.workflow import TEAM, WORKFLOW

READ_ALL_ROLES = {Role.KEPALA_DINAS, Role.ADMIN}
OPD_ROLES = {Role.OPERATOR_OPD, Role.KEPALA_OPD}


@dataclass(frozen=True)
class MediaScope:
    """What a user may do in the media partnerships."""

    is_officer: bool = False  # Diskominfo's media officer: every outlet, round, order
    is_team: bool = False  # the verification team (and the officer)
    agency_ids: frozenset[int] = frozenset()  # an OPD's staff: these agencies' orders
    is_head: bool = False  # a head of agency: may authorise a price above the card
    reads_all: bool = False  # head of office, admin

    @property
    def is_staff(self) -> bool:
        return self.is_officer or self.is_team or bool(self.agency_ids) or self.reads_all

    @property
    def sees_outlets(self) -> bool:
        return self.is_officer or self.is_team or self.reads_all

    @property
    def sides(self) -> frozenset[str]:
        return frozenset({TEAM}) if self.is_team else frozenset()

    def actions(self, application: Application) -> list[Transition]:
        return WORKFLOW.offered(application.status, self.sides)

    def may_order_for(self, agency_id: int) -> bool:
        return self.is_officer or agency_id in self.agency_ids

    def may_authorise_above_card(self, agency_id: int) -> bool:
        """Who may record a reason for a price above the card: the media officer, the head
        of office, or the head of the ordering agency."""
        return self.is_officer or (self.reads_all and not self.agency_ids) or (
            self.is_head and agency_id in self.agency_ids)


def media_scope(user) -> MediaScope:
    if not getattr(user, "is_authenticated", False):
        return MediaScope()
    if user.role == Role.PETUGAS_MEDIA:
        return MediaScope(is_officer=True, is_team=True)
    if user.role == Role.TIM_VERIFIKASI_MEDIA:
        return MediaScope(is_team=True)
    if user.role in OPD_ROLES:
        return MediaScope(agency_ids=frozenset(agency_ids_for_user(user=user)),
                          is_head=user.role == Role.KEPALA_OPD)
    if user.is_superuser or user.role in READ_ALL_ROLES:
        return MediaScope(reads_all=True)
    return MediaScope()


# --- outlets -----------------------------------------------------------------------------

def outlet_facts(outlet: MediaOutlet) -> OutletFacts:
    """What the automatic checks read of `outlet`, copied out of the database."""
    chief = outlet.journalists.filter(is_chief_editor=True).first()
    return OutletFacts(
        press_council_status=outlet.press_council_status,
        press_council_certificate=outlet.press_council_certificate,
        press_council_valid_until=outlet.press_council_valid_until,
        chief_editor=ChiefEditor(chief.name, chief.ukw_level, chief.ukw_valid_until)
        if chief else None,
        kbli_codes=tuple(outlet.kbli_codes), first_published_on=outlet.first_published_on,
        has_local_office=outlet.has_local_office, ekatalog_id=outlet.ekatalog_id,
        document_kinds=frozenset(outlet.documents.values_list("kind", flat=True)))


def outlet_by_link(pk: int, secret: str) -> MediaOutlet:
    """The outlet whose private link this is, or 404 (the same for a wrong key and a wrong
    id, so nobody learns which outlets exist)."""
    outlet = MediaOutlet.objects.filter(pk=pk).first()
    if outlet is None or not outlet.secret_matches(secret):
        raise Http404
    return outlet


def outlet_list_for(*, scope: MediaScope, q: str = "", status: str = "") -> QuerySet:
    if not scope.sees_outlets:
        return MediaOutlet.objects.none()
    qs = MediaOutlet.objects.all()
    if q:
        qs = qs.filter(name__icontains=q.strip()[:100])
    if status:
        qs = qs.filter(applications__status=status).distinct()
    return qs


def outlet_get_for(*, scope: MediaScope, pk: int) -> MediaOutlet:
    outlet = outlet_list_for(scope=scope).filter(pk=pk).first()
    if outlet is None:
        raise Http404
    return outlet


def journalists_of(outlet: MediaOutlet) -> QuerySet[Journalist]:
    return outlet.journalists.all()


# --- verification ------------------------------------------------------------------------

def round_open_on(day: date) -> VerificationRound | None:
    return (VerificationRound.objects.filter(opens_on__lte=day, closes_on__gte=day)
            .order_by("-opens_on").first())


def application_list_for(*, scope: MediaScope, status: str = "",
                         round_id: int | None = None) -> QuerySet[Application]:
    if not scope.sees_outlets:
        return Application.objects.none()
    qs = Application.objects.select_related("outlet", "round")
    if status:
        qs = qs.filter(status=status)
    if round_id:
        qs = qs.filter(round_id=round_id)
    return qs


def application_get_for(*, scope: MediaScope, pk: int) -> Application:
    application = (application_list_for(scope=scope)
                   .prefetch_related(Prefetch("items", queryset=ApplicationItem.objects
                                              .select_related("requirement", "checked_by")))
                   .filter(pk=pk).first())
    if application is None:
        raise Http404
    return application


def outlet_applications(outlet: MediaOutlet) -> QuerySet[Application]:
    """The outlet's own applications with their items: what its private page shows."""
    return (outlet.applications.select_related("round", "decision_letter")
            .prefetch_related(Prefetch("items", queryset=ApplicationItem.objects
                                       .select_related("requirement"))))


# --- orders ------------------------------------------------------------------------------

def order_list_for(*, scope: MediaScope) -> QuerySet[Order]:
    qs = Order.objects.select_related("agency", "outlet")
    if scope.is_officer or scope.reads_all:
        return qs
    if scope.agency_ids:
        return qs.filter(agency_id__in=scope.agency_ids)
    return qs.none()


def order_get_for(*, scope: MediaScope, pk: int) -> Order:
    order = order_list_for(scope=scope).filter(pk=pk).first()
    if order is None:
        raise Http404
    return order


def rate_items_for(*, year: int, media_type: str | None = None, tier: str | None = None):
    qs = RateItem.objects.filter(card__year=year)
    if media_type:
        qs = qs.filter(media_type=media_type)
    if tier:
        qs = qs.filter(tier=tier)
    return qs


def rate_card_for(year: int) -> RateCard | None:
    return RateCard.objects.filter(year=year).first()


def rate_card_years() -> list[int]:
    return list(RateCard.objects.values_list("year", flat=True))


def order_deliverables(order: Order) -> QuerySet[Deliverable]:
    return Deliverable.objects.filter(item__order=order).select_related("item")


def outlet_orders(outlet: MediaOutlet) -> QuerySet[Order]:
    """The outlet's own orders under agreement or done: what its private page lists."""
    return (outlet.orders.exclude(status__in=[Order.Status.DRAFT, Order.Status.CANCELLED])
            .select_related("agency").prefetch_related("items__deliverables"))


# --- invoices and transparency ----------------------------------------------------------

def order_invoices(order: Order) -> QuerySet[Invoice]:
    return order.invoices.all()


def outlet_invoices(outlet: MediaOutlet) -> QuerySet[Invoice]:
    return Invoice.objects.filter(order__outlet=outlet).select_related("order__agency")


def verified_partners(*, today: date) -> QuerySet[MediaOutlet]:
    return MediaOutlet.objects.filter(verified_until__gte=today).exclude(tier="")


LIVE_ORDERS = (Order.Status.CONTRACTED, Order.Status.COMPLETED)


def spending_by(*, year: int, by: str) -> list[dict]:
    """The year's ordered and paid amounts per outlet (`by="outlet"`) or per OPD
    (`by="agency"`), largest first."""
    field = {"outlet": "order__outlet__name", "agency": "order__agency__name"}[by]
    ordered = (OrderItem.objects.filter(order__year=year, order__status__in=LIVE_ORDERS)
               .values(field).annotate(amount=Sum(F("quantity") * F("unit_price")),
                                       orders=Count("order", distinct=True)))
    paid = dict(Invoice.objects.filter(order__year=year, status=Invoice.Status.PAID)
                .values(field).annotate(total=Sum("amount")).values_list(field, "total"))
    rows = [{"name": row[field], "orders": row["orders"], "ordered": row["amount"] or 0,
             "paid": paid.get(row[field], 0)} for row in ordered]
    return sorted(rows, key=lambda r: (-r["ordered"], r["name"]))


def spending_years() -> list[int]:
    return sorted(set(Order.objects.filter(status__in=LIVE_ORDERS)
                      .values_list("year", flat=True)), reverse=True)
