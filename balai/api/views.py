"""The staff REST API: complaints scoped by `ComplaintScope`, changed by their services.

Which role may take which action, and in which statuses it is offered, is the complaint
workflow's table (complaints/workflow.py), as on the staff pages; the services decide
the rest (409 when the state does not allow it).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from balai.api import serializers as s
from balai.api.errors import from_service_error
from balai.api.filters import ComplaintFilter, overdue_before_for
from balai.api.ids import object_id_or_404
from balai.complaints import services
from balai.complaints.selectors import ComplaintScope, complaint_scope
from balai.core.audit import audit_trail

# API path segment -> the workflow's action.
ACTIONS = {"verify": "verify", "correct": "correct", "archive": "archive",
           "duplicate": "duplicate", "forward": "forward", "accept": "accept",
           "request-info": "request_info", "answer": "answer", "return": "return",
           "check-pass": "check_pass", "check-fail": "check_fail"}
# After these the case leaves the acting user's sight (back at the desk, or no longer
# waiting for this unit's check): the response says only what happened.
LEAVES_SIGHT = {"return", "check-pass", "check-fail"}
PATHS = {action: path for path, action in ACTIONS.items()}
ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH,
                                description="The complaint's id.")


def actions_for(scope: ComplaintScope, complaint) -> list[str]:
    """The transitions the staff pages offer this user on this complaint now."""
    return [PATHS[t.action] for t in scope.actions(complaint) if t.action in PATHS]


def _transition_schema(action_name: str, request, summary: str,
                       response=s.ComplaintDetailSerializer):
    return extend_schema(
        operation_id=f"complaints_{action_name.replace('-', '_')}",
        summary=summary, request=request, parameters=[ID_PARAMETER],
        responses={200: response,
                   409: OpenApiResponse(s.ErrorSerializer,
                                        description=_("The complaint's status does not "
                                                      "allow this action."))})


@extend_schema_view(
    list=extend_schema(summary="Complaints the token's user may see, newest first"),
    retrieve=extend_schema(summary="One complaint with its messages, photos and timeline",
                           parameters=[ID_PARAMETER]),
)
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    filterset_class = ComplaintFilter
    lookup_value_regex = "[^/]+"

    def scope(self) -> ComplaintScope:
        if not hasattr(self, "_scope"):
            self._scope = complaint_scope(self.request.user)
        return self._scope

    def get_queryset(self):
        return self.scope().complaints()

    def get_serializer_class(self):
        return (s.ComplaintListSerializer if self.action == "list"
                else s.ComplaintDetailSerializer)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "list":
            context["overdue_before"] = overdue_before_for(self.request)
        return context

    def get_object(self):
        raw = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        return self.scope().get(object_id_or_404(raw))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._detail(self.get_object()))

    def _detail(self, complaint) -> dict:
        scope = self.scope()
        context = {
            **self.get_serializer_context(),
            "overdue_before": overdue_before_for(self.request),
            "show_reporter": scope.sees_reporter(complaint),
            "timeline": list(audit_trail(complaint)),
            "actions": actions_for(scope, complaint),
        }
        return s.ComplaintDetailSerializer(complaint, context=context).data

    def _run(self, request, action_name: str, serializer_class, call):
        complaint = self.get_object()
        if not self.scope().may(ACTIONS[action_name], complaint):
            raise exceptions.PermissionDenied(_("Your role may not take this action."))
        data = {}
        if serializer_class is not None:
            serializer = serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        try:
            call(complaint, data, request.user)
        except ValidationError as exc:
            raise from_service_error(exc) from exc
        if action_name in LEAVES_SIGHT:
            complaint.refresh_from_db(fields=["status", "updated_at"])
            return Response(s.ReturnedSerializer(complaint).data)
        return Response(self._detail(self.scope().get(complaint.pk)))

    @_transition_schema("verify", s.VerifySerializer, "Verify and dispose to an agency")
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._run(request, "verify", s.VerifySerializer, lambda c, d, u:
                         services.complaint_verify(complaint=c, actor=u, agency=d.get("agency"),
                                                   instruction=d["instruction"],
                                                   override_reason=d["override_reason"]))

    @_transition_schema("correct", s.CorrectSerializer, "Correct the category or the pin")
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        return self._run(request, "correct", s.CorrectSerializer, lambda c, d, u:
                         services.complaint_correct(complaint=c, category=d.get("category"),
                                                    lat=d.get("lat"), lng=d.get("lng"),
                                                    actor=u))

    @_transition_schema("archive", s.ArchiveSerializer, "Archive (spam, out of scope, ...)")
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        return self._run(request, "archive", s.ArchiveSerializer, lambda c, d, u:
                         services.complaint_archive(complaint=c, reason=d["reason"],
                                                    note=d["note"], actor=u))

    @_transition_schema("duplicate", s.DuplicateSerializer, "Archive as a duplicate")
    @action(detail=True, methods=["post"])
    def duplicate(self, request, pk=None):
        return self._run(request, "duplicate", s.DuplicateSerializer, lambda c, d, u:
                         services.complaint_mark_duplicate(complaint=c, original=d["original"],
                                                           actor=u))

    @_transition_schema("forward", s.ForwardSerializer, "Forward to an outside body")
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        return self._run(request, "forward", s.ForwardSerializer, lambda c, d, u:
                         services.complaint_forward(complaint=c, to_agency=d["to_agency"],
                                                    reference=d["reference"],
                                                    reason=d["reason"], actor=u))

    @_transition_schema("accept", None, "Accept the disposed complaint into work")
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._run(request, "accept", None, lambda c, d, u:
                         services.complaint_accept(complaint=c, actor=u))

    @_transition_schema("request-info", s.QuestionSerializer,
                        "Ask the reporter for information (the clock stops)")
    @action(detail=True, methods=["post"], url_path="request-info", url_name="request-info")
    def request_info(self, request, pk=None):
        return self._run(request, "request-info", s.QuestionSerializer, lambda c, d, u:
                         services.complaint_request_info(complaint=c, question=d["question"],
                                                         actor=u))

    # The schema says what each content type may carry: files travel only as multipart.
    @_transition_schema("answer", {"multipart/form-data": s.AnswerSerializer,
                                   "application/json": s.TextSerializer},
                        "Answer (tindak lanjut), with evidence photos as multipart")
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser])
    def answer(self, request, pk=None):
        return self._run(request, "answer", s.AnswerSerializer, lambda c, d, u:
                         services.complaint_answer(complaint=c, text=d["text"],
                                                   photos=d["photos"], actor=u))

    @_transition_schema("check-pass", s.CheckSerializer,
                        "Pass the answer's second check: it reaches the reporter",
                        response=s.ReturnedSerializer)
    @action(detail=True, methods=["post"], url_path="check-pass", url_name="check-pass")
    def check_pass(self, request, pk=None):
        return self._check(request, "check-pass", passed=True)

    @_transition_schema("check-fail", s.CheckSerializer,
                        "Fail the answer's second check: back to the agency with the note",
                        response=s.ReturnedSerializer)
    @action(detail=True, methods=["post"], url_path="check-fail", url_name="check-fail")
    def check_fail(self, request, pk=None):
        return self._check(request, "check-fail", passed=False)

    def _check(self, request, action_name: str, *, passed: bool):
        return self._run(request, action_name, s.CheckSerializer, lambda c, d, u:
                         services.complaint_check(complaint=c, passed=passed,
                                                  note=d["text"], actor=u))

    @_transition_schema("return", s.ReasonSerializer,
                        "Return to the complaint desk: not this agency's authority",
                        response=s.ReturnedSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._run(request, "return", s.ReasonSerializer, lambda c, d, u:
                         services.complaint_return(complaint=c, reason=d["reason"], actor=u))
