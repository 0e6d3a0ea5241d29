"""List filters for complaints; dates are the installation's local days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import django_filters
import django_filters.constants
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.agencies.models import Agency
from balai.complaints.models import Category, Complaint, overdue_q
from balai.complaints.selectors import overdue_before
from balai.geo.models import Area
from balai.lib.dates import day_start

S = Complaint.Status


def overdue_before_for(request) -> date:
    """`overdue_before(today)`, worked out once per request (filter and rows share it)."""
    if request is None:
        return overdue_before(timezone.localdate())
    cached = getattr(request, "_balai_overdue_before", None)
    if cached is None:
        cached = request._balai_overdue_before = overdue_before(timezone.localdate())
    return cached


# Dates far outside any case's life would overflow once shifted to UTC; they filter
# nothing (from) or everything (to) anyway.
EARLIEST, LATEST = date(1900, 1, 1), date(9000, 12, 31)


def _local_midnight(day: date) -> datetime:
    return day_start(day, timezone.get_current_timezone())


def on_or_after(queryset, field: str, day: date):
    """Rows whose timestamp `field` falls on local `day` or later (index-friendly range)."""
    if day > LATEST:
        return queryset.none()
    return queryset.filter(**{f"{field}__gte": _local_midnight(max(day, EARLIEST))})


def on_or_before(queryset, field: str, day: date):
    """Rows whose timestamp `field` falls on local `day` or earlier."""
    if day < EARLIEST:
        return queryset.none()
    end = min(day, LATEST) + timedelta(days=1)
    return queryset.filter(**{f"{field}__lt": _local_midnight(end)})


class DayField(forms.DateField):
    """A local date. The parameter given with no value is refused, not read as "no filter":
    the schema promises a date, and a client that lost its value would otherwise get every
    row back as if it had filtered."""

    def to_python(self, value):
        if isinstance(value, str) and not value.strip():
            raise ValidationError(_("Give a date as YYYY-MM-DD, or leave the parameter out "
                                    "for no limit."), code="empty")
        return super().to_python(value)


class DayFilter(django_filters.DateFilter):
    """`?<name>=YYYY-MM-DD`: rows whose timestamp `field_name` falls on or after (`edge`
    "from") or on or before (`edge` "to") that day in the installation's time zone."""

    field_class = DayField

    def __init__(self, *args, edge: str, **kwargs):
        if edge not in ("from", "to"):
            raise ValueError(f"edge is 'from' or 'to', not {edge!r}")
        self.edge = edge
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:  # the parameter is absent
            return qs
        if self.edge == "from":
            return on_or_after(qs, self.field_name, value)
        return on_or_before(qs, self.field_name, value)


def by_code(queryset, field: str, model, code: str):
    """Rows whose foreign key `field` points at the row of `model` with this code.

    The code is looked up first (one indexed read) and the page filters on the key column:
    a join on the code instead lets PostgreSQL walk a million complaints backwards when
    the code matches nothing.
    """
    pk = model.objects.filter(code=code).values_list("pk", flat=True).first()
    return queryset.filter(**{f"{field}_id": pk}) if pk is not None else queryset.none()


class CodeFilter(django_filters.CharFilter):
    """`?<name>=<code>` on a foreign key to a model with a unique `code`."""

    def __init__(self, *args, model, **kwargs):
        # Not `self.model`: the FilterSet sets that to the model being filtered.
        self.code_model = model
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        return by_code(qs, self.field_name, self.code_model, value)


class ComplaintFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        # No DISTINCT: a status is a column of the row (DISTINCT over a million rows is
        # what made this filter slow at scale).
        distinct=False, choices=S.choices,
        help_text=_("One or more statuses (repeat the parameter)."))
    category = CodeFilter(field_name="category", model=Category,
                          help_text=_("Category code, e.g. jalan-rusak."))
    agency = CodeFilter(field_name="agency", model=Agency,
                        help_text=_("Code of the agency in charge."))
    kecamatan = CodeFilter(field_name="kecamatan", model=Area,
                           help_text=_("Kemendagri code of the kecamatan."))
    kelurahan = CodeFilter(field_name="kelurahan", model=Area,
                           help_text=_("Kemendagri code of the kelurahan/desa."))
    submitted_from = DayFilter(
        field_name="submitted_at", edge="from",
        help_text=_("Submitted on or after this day (local date, YYYY-MM-DD)."))
    submitted_to = DayFilter(
        field_name="submitted_at", edge="to",
        help_text=_("Submitted on or before this day (local date, YYYY-MM-DD)."))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        help_text=_("true: past the verification or follow-up deadline; false: not."))

    class Meta:
        model = Complaint
        fields = ["status", "category", "agency", "kecamatan", "kelurahan"]

    def filter_overdue(self, queryset, name, value):
        q = overdue_q(overdue_before_for(self.request))
        return queryset.filter(q) if value else queryset.exclude(q)
