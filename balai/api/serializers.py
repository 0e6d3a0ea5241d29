"""What the API shows of a complaint; the reporter's identity only to those the pages show it.

List rows carry no personal data at all; the detail carries `reporter` only when
`ComplaintScope.sees_reporter` allows it (the desk, or the handling agency unless
the reporter chose anonim), otherwise null with `reporter_hidden` true.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from balai.agencies.models import Agency
from balai.complaints.models import Category, Complaint, ComplaintMessage, ComplaintPhoto
from balai.complaints.photos import MAX_PHOTOS
from balai.complaints.services import ARCHIVE_REASONS
from balai.geo.models import Area


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class AgencyRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Agency
        fields = ["code", "name"]


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["code", "name"]


class AreaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["code", "name"]


class ComplaintListSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    category = CategoryRefSerializer(read_only=True)
    agency = AgencyRefSerializer(read_only=True, allow_null=True)
    kecamatan = AreaRefSerializer(read_only=True, allow_null=True)
    kelurahan = AreaRefSerializer(read_only=True, allow_null=True)
    is_overdue = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="api:complaint-detail")

    class Meta:
        model = Complaint
        fields = ["id", "code", "url", "title", "status", "status_label", "channel",
                  "category", "agency", "kecamatan", "kelurahan", "submitted_at",
                  "verify_due", "followup_due", "autoclose_due", "is_overdue",
                  "is_anonymous", "is_confidential", "supporters_count"]
        read_only_fields = fields

    def get_is_overdue(self, complaint: Complaint) -> bool:
        before = self.context.get("overdue_before")
        if before is None:
            return False
        return complaint.is_overdue(before)


class ReporterSerializer(serializers.Serializer):
    name = serializers.CharField(source="reporter_name", read_only=True)
    email = serializers.CharField(source="reporter_email", read_only=True)
    phone = serializers.CharField(source="reporter_phone", read_only=True)


class PhotoSerializer(serializers.ModelSerializer):
    """A photo of the case; its files only once the worker has re-encoded them (as on the
    staff page: an upload waiting for the worker is never served)."""

    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = ComplaintPhoto
        fields = ["kind", "state", "url", "thumbnail_url", "width", "height", "created_at"]
        read_only_fields = fields

    def _absolute(self, photo, public: str, size: str) -> str | None:
        """The public copy while the case is public, else the token-checked file."""
        if photo.state != ComplaintPhoto.State.READY:
            return None
        field = getattr(photo, public)
        url = field.url if field else reverse("api:photo", args=[photo.pk, size])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, photo) -> str | None:
        return self._absolute(photo, "image", "full")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, photo) -> str | None:
        return self._absolute(photo, "thumbnail", "thumb")


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = ComplaintMessage
        fields = ["kind", "text", "is_public", "author", "created_at"]

    def get_author(self, message) -> str | None:
        author = message.author
        # A citizen's own account is their identity: named for staff, never for anonim.
        return str(author) if author is not None and author.is_officer else None


class TimelineEntrySerializer(serializers.Serializer):
    action = serializers.CharField(read_only=True)
    label = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    actor = serializers.SerializerMethodField()
    public = serializers.BooleanField(read_only=True)
    data = serializers.JSONField(read_only=True)

    def get_label(self, entry) -> str:
        # The action catalogue's label, as the timeline on the page shows it.
        return entry.label

    def get_actor(self, entry) -> str | None:
        actor = entry.actor
        return str(actor) if actor is not None and actor.is_officer else None


class ComplaintDetailSerializer(ComplaintListSerializer):
    road = serializers.SerializerMethodField()
    forwarded_to = AgencyRefSerializer(read_only=True, allow_null=True)
    duplicate_of = serializers.SlugRelatedField(slug_field="code", read_only=True,
                                                allow_null=True)
    routing_reasons = serializers.SerializerMethodField()
    reporter = serializers.SerializerMethodField()
    reporter_hidden = serializers.SerializerMethodField()
    photos = PhotoSerializer(many=True, read_only=True)
    messages = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta(ComplaintListSerializer.Meta):
        fields = [*ComplaintListSerializer.Meta.fields,
                  "description", "lat", "lng", "address", "road", "routing_rule",
                  "routing_explanation", "routing_ambiguous", "routing_reasons",
                  "disposition_note", "forwarded_to", "external_reference", "archive_reason",
                  "duplicate_of", "answer", "pending_answer", "check_requested_at",
                  "answered_at", "closed_at", "rating",
                  "rating_comment", "reporter", "reporter_hidden", "photos", "messages",
                  "timeline", "actions"]
        read_only_fields = fields

    @extend_schema_field(CodeNameSerializer(allow_null=True))
    def get_road(self, complaint):
        road = complaint.road
        return {"code": road.code, "name": road.name} if road else None

    def get_routing_reasons(self, complaint) -> list[str]:
        reasons = (complaint.routing_facts or {}).get("reasons") or []
        return [str(r) for r in reasons]

    @extend_schema_field(ReporterSerializer(allow_null=True))
    def get_reporter(self, complaint):
        if not self.context.get("show_reporter"):
            return None
        return ReporterSerializer(complaint).data

    def get_reporter_hidden(self, complaint) -> bool:
        return not self.context.get("show_reporter")

    @extend_schema_field(MessageSerializer(many=True))
    def get_messages(self, complaint):
        return MessageSerializer(complaint.messages.select_related("author"), many=True,
                                 context=self.context).data

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, complaint):
        return TimelineEntrySerializer(self.context.get("timeline", []), many=True,
                                       context=self.context).data

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=[
        "verify", "correct", "archive", "duplicate", "forward", "accept", "request-info",
        "answer", "return"])))
    def get_actions(self, complaint) -> list[str]:
        return list(self.context.get("actions", []))


# --- transitions ------------------------------------------------------------------------

class TextField(serializers.CharField):
    """A text the officer wrote: a JSON string, never a number or a boolean turned into one
    (issue 23: a reason of 0 was stored as the text "0")."""

    default_error_messages = {"not_text": _("Write this as text.")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class VerifySerializer(serializers.Serializer):
    agency = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.filter(is_active=True, is_external=False),
        required=False,
        help_text=_("Code of the agency that will handle it; omitted: the routed agency."))
    instruction = TextField(required=False, allow_blank=True, default="",
                                        max_length=5000)
    override_reason = TextField(
        required=False, allow_blank=True, default="", max_length=1000,
        help_text=_("Required when the agency differs from the routing rule's."))


class CorrectSerializer(serializers.Serializer):
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=Category.objects.filter(is_active=True), required=False)
    lat = serializers.FloatField(min_value=-90, max_value=90, required=False)
    lng = serializers.FloatField(min_value=-180, max_value=180, required=False)

    def validate(self, attrs):
        if ("lat" in attrs) != ("lng" in attrs):
            raise serializers.ValidationError(_("Give both lat and lng, or neither."))
        if not attrs:
            raise serializers.ValidationError(_("Give a category, a pin (lat and lng), or "
                                                "both."))
        return attrs


class ArchiveSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=[r for r in ARCHIVE_REASONS if r != "duplicate"],
                                     help_text=_("Use the duplicate action for duplicates."))
    note = TextField(required=False, allow_blank=True, default="",
                                 max_length=5000)


class DuplicateSerializer(serializers.Serializer):
    original = TextField(max_length=20,
                                     help_text=_("Tracking code of the original complaint."))

    def validate_original(self, value: str) -> Complaint:
        code = value.strip().upper()
        original = Complaint.objects.filter(code=code).first()
        if original is None:
            raise serializers.ValidationError(_("No complaint has the code %(code)s.")
                                              % {"code": code})
        return original


class ForwardSerializer(serializers.Serializer):
    to_agency = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.filter(is_active=True, is_external=True),
        help_text=_("Code of the outside body."))
    reference = TextField(required=False, allow_blank=True, default="",
                                      max_length=100)
    reason = TextField(required=False, allow_blank=True, default="",
                                   max_length=1000)


class TextSerializer(serializers.Serializer):
    text = TextField(max_length=5000)


class AnswerSerializer(TextSerializer):
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, max_length=MAX_PHOTOS,
        help_text=_("Evidence photos (multipart/form-data only), up to %(n)s.")
        % {"n": MAX_PHOTOS})


class QuestionSerializer(serializers.Serializer):
    question = TextField(max_length=5000,
                                     help_text=_("The question for the reporter."))


class CheckSerializer(serializers.Serializer):
    text = TextField(max_length=2000, required=False, allow_blank=True, default="",
                     help_text=_("A note for the agency; required when the check fails."))


class ReasonSerializer(serializers.Serializer):
    reason = TextField(max_length=5000,
                                   help_text=_("Why this is not your agency's authority."))


class ReturnedSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Complaint
        fields = ["id", "code", "status", "status_label"]
        read_only_fields = fields


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("A short machine-readable reason."))
    detail = serializers.CharField(help_text=_("What went wrong, in the user's language."))
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text=_("Messages per request field, if any."))
