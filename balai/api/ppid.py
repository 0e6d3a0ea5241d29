"""Read-only PPID endpoints: information requests scoped by `balai.ppid.selectors`.

As on the PPID staff pages: only PPID staff (utama, pembantu, atasan, kepala dinas,
admin) may use them (others get 403); a PPID pembantu sees only what was delegated to
their OPD (404 for the rest); NIK and address in full only where `can_see_identity`
allows, the NIK masked otherwise, as the pages do.
"""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.response import Response

from balai.agencies.models import Agency
from balai.api.filters import CodeFilter, DayFilter
from balai.api.ids import object_id_or_404
from balai.api.serializers import AgencyRefSerializer, TimelineEntrySerializer
from balai.core.audit import audit_trail
from balai.lib.nik import nik_mask
from balai.ppid import selectors
from balai.ppid.models import InformationRequest, overdue_q

R = InformationRequest
ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH,
                                description="The request's id.")


class RequestFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        # No DISTINCT: a status is a column of the row (DISTINCT over a million rows is
        # what made this filter slow at scale).
        distinct=False, choices=R.Status.choices,
        help_text=_("One or more statuses (repeat the parameter)."))
    delegated_to = CodeFilter(
        field_name="delegated_to", model=Agency,
        help_text=_("Code of the OPD whose PPID pembantu handles it."))
    received_from = DayFilter(
        field_name="received_at", edge="from",
        help_text=_("Received on or after this day (local date, YYYY-MM-DD)."))
    received_to = DayFilter(
        field_name="received_at", edge="to",
        help_text=_("Received on or before this day (local date, YYYY-MM-DD)."))
    late = django_filters.BooleanFilter(
        method="filter_late", help_text=_("true: open and past the answer's due date."))

    class Meta:
        model = R
        fields = ["status", "delegated_to"]

    def filter_late(self, queryset, name, value):
        late = overdue_q(timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class RequestListSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    delegated_to = AgencyRefSerializer(read_only=True, allow_null=True)
    is_extended = serializers.BooleanField(read_only=True)
    is_late = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="api:ppid-request-detail")

    class Meta:
        model = R
        fields = ["id", "code", "url", "status", "status_label", "channel", "requester_kind",
                  "received_at", "clock_start", "due_date", "original_due_date", "is_extended",
                  "is_late", "delegated_to", "answered_at", "closed_at"]
        read_only_fields = fields

    def get_is_late(self, req) -> bool:
        return req.is_open and req.due_date < timezone.localdate()


class RequesterSerializer(serializers.Serializer):
    kind = serializers.CharField(source="requester_kind")
    name = serializers.CharField()
    nik = serializers.CharField(help_text=_("In full for PPID officers and the atasan "
                                            "PPID; masked for the others."))
    legal_document_number = serializers.CharField()
    representative_name = serializers.CharField(help_text=_(
        "For a legal entity: the person it authorises to make the request."))
    representative_nik = serializers.CharField(help_text=_(
        "The representative's NIK, masked like the NIK."))
    identity_as_given = serializers.CharField(allow_null=True, help_text=_(
        "A request by telephone or letter without a NIK: the identity as the requester gave "
        "it. Null where the NIK is masked."))
    address = serializers.CharField(allow_null=True, help_text=_(
        "Null where the NIK is masked."))
    occupation = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    identity_documents = serializers.ListField(child=serializers.CharField(), help_text=_(
        "Kinds of the documents on file; open them on the staff page."))


class DecisionSerializer(serializers.Serializer):
    """The decision's items of UU 14/2008 Pasal 22(7) a–g (the letter is on the page)."""

    is_held = serializers.BooleanField()
    holder = serializers.CharField()
    outcome = serializers.CharField()
    outcome_label = serializers.CharField(source="get_outcome_display")
    exemption = serializers.CharField()
    other_ground = serializers.CharField()
    given = serializers.CharField()
    withheld = serializers.CharField()
    withheld_reason = serializers.CharField()
    form = serializers.CharField()
    delivery = serializers.CharField()
    cost = serializers.IntegerField()
    decided_at = serializers.DateTimeField()


class ObjectionSerializer(serializers.Serializer):
    """A keberatan on the request (UU 14/2008 Pasal 35), without the proxy's name."""

    code = serializers.CharField(allow_null=True)
    grounds = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()
    filed_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    outcome = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class CommissionTimelineSerializer(serializers.Serializer):
    """The Komisi Informasi's own clock (UU 14/2008 Pasal 38), from the filing date."""

    start_by = serializers.DateField(source="start.due")
    finish_by = serializers.DateField(source="finish.due")
    started_late = serializers.BooleanField()
    not_started = serializers.BooleanField()
    decided_late = serializers.BooleanField()
    overdue = serializers.BooleanField()


class DisputeSerializer(serializers.Serializer):
    """A sengketa at the Komisi Informasi."""

    stage = serializers.CharField()
    filed_on = serializers.DateField()
    commission = serializers.CharField()
    registration_number = serializers.CharField()
    settlement_started_on = serializers.DateField(allow_null=True)
    decision_date = serializers.DateField(allow_null=True)
    timeline = CommissionTimelineSerializer()


class SkippedDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    reason = serializers.CharField()


class ClockSerializer(serializers.Serializer):
    start = serializers.DateField()
    due = serializers.DateField()
    skipped = SkippedDaySerializer(many=True)


class DeadlineSerializer(serializers.Serializer):
    answer = ClockSerializer(allow_null=True)
    extended = ClockSerializer(allow_null=True)
    after_hours = serializers.BooleanField()
    reason = serializers.CharField()


class RequestDetailSerializer(RequestListSerializer):
    requester = serializers.SerializerMethodField()
    identity_visible = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    objections = ObjectionSerializer(many=True, read_only=True)
    disputes = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    class Meta(RequestListSerializer.Meta):
        fields = [*RequestListSerializer.Meta.fields, "information", "purpose",
                  "obtain_method", "delivery_method", "delegation_note", "extension_reason",
                  "requester", "identity_visible", "decision", "objections", "disputes",
                  "deadline", "timeline"]
        read_only_fields = fields

    @extend_schema_field(RequesterSerializer)
    def get_requester(self, req):
        full = self.context.get("show_identity", False)
        return {
            "kind": req.requester_kind, "name": req.name,
            "nik": req.nik if full else nik_mask(req.nik) if req.nik else "",
            "legal_document_number": req.legal_document_number,
            "representative_name": req.representative_name,
            "representative_nik": (req.representative_nik if full else
                                   nik_mask(req.representative_nik)
                                   if req.representative_nik else ""),
            "identity_as_given": req.identity_as_given if full else None,
            "address": req.address if full else None, "occupation": req.occupation,
            "email": req.email, "phone": req.phone,
            "identity_documents": ([d.kind for d in req.identity_documents.all()] if full
                                   else []),
        }

    def get_identity_visible(self, req) -> bool:
        return bool(self.context.get("show_identity"))

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, req):
        decision = req.decision  # the decision in force
        return None if decision is None else DecisionSerializer(decision).data

    @extend_schema_field(DisputeSerializer(many=True))
    def get_disputes(self, req):
        return DisputeSerializer(
            selectors.disputes_with_timeline(req, today=timezone.localdate()), many=True).data

    @extend_schema_field(DeadlineSerializer)
    def get_deadline(self, req):
        return DeadlineSerializer(selectors.deadline_explanation(req)).data

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, req):
        return TimelineEntrySerializer(audit_trail(req), many=True, context=self.context).data


@extend_schema(tags=["ppid"])
class InformationRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                                viewsets.GenericViewSet):
    filterset_class = RequestFilter
    keyset_field = "received_at"
    lookup_value_regex = "[^/]+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not selectors.ppid_scope(request.user).is_staff:
            raise exceptions.PermissionDenied(_("Information requests are for PPID staff."))

    def get_queryset(self):
        return selectors.request_list_for(user=self.request.user).defer("secret_hash")

    def get_serializer_class(self):
        return RequestListSerializer if self.action == "list" else RequestDetailSerializer

    def get_object(self):
        return selectors.request_get_for(user=self.request.user,
                                         pk=object_id_or_404(self.kwargs.get("pk", "")))

    @extend_schema(summary="Information requests the token's user may see, newest first")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="One information request with its deadline and timeline",
                   parameters=[ID_PARAMETER])
    def retrieve(self, request, *args, **kwargs):
        req = self.get_object()
        context = {**self.get_serializer_context(),
                   "show_identity": selectors.can_see_identity(user=request.user, req=req)}
        return Response(RequestDetailSerializer(req, context=context).data)
