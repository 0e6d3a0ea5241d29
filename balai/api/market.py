"""Public, read-only endpoints of the UMKM market and the KIM registry.

What the public pages show and nothing more: live listings found with the same selector as
the public search (`market.selectors.listing_search`), the listed KIM with their structure
(names and positions), posts and activities. Never a seller's WhatsApp number, e-mail, NIK
or licence numbers, never an officer's phone or a member's contact: a buyer reaches the
seller through `contact_url`, the rate-limited redirect of the listing page. Anyone may
read them (no token needed); callers without a token are throttled per address.
"""

from __future__ import annotations

import base64
import binascii
import json

import django_filters
from django import forms
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from balai.api.pagination import KeysetPagination
from balai.api.serializers import AreaRefSerializer
from balai.community_groups import selectors as kim_selectors
from balai.community_groups.models import Kim, Officer, Post
from balai.market import selectors
from balai.market.forms import BADGES
from balai.market.models import Category, Listing, ListingPhoto

# API sort values -> the public search's (market.selectors.SORTS).
SORTS = {"newest": "terbaru", "price": "termurah", "-price": "termahal"}
MAX_PRICE = 10**15  # far above any listing; keeps a filter value inside a bigint
LISTING_FIELDS = (
    "code", "title", "description", "price", "category", "stock_note", "published_at",
    "expires_on", "status", "badge_nib", "badge_pirt", "badge_halal", "badge_bpom",
    "kelurahan__code", "kelurahan__name", "kim__slug", "kim__name",
    "seller__business_name")


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def text_parameter(name: str, max_length: int, description: str) -> OpenApiParameter:
    """A free-text query parameter with the length its filter accepts, documented."""
    return OpenApiParameter(name, {"type": "string", "maxLength": max_length},
                            OpenApiParameter.QUERY, description=description)


# --- listings ------------------------------------------------------------------------------

class PriceField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=MAX_PRICE, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class PriceFilter(django_filters.Filter):
    field_class = PriceField


class ListingFilter(django_filters.FilterSet):
    """The public search's filters (market.selectors.SearchFilters), by their API names."""

    q = django_filters.CharFilter(max_length=100, help_text=_(
        "Words in the title or the business name (all of them)."))
    category = django_filters.ChoiceFilter(choices=Category.choices,
                                           help_text=_("One of the eight categories."))
    kelurahan = django_filters.CharFilter(max_length=20, help_text=_(
        "Kemendagri code of the listing's kelurahan."))
    kim = django_filters.CharFilter(max_length=80, help_text=_("The KIM's slug."))
    price_min = PriceFilter(help_text=_("Lowest price in rupiah."))
    price_max = PriceFilter(help_text=_("Highest price in rupiah."))
    badge = django_filters.MultipleChoiceFilter(
        choices=BADGES, help_text=_("Licence badges the listing must carry (repeat the "
                                    "parameter: all of them)."))
    sort = django_filters.ChoiceFilter(
        choices=[(key, key) for key in SORTS], help_text=_(
            "newest (default), price (cheapest first) or -price (dearest first)."))

    class Meta:
        model = Listing
        fields: list[str] = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        found = selectors.listing_search(selectors.SearchFilters(
            q=data.get("q") or "", category=data.get("category") or "",
            kelurahan=data.get("kelurahan") or "", kim=data.get("kim") or "",
            price_min=data.get("price_min"), price_max=data.get("price_max"),
            badges=tuple(data.get("badge") or ()),
            sort=SORTS[data.get("sort") or "newest"]))
        return found.select_related("kim").only(*LISTING_FIELDS).prefetch_related(
            Prefetch("photos", ListingPhoto.objects.only(
                "listing_id", "image", "thumbnail", "position")))


class ListingPagination(KeysetPagination):
    """Newest first on (published_at, id) as everywhere; by price on (price, id)."""

    def paginate_queryset(self, queryset, request, view=None):
        self.sort = request.query_params.get("sort") or "newest"
        if self.sort == "newest":
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        descending = self.sort == "-price"
        size = self._page_size(request)
        key = self._decode(request.query_params.get(self.cursor_query_param))
        order = ("-price", "-id") if descending else ("price", "id")
        rows = queryset.order_by(*order)
        if key is not None:
            price, pk = key
            after = "lt" if descending else "gt"
            rows = rows.filter(Q(**{f"price__{after}": price})
                               | Q(price=price, **{f"id__{after}": pk}))
        rows = list(rows[: size + 1])
        self.next_key = None
        if len(rows) > size:
            rows = rows[:size]
            self.next_key = (rows[-1].price, rows[-1].pk)
        return rows

    def _encode(self, key) -> str:
        if self.sort == "newest":
            return super()._encode(key)
        raw = json.dumps(list(key), separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _decode(self, cursor):
        if self.sort == "newest" or cursor in (None, ""):
            return super()._decode(cursor)
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            price, pk = json.loads(raw)
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (price, pk)) \
                    or not 0 <= price <= 2**63 or not 0 < pk < 2**63:
                raise ValueError
        except (ValueError, TypeError, binascii.Error, UnicodeError):
            raise exceptions.ValidationError(
                {self.cursor_query_param: [_("This cursor is not valid: use the "
                                             "`next_cursor` of a previous page.")]}) from None
        return price, pk


class KimRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kim
        fields = ["slug", "name"]


class ListingPhotoSerializer(serializers.ModelSerializer):
    image = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()

    class Meta:
        model = ListingPhoto
        fields = ["image", "thumbnail"]

    def get_image(self, photo) -> str:
        return _absolute(self.context.get("request"), photo.image.url)

    def get_thumbnail(self, photo) -> str:
        return _absolute(self.context.get("request"), photo.thumbnail.url)


class ListingListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:market-listing-detail",
                                               lookup_field="code")
    web_url = serializers.SerializerMethodField()
    category_label = serializers.CharField(source="get_category_display")
    kelurahan = AreaRefSerializer()
    kim = KimRefSerializer(allow_null=True)
    business_name = serializers.CharField(source="seller.business_name")
    badges = serializers.ListField(child=serializers.ChoiceField(choices=BADGES))
    thumbnail = serializers.SerializerMethodField()

    class Meta:
        model = Listing
        fields = ["code", "url", "web_url", "title", "category", "category_label", "price",
                  "stock_note", "kelurahan", "kim", "business_name", "badges",
                  "published_at", "expires_on", "thumbnail"]
        read_only_fields = fields

    def get_web_url(self, listing) -> str:
        return _absolute(self.context.get("request"), listing.get_absolute_url())

    def get_thumbnail(self, listing) -> str | None:
        photos = listing.photos.all()
        if not photos:
            return None
        return _absolute(self.context.get("request"), photos[0].thumbnail.url)


class ListingDetailSerializer(ListingListSerializer):
    photos = ListingPhotoSerializer(many=True)
    contact_url = serializers.SerializerMethodField(help_text=_(
        "Redirects a buyer to the seller's WhatsApp with the listing code prefilled "
        "(rate-limited; the number itself is never given out)."))
    report_url = serializers.SerializerMethodField()

    class Meta(ListingListSerializer.Meta):
        fields = [*ListingListSerializer.Meta.fields, "description", "photos", "contact_url",
                  "report_url"]
        read_only_fields = fields

    def get_contact_url(self, listing) -> str:
        return _absolute(self.context.get("request"),
                         reverse("market:contact", args=[listing.code]))

    def get_report_url(self, listing) -> str:
        return _absolute(self.context.get("request"),
                         reverse("market:report", args=[listing.code]))


CODE_PARAMETER = OpenApiParameter(
    "code", {"type": "string", "maxLength": 20, "pattern": "^[A-Z]+-[0-9]{4}-[0-9]+$"},
    OpenApiParameter.PATH, description="The listing's code, e.g. PSR-2026-000123.")


@extend_schema(tags=["market"])
class ListingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     viewsets.GenericViewSet):
    permission_classes = [AllowAny]
    filterset_class = ListingFilter
    pagination_class = ListingPagination
    keyset_field = "published_at"
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return Listing.objects.live()

    def get_serializer_class(self):
        return ListingListSerializer if self.action == "list" else ListingDetailSerializer

    def get_object(self):
        listing = selectors.listing_public(self.kwargs["code"][:20])
        return Listing.objects.select_related("kim", "kelurahan", "seller").only(
            *LISTING_FIELDS).prefetch_related("photos").get(pk=listing.pk)

    @extend_schema(summary="Live listings of the UMKM market, with the public search's "
                           "filters", auth=[], parameters=[
                               text_parameter("q", 100, "Words in the title or the business "
                                                        "name (all of them)."),
                               text_parameter("kelurahan", 20, "Kemendagri code of the "
                                                               "listing's kelurahan."),
                               text_parameter("kim", 80, "The KIM's slug.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="One live listing", parameters=[CODE_PARAMETER], auth=[])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


# --- KIM -------------------------------------------------------------------------------------

class KimFilter(django_filters.FilterSet):
    """The public KIM list's filters (community_groups.selectors.kim_list_public)."""

    q = django_filters.CharFilter(max_length=100, help_text=_(
        "Words in the KIM's or its kelurahan's name."))
    kecamatan = django_filters.CharFilter(max_length=20, help_text=_(
        "Kemendagri code of the kecamatan."))

    class Meta:
        model = Kim
        fields: list[str] = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return kim_selectors.kim_list_public(
            q=data.get("q") or "", kecamatan=data.get("kecamatan") or "").select_related(
            "forum").order_by("name")


class KelurahanRefSerializer(AreaRefSerializer):
    kecamatan = AreaRefSerializer(source="parent", allow_null=True)

    class Meta(AreaRefSerializer.Meta):
        fields = [*AreaRefSerializer.Meta.fields, "kecamatan"]


class ForumRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class KimListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:kim-detail",
                                               lookup_field="slug")
    web_url = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")
    kelurahan = KelurahanRefSerializer()
    forum = ForumRefSerializer(allow_null=True)

    class Meta:
        model = Kim
        fields = ["slug", "url", "web_url", "name", "status", "status_label", "kelurahan",
                  "forum", "tagline", "sk_number", "sk_date", "sk_issuer", "kimid_ref"]
        read_only_fields = fields

    def get_web_url(self, kim) -> str:
        return _absolute(self.context.get("request"), kim.get_absolute_url())


class OfficerSerializer(serializers.ModelSerializer):
    position_label = serializers.CharField(source="get_position_display")

    class Meta:
        model = Officer
        fields = ["name", "position", "position_label", "section"]


class ActivitySerializer(serializers.Serializer):
    held_on = serializers.DateField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    evidence_link = serializers.CharField()


class PostRefSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ["kind", "kind_label", "title", "published_at", "event_on", "event_place",
                  "web_url"]

    def get_web_url(self, post) -> str:
        return _absolute(self.context.get("request"), post.get_absolute_url())


class CooperationSerializer(serializers.Serializer):
    partner = serializers.CharField()
    partner_region = serializers.CharField()
    started_on = serializers.DateField()
    about = serializers.CharField()


class KimDetailSerializer(KimListSerializer):
    officers = serializers.SerializerMethodField()
    member_count = serializers.SerializerMethodField()
    cooperations = CooperationSerializer(many=True)
    activities = serializers.SerializerMethodField()
    posts = serializers.SerializerMethodField()
    listings_url = serializers.SerializerMethodField(help_text=_(
        "Its members' live listings in this API."))

    class Meta(KimListSerializer.Meta):
        fields = [*KimListSerializer.Meta.fields, "founded_on", "about", "vision",
                  "mission", "public_email", "instagram", "officers", "member_count",
                  "cooperations", "activities", "posts", "listings_url"]
        read_only_fields = fields

    @extend_schema_field(OfficerSerializer(many=True))
    def get_officers(self, kim):
        return OfficerSerializer(kim_selectors.officers_public(kim), many=True).data

    def get_member_count(self, kim) -> int:
        return kim.members.count()

    @extend_schema_field(ActivitySerializer(many=True))
    def get_activities(self, kim):
        return ActivitySerializer(kim_selectors.activities_recent(kim, 10), many=True).data

    @extend_schema_field(PostRefSerializer(many=True))
    def get_posts(self, kim):
        return PostRefSerializer(kim_selectors.posts_public(kim)[:10], many=True,
                                 context=self.context).data

    def get_listings_url(self, kim) -> str:
        url = f"{reverse('api:market-listing-list')}?kim={kim.slug}"
        return _absolute(self.context.get("request"), url)


SLUG_PARAMETER = OpenApiParameter(
    "slug", {"type": "string", "maxLength": 80, "pattern": "^[-a-zA-Z0-9_]+$"},
    OpenApiParameter.PATH, description="The KIM's slug (its site is /kim/<slug>/).")



@extend_schema(tags=["kim"])
class KimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The listed KIM (all but those still forming without a decree), by name; no paging:
    a kota has a KIM per kelurahan at most."""

    permission_classes = [AllowAny]
    filterset_class = KimFilter
    pagination_class = None
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return kim_selectors.kim_list_public().select_related("forum").order_by("name")

    def get_serializer_class(self):
        return KimListSerializer if self.action == "list" else KimDetailSerializer

    def get_object(self):
        return kim_selectors.kim_public(self.kwargs["slug"][:80])

    @extend_schema(summary="The listed KIM with their kelurahan and decree", auth=[],
                   parameters=[
                       text_parameter("q", 100, "Words in the KIM's or its kelurahan's name."),
                       text_parameter("kecamatan", 20, "Kemendagri code of the kecamatan.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="One KIM: profile, structure, activities, posts",
                   parameters=[SLUG_PARAMETER], auth=[])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
