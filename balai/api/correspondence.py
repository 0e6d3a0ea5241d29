"""Persuratan in the REST API (read-only): the agenda book as the token's user may see it,
one letter with its disposition tree, and the user's SRIKANDI-style queue counts.

Scoped by `balai.correspondence.selectors`, exactly as the pages: who sees a letter follows
its security class and its disposition tree; a rahasia letter outside the user's tree is
not in the list and its id is a 404. Only officials with a position in the office and the
front office may use it (others get 403). Scans are not served here.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from balai.api.ids import object_id_or_404
from balai.correspondence import selectors
from balai.correspondence.forms import SearchForm
from balai.correspondence.models import IncomingLetter

ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH,
                                description="The letter's id.")
SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words of the subject or summary, "
                     "or the tracking code."),
    OpenApiParameter("sender", OpenApiTypes.STR, description="Part of the sender's name."),
    OpenApiParameter("number", OpenApiTypes.STR, description="The letter's number or the "
                     "agenda number."),
    OpenApiParameter("received_from", OpenApiTypes.DATE, description="Received on or after "
                     "this local day."),
    OpenApiParameter("received_to", OpenApiTypes.DATE, description="Received on or before "
                     "this local day."),
    OpenApiParameter("classification", OpenApiTypes.STR, description="Archive "
                     "classification code prefix, e.g. 000.1."),
    OpenApiParameter("status", OpenApiTypes.STR, enum=IncomingLetter.Status.values),
]


class DispositionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    depth = serializers.IntegerField()
    sender = serializers.CharField(source="sender.get_full_name")
    recipient = serializers.CharField(source="recipient.get_full_name")
    instructions = serializers.ListField(child=serializers.CharField(),
                                         source="instruction_labels")
    notes = serializers.CharField()
    due_on = serializers.DateField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    read_at = serializers.DateTimeField(allow_null=True)
    response = serializers.CharField()


class LetterSerializer(serializers.ModelSerializer):
    agenda = serializers.CharField(source="agenda_label", read_only=True)
    addressee = serializers.CharField(source="addressee.title", read_only=True)
    classification = serializers.CharField(source="classification.code", allow_null=True,
                                           read_only=True, default=None)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    urgency_label = serializers.CharField(source="get_urgency_display", read_only=True)
    security_label = serializers.CharField(source="get_security_display", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:correspondence-letter-detail")

    class Meta:
        model = IncomingLetter
        fields = ["id", "code", "url", "agenda", "unit_code", "agenda_year", "agenda_number",
                  "sender_name", "letter_number", "letter_date", "received_at", "subject",
                  "urgency", "urgency_label", "security", "security_label", "classification",
                  "addressee", "status", "status_label", "channel", "created_at"]
        read_only_fields = fields


class LetterDetailSerializer(LetterSerializer):
    summary = serializers.CharField(read_only=True)
    dispositions = serializers.SerializerMethodField()

    class Meta(LetterSerializer.Meta):
        fields = [*LetterSerializer.Meta.fields, "summary", "dispositions"]
        read_only_fields = fields

    @extend_schema_field(DispositionSerializer(many=True))
    def get_dispositions(self, letter):
        rows = []
        for disposition, depth in selectors.disposition_tree(letter):
            disposition.depth = depth
            rows.append(disposition)
        return DispositionSerializer(rows, many=True).data


class QueuesSerializer(serializers.Serializer):
    incoming_unread = serializers.IntegerField()
    dispositions_pending = serializers.IntegerField()
    dispositions_overdue = serializers.IntegerField()
    to_review = serializers.IntegerField()
    to_sign = serializers.IntegerField()
    returned = serializers.IntegerField()
    not_sent = serializers.IntegerField()
    received = serializers.IntegerField()
    copies = serializers.IntegerField()


@extend_schema(tags=["correspondence"])
class IncomingLetterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                            viewsets.GenericViewSet):
    keyset_field = "received_at"
    lookup_value_regex = "[^/]+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not selectors.correspondence_scope(request.user).is_member:
            raise exceptions.PermissionDenied(_("Correspondence is for the office's "
                                                "officials and its front office."))

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's visit
            return IncomingLetter.objects.none()
        search = SearchForm(self.request.query_params or None)
        if search.is_bound and not search.is_valid():
            raise exceptions.ValidationError(search.errors)
        filters = dict(search.cleaned_data) if search.is_bound else {}
        status = self.request.query_params.get("status", "")
        if status and status not in IncomingLetter.Status.values:
            raise exceptions.ValidationError({"status": [_("Unknown status.")]})
        filters["status"] = status
        return (selectors.letter_search(user=self.request.user, **filters)
                .filter(is_visible=True)
                .select_related("addressee", "classification"))

    def get_serializer_class(self):
        return LetterSerializer if self.action == "list" else LetterDetailSerializer

    def get_object(self):
        return selectors.letter_for(user=self.request.user,
                                    pk=object_id_or_404(self.kwargs.get("pk", "")))

    @extend_schema(summary="The agenda book as you may see it, newest first",
                   parameters=SEARCH_PARAMETERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="One incoming letter with its disposition tree",
                   parameters=[ID_PARAMETER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(summary="Your queues' counts (SRIKANDI-style)", responses=QueuesSerializer)
    @action(detail=False, methods=["get"], pagination_class=None)
    def queues(self, request):
        counts = selectors.queues_for(user=request.user, today=timezone.localdate())
        return Response(QueuesSerializer(counts).data)
