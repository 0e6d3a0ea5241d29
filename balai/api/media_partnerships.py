"""Public, read-only media-partnership endpoints: what the transparency page shows.

The verified partners (name, company, media type, Press Council status, tier and how long
the verification runs) and, per budget year, the amounts ordered and paid per outlet and
per OPD — the latter only while MEDIA_PARTNERSHIP_TRANSPARENCY is on. Nothing private ever:
no NPWP, NIB, bank account, address, contact, document, private link or proof file. Open
to anyone (no token needed), throttled like every anonymous client.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from balai.media_partnerships import selectors
from balai.media_partnerships.models import MediaOutlet

YEARS = (2000, 2100)


class PartnerSerializer(serializers.ModelSerializer):
    media_type_label = serializers.CharField(source="get_media_type_display", read_only=True)
    press_council_status_label = serializers.CharField(
        source="get_press_council_status_display", read_only=True)

    class Meta:
        model = MediaOutlet
        # The transparency page's columns, and nothing else of the outlet's row.
        fields = ["id", "name", "company_name", "media_type", "media_type_label",
                  "press_council_status", "press_council_status_label", "tier",
                  "verified_until", "created_at"]
        read_only_fields = fields


@extend_schema(tags=["media partnerships"], auth=[],
               summary="Verified media partners (public), newest registrations first")
class PartnerList(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = PartnerSerializer
    keyset_field = "created_at"

    def get_queryset(self):
        return selectors.verified_partners(today=timezone.localdate())


class SpendingRowSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("The outlet's or the OPD's name."))
    orders = serializers.IntegerField(help_text=_("Orders under agreement or completed."))
    ordered = serializers.IntegerField(help_text=_("Amount ordered (Rp)."))
    paid = serializers.IntegerField(help_text=_("Amount paid by SP2D (Rp)."))


class SpendingSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    by_outlet = SpendingRowSerializer(many=True)
    by_agency = SpendingRowSerializer(many=True)


@extend_schema(tags=["media partnerships"], auth=[],
               summary="A budget year's media-partnership spending per outlet and per OPD "
                       "(public, when the installation publishes it)",
               parameters=[OpenApiParameter("year", OpenApiTypes.INT, OpenApiParameter.PATH,
                                            description="The budget year (2000–2100).")],
               responses={200: SpendingSerializer,
                          404: OpenApiResponse(description="Amounts are not published, or "
                                                           "the year is out of range.")})
class Spending(APIView):
    permission_classes = [AllowAny]

    def get(self, request, year: str):
        if not settings.MEDIA_PARTNERSHIP_TRANSPARENCY:
            raise exceptions.NotFound(_("This installation does not publish media-partnership "
                                        "amounts."))
        year = int(year)
        if not YEARS[0] <= year <= YEARS[1]:
            raise exceptions.NotFound(_("Give a budget year from 2000 to 2100."))
        return Response(SpendingSerializer({
            "year": year, "by_outlet": selectors.spending_by(year=year, by="outlet"),
            "by_agency": selectors.spending_by(year=year, by="agency")}).data)
