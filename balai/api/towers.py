"""Read-only tower registry endpoints, scoped by `balai.towers.selectors`.

As on the tower staff pages: only the tower officers, the head of office and the
administrators may use them (others get 403). What a registry client needs: the tower,
its OpenStreetMap tags, tenants, permits (numbers and dates, never the scans) and the
last inspections. No personal data: a company's contact person stays out.
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets

from balai.api.filters import CodeFilter
from balai.api.ids import object_id_or_404
from balai.api.serializers import AreaRefSerializer
from balai.geo.models import Area
from balai.towers import exports, selectors
from balai.towers.models import (
    Finding,
    Inspection,
    Permit,
    SiteType,
    Tenancy,
    Tower,
    TowerCompany,
)

ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH,
                                description="The tower's id.")


class TowerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", help_text=_(
        "Words in the plate code, site name, address or company (all of them)."))
    status = django_filters.MultipleChoiceFilter(
        distinct=False, choices=Tower.Status.choices,
        help_text=_("One or more statuses (repeat the parameter)."))
    site_type = django_filters.MultipleChoiceFilter(
        distinct=False, choices=SiteType.choices,
        help_text=_("One or more site types (repeat the parameter)."))
    company = django_filters.ModelChoiceFilter(
        queryset=TowerCompany.objects.all(), help_text=_("The owner company's id."))
    kelurahan = CodeFilter(field_name="kelurahan", model=Area,
                           help_text=_("Kemendagri code of the kelurahan/desa."))
    without_building_permit = django_filters.BooleanFilter(
        method="filter_without_permit",
        help_text=_("true: no PBG or IMB on record; false: one on record."))

    class Meta:
        model = Tower
        fields = ["status", "site_type", "company", "kelurahan"]

    def filter_q(self, queryset, name, value):
        return selectors.tower_search(queryset, value[:100])

    def filter_without_permit(self, queryset, name, value):
        has = selectors.has_building_permit()
        return queryset.filter(~has) if value else queryset.filter(has)


class CompanyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = TowerCompany
        fields = ["id", "name", "nib"]


class TowerListSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    site_type_label = serializers.CharField(source="get_site_type_display", read_only=True)
    height_m = serializers.FloatField(read_only=True)
    company = CompanyRefSerializer(read_only=True)
    kelurahan = AreaRefSerializer(read_only=True, allow_null=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:tower-detail")

    class Meta:
        model = Tower
        fields = ["id", "code", "url", "name", "status", "status_label", "site_type",
                  "site_type_label", "height_m", "year_built", "is_shared", "lat", "lng",
                  "address", "kelurahan", "company", "last_inspected_on", "created_at"]
        read_only_fields = fields


class TenancySerializer(serializers.ModelSerializer):
    class Meta:
        model = Tenancy
        fields = ["operator", "starts_on", "ends_on"]


class PermitSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    has_scan = serializers.SerializerMethodField()

    class Meta:
        model = Permit
        fields = ["kind", "kind_label", "number", "issued_on", "has_scan"]

    def get_has_scan(self, permit) -> bool:
        return bool(permit.file)


class InspectionSerializer(serializers.ModelSerializer):
    open_findings = serializers.IntegerField(read_only=True)

    class Meta:
        model = Inspection
        fields = ["id", "inspected_at", "in_use", "gps_accuracy_m", "distance_m", "off_point",
                  "open_findings"]


class OsmTagsSerializer(serializers.Serializer):
    """OpenStreetMap's tags for the tower (wiki.openstreetmap.org Key:tower:construction)."""

    man_made = serializers.CharField(help_text=_("mast or tower (removed:man_made when "
                                                 "dismantled)"), required=False)
    tower_type = serializers.CharField(source="tower:type")
    tower_construction = serializers.CharField(source="tower:construction")
    height = serializers.CharField()
    ref = serializers.CharField()
    owner = serializers.CharField()
    operator = serializers.CharField(required=False, help_text=_(
        "The current tenants, separated by semicolons."))
    location = serializers.CharField(required=False, help_text=_("roof, for a rooftop site"))
    start_date = serializers.CharField(required=False)


class TowerDetailSerializer(TowerListSerializer):
    tenancies = TenancySerializer(many=True, read_only=True)
    permits = PermitSerializer(many=True, read_only=True)
    has_building_permit = serializers.SerializerMethodField()
    inspections = serializers.SerializerMethodField()
    osm = serializers.SerializerMethodField()

    class Meta(TowerListSerializer.Meta):
        fields = [*TowerListSerializer.Meta.fields, "has_building_permit", "tenancies",
                  "permits", "inspections", "osm"]
        read_only_fields = fields

    def get_has_building_permit(self, tower) -> bool:
        return selectors.permit_status(tower)["building"]

    @extend_schema_field(InspectionSerializer(many=True))
    def get_inspections(self, tower):
        rows = tower.inspections.annotate(open_findings=Count(
            "findings", filter=~Q(findings__status=Finding.Status.RESOLVED)))[:10]
        return InspectionSerializer(rows, many=True).data

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_osm(self, tower):
        tower.current_tenancies = [t for t in tower.tenancies.all() if t.ends_on is None]
        return exports.osm_tags(tower)


@extend_schema(tags=["towers"])
class TowerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = TowerFilter
    keyset_field = "created_at"
    lookup_value_regex = "[^/]+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not selectors.tower_scope(request.user).is_staff:
            raise exceptions.PermissionDenied(_("The tower registry is for tower staff."))

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's visit
            return Tower.objects.none()
        return selectors.tower_list_for(user=self.request.user)

    def get_serializer_class(self):
        return TowerListSerializer if self.action == "list" else TowerDetailSerializer

    def get_object(self):
        tower = selectors.tower_get_for(user=self.request.user,
                                        pk=object_id_or_404(self.kwargs.get("pk", "")))
        return Tower.objects.prefetch_related("tenancies", "permits").select_related(
            "company", "kelurahan").get(pk=tower.pk)

    @extend_schema(summary="The tower registry, newest entries first")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="One tower with its tenants, permits, inspections and OSM tags",
                   parameters=[ID_PARAMETER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
