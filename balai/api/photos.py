"""A complaint photo's file for staff clients, with the same scope as the complaint."""

from __future__ import annotations

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.views import APIView

from balai.api import serializers as s
from balai.api.ids import MAX_ID
from balai.complaints.models import ComplaintPhoto
from balai.complaints.selectors import complaint_scope


class PhotoFileView(APIView):
    @extend_schema(
        operation_id="complaints_photo_file",
        summary="A photo of a complaint the token's user may see (JPEG)",
        parameters=[
            OpenApiParameter("photo", OpenApiTypes.INT, OpenApiParameter.PATH,
                             description="The photo's id."),
            OpenApiParameter("size", OpenApiTypes.STR, OpenApiParameter.PATH,
                             enum=["full", "thumb"],
                             description="The photo (full) or its thumbnail (thumb)."),
        ],
        responses={(200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY),
                   404: OpenApiResponse(s.ErrorSerializer,
                                        description="No such photo in the user's scope.")})
    def get(self, request, photo: str, size: str):
        try:
            photo_id = int(photo)
        except ValueError:
            raise Http404 from None
        if size not in {"full", "thumb"} or not 0 < photo_id <= MAX_ID:
            raise Http404
        visible = complaint_scope(request.user).complaints().values("pk")
        row = ComplaintPhoto.objects.filter(pk=photo_id, state=ComplaintPhoto.State.READY,
                                            complaint__in=visible).first()
        if row is None:
            raise Http404
        field = row.private_image if size == "full" else row.private_thumbnail
        response = FileResponse(field.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "private, no-store"
        return response
