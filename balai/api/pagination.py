"""Keyset pagination on (time, id), newest first: stable under inserts, no COUNT(*).

The cursor is the last row's key; the next page is the rows strictly after it in the
order, so a page never repeats or skips a row however many complaints arrive meanwhile,
and the database reads one index range instead of counting a million rows.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class KeysetPagination(BasePagination):
    """Newest first by the view's `keyset_field` (a timestamp), then id."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    page_size = 25
    max_page_size = 100
    time_field = "submitted_at"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        field = getattr(view, "keyset_field", self.time_field)
        size = self._page_size(request)
        key = self._decode(request.query_params.get(self.cursor_query_param))
        qs = queryset.order_by(f"-{field}", "-id")
        if key is not None:
            moment, pk = key
            # The first condition lets the database use the index on the time column.
            qs = qs.filter(**{f"{field}__lte": moment}).filter(
                Q(**{f"{field}__lt": moment}) | Q(id__lt=pk))
        rows = list(qs[: size + 1])
        self.next_key = None
        if len(rows) > size:
            rows = rows[:size]
            last = rows[-1]
            self.next_key = (getattr(last, field), last.pk)
        return rows

    def get_paginated_response(self, data):
        cursor = self._encode(self.next_key) if self.next_key else None
        url = self.request.build_absolute_uri()
        next_url = (replace_query_param(url, self.cursor_query_param, cursor) if cursor
                    else None)
        if next_url is None:
            url = remove_query_param(url, self.cursor_query_param)
        return Response({"next": next_url, "next_cursor": cursor, "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "next_cursor", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True,
                         "description": "The next page, or null on the last page."},
                "next_cursor": {"type": "string", "nullable": True,
                                "description": "The `cursor` of the next page."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.cursor_query_param, "in": "query", "required": False,
             "description": str(_("The `next_cursor` of the previous page; omit for the "
                                  "first (newest) page.")),
             "schema": {"type": "string"}},
            {"name": self.page_size_query_param, "in": "query", "required": False,
             "description": str(_("Rows per page (1–%(max)s, default %(default)s).")
                                % {"max": self.max_page_size, "default": self.page_size}),
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size}},
        ]

    def _page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Give a whole number from 1 to %(max)s.")
                                              % {"max": self.max_page_size}]})
        return size

    @staticmethod
    def _encode(key) -> str:
        moment, pk = key
        raw = json.dumps([moment.isoformat(), pk], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _decode(self, cursor: str | None):
        if cursor in (None, ""):
            return None
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            moment, pk = json.loads(raw)
            moment = datetime.fromisoformat(moment)
            if moment.tzinfo is None or not isinstance(pk, int) or not 0 < pk < 2**63:
                raise ValueError
        except (ValueError, TypeError, binascii.Error, UnicodeError):
            raise exceptions.ValidationError(
                {self.cursor_query_param: [_("This cursor is not valid: use the "
                                             "`next_cursor` of a previous page.")]}) from None
        return moment, pk
