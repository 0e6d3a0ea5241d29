"""Reads of the market, scoped by who looks (STYLE.md rule 4).

The public sees live listings and a seller's business name, kelurahan and badges: never
the WhatsApp number, the e-mail or the licence numbers' owner details. Diskominfo's KIM
officers moderate every seller; a KIM's officers moderate the sellers of their KIM.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from balai.community_groups.selectors import kim_scope
from balai.market.models import Listing, Report, Seller
from balai.market.workflow import MODERATOR, SELLER, TRUSTED, WORKFLOW

SORTS = {
    "terbaru": ("-published_at", "-pk"),
    "termurah": ("price", "pk"),
    "termahal": ("-price", "-pk"),
}


@dataclass(frozen=True)
class MarketScope:
    moderates_all: bool = False
    kim_ids: frozenset[int] = frozenset()

    @property
    def is_moderator(self) -> bool:
        return self.moderates_all or bool(self.kim_ids)

    def moderates(self, seller: Seller) -> bool:
        return self.moderates_all or (seller.kim_id is not None and seller.kim_id in self.kim_ids)

    def sellers(self) -> QuerySet[Seller]:
        sellers = Seller.objects.select_related("kim", "kelurahan")
        return sellers if self.moderates_all else sellers.filter(kim_id__in=self.kim_ids)


def market_scope(user) -> MarketScope:
    kims = kim_scope(user)
    return MarketScope(moderates_all=kims.keeps_all, kim_ids=kims.kim_ids)


def seller_sides(seller: Seller) -> set[str]:
    return {SELLER, TRUSTED} if seller.trusted else {SELLER}


def seller_actions(listing: Listing, seller: Seller) -> list[str]:
    return [t.action for t in WORKFLOW.offered(listing.status, seller_sides(seller))]


def moderator_actions(listing: Listing) -> list[str]:
    return [t.action for t in WORKFLOW.offered(listing.status, {MODERATOR})]


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    category: str = ""
    kelurahan: str = ""  # area code
    kim: str = ""  # KIM slug
    price_min: int | None = None
    price_max: int | None = None
    badges: tuple[str, ...] = ()  # "halal", "pirt", "nib", "bpom"
    sort: str = "terbaru"


def listing_search(filters: SearchFilters) -> QuerySet[Listing]:
    """Live listings matching the filters, in the chosen order; one query per page."""
    rows = Listing.objects.live().select_related("seller", "kelurahan").only(
        "code", "title", "price", "category", "stock_note", "published_at", "status",
        "badge_nib", "badge_pirt", "badge_halal", "badge_bpom", "kelurahan__name",
        "seller__business_name", "seller__kim_id")
    for word in filters.q.lower().split()[:5]:
        rows = rows.filter(search_text__contains=word)
    if filters.category:
        rows = rows.filter(category=filters.category)
    if filters.kelurahan:
        rows = rows.filter(kelurahan__code=filters.kelurahan)
    if filters.kim:
        rows = rows.filter(kim__slug=filters.kim)
    if filters.price_min is not None:
        rows = rows.filter(price__gte=filters.price_min)
    if filters.price_max is not None:
        rows = rows.filter(price__lte=filters.price_max)
    for badge in filters.badges:
        rows = rows.filter(**{f"badge_{badge}": True})
    return rows.order_by(*SORTS.get(filters.sort, SORTS["terbaru"]))


def listing_public(code: str) -> Listing:
    listing = Listing.objects.live().select_related("seller__kelurahan", "kelurahan", "kim") \
        .filter(code=code).first()
    if listing is None:
        raise Http404
    return listing


def listing_of_seller(code: str, seller: Seller) -> Listing:
    listing = seller.listings.filter(code=code).first()
    if listing is None:
        raise Http404
    return listing


def listing_for_moderator(code: str, user) -> tuple[Listing, MarketScope]:
    scope = market_scope(user)
    listing = Listing.objects.select_related("seller__kim", "kelurahan").filter(
        code=code).first()
    if listing is None or not scope.moderates(listing.seller):
        raise Http404
    return listing, scope


def seller_for_moderator(pk: int, user) -> tuple[Seller, MarketScope]:
    scope = market_scope(user)
    seller = scope.sellers().filter(pk=pk).first()
    if seller is None:
        raise Http404
    return seller, scope


def moderation_queue(scope: MarketScope) -> dict[str, QuerySet]:
    seller_q = Q() if scope.moderates_all else Q(seller__kim_id__in=scope.kim_ids)
    return {
        "sellers": scope.sellers().filter(status=Seller.Status.PENDING).order_by("created_at"),
        "listings": Listing.objects.filter(seller_q, status=Listing.Status.REVIEW)
        .select_related("seller").order_by("updated_at"),
        "reports": Report.objects.filter(resolved_at__isnull=True)
        .filter(Q() if scope.moderates_all else Q(listing__seller__kim_id__in=scope.kim_ids))
        .select_related("listing").order_by("created_at"),
    }


def live_listing_codes_for_sitemap() -> QuerySet:
    return Listing.objects.live().order_by("-published_at").values("code", "updated_at")
