"""Reads for the Open311 API: public complaints only, filtered as GeoReport v2 says.

Status mapping (our workflow → GeoReport v2 `open`/`closed`):

| balai status | Open311 | why |
| --- | --- | --- |
| baru | — | never public (not yet verified) |
| terverifikasi, diproses, menunggu_info | open | the agency still has work to do |
| selesai | closed | the agency answered with evidence; reopening makes it open again |
| ditutup | closed | rated by the reporter or auto-closed |
| diteruskan | closed | handed to an outside body; `status_notes` names it and its reference |
| diarsipkan | — | never public |

`updated_datetime` is the closing time once closed (answer, close or last change).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from balai.complaints.models import UNANSWERED, Category, Complaint, ComplaintPhoto
from balai.complaints.selectors import public_complaints
from balai.core.models import AuditEntry
from balai.open311.errors import Open311Error
from balai.open311.models import ServiceAttribute

S = Complaint.Status
# GeoReport's "open": the office still owes its answer (the table above).
OPEN = UNANSWERED
CLOSED = frozenset(S) - OPEN
MAX_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000


def open311_status(status: str) -> str:
    return "open" if status in OPEN else "closed"


def statuses_for(values: list[str]) -> set[str]:
    """Our statuses behind the Open311 ones asked for (`open`, `closed`)."""
    wanted: set[str] = set()
    for value in values:
        if value == "open":
            wanted |= OPEN
        elif value == "closed":
            wanted |= CLOSED
        else:
            raise Open311Error(400, _("Unknown status %(status)s: use open or closed.")
                               % {"status": value})
    return wanted


def arg(params, name: str) -> str:
    """A query or form argument; an empty one is the same as an absent one (spec)."""
    return (params.get(name) or "").strip()


def comma_list(params, name: str) -> list[str]:
    return [item.strip() for item in arg(params, name).split(",") if item.strip()]


def parse_when(value: str, name: str, *, end: bool = False) -> datetime:
    """A W3C datetime (or a plain date) from the client; naive ones are in our zone."""
    parsed = None
    try:
        parsed = parse_datetime(value)
        if parsed is None and (day := parse_date(value)):
            parsed = datetime.combine(day, datetime.max.time() if end else datetime.min.time())
    except ValueError:
        parsed = None
    if parsed is None:
        raise Open311Error(400, _("%(name)s is not a W3C date and time, e.g. "
                                  "2026-01-31T08:00:00+07:00.") % {"name": name})
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def date_window(params, now: datetime) -> tuple[datetime, datetime]:
    """`start_date`/`end_date`, at most 90 days apart; by default the last 90 days."""
    start_raw, end_raw = arg(params, "start_date"), arg(params, "end_date")
    start = parse_when(start_raw, "start_date") if start_raw else None
    end = parse_when(end_raw, "end_date", end=True) if end_raw else None
    if start and end:
        if end < start:
            raise Open311Error(400, _("end_date is before start_date."))
        if end - start > MAX_WINDOW:
            raise Open311Error(400, _("start_date and end_date may be at most 90 days "
                                      "apart."))
        return start, end
    if start:
        return start, start + MAX_WINDOW
    if end:
        return end - MAX_WINDOW, end
    return now - MAX_WINDOW, now


def _report_photos() -> Prefetch:
    # Only re-encoded photos: a pending one is an unprocessed upload and has no URL.
    return Prefetch("photos", queryset=ComplaintPhoto.objects.filter(
        kind=ComplaintPhoto.Kind.REPORT, state=ComplaintPhoto.State.READY)
        .only("id", "complaint_id", "image", "created_at"), to_attr="report_photos")


def open311_complaints() -> QuerySet[Complaint]:
    """The public complaints with everything one `request` element needs, in 2 queries."""
    return (public_complaints().select_related("forwarded_to", "open311_submission")
            .prefetch_related(_report_photos()))


# Deeper than any client pages (10 million requests at 1,000 a page), and an OFFSET every
# database takes: page=9223372036854775807 answered 500 (issue 12).
MAX_PAGE = 10_000


def _positive_int(params, name: str, default: int, maximum: int) -> int:
    raw = arg(params, name)
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12 \
            or not 1 <= int(raw) <= maximum:
        raise Open311Error(400, _("%(name)s must be a whole number from 1 to %(max)s.")
                           % {"name": name, "max": maximum})
    return int(raw)


def page_of(qs, params):
    """The `page`/`page_size` extension; without it, the first 1,000 results (spec)."""
    page = _positive_int(params, "page", 1, MAX_PAGE)
    size = _positive_int(params, "page_size", MAX_RESULTS, MAX_RESULTS)
    start = (page - 1) * size
    return qs[start:start + size]


def wants_extensions(params) -> bool:
    return arg(params, "extensions").lower() == "true"


def service_requests(params, *, now: datetime | None = None):
    """GET requests: every filter of the spec; `service_request_id` overrides the rest."""
    now = now or timezone.now()
    qs = open311_complaints()
    codes = comma_list(params, "service_request_id")
    if codes:
        return page_of(qs.filter(code__in=[c.upper() for c in codes]), params)
    services = comma_list(params, "service_code")
    if services:
        qs = qs.filter(category__code__in=services)
    statuses = comma_list(params, "status")
    if statuses:
        qs = qs.filter(status__in=statuses_for(statuses))
    start, end = date_window(params, now)
    qs = qs.filter(submitted_at__gte=start, submitted_at__lte=end)
    return page_of(qs.order_by("-submitted_at", "-id"), params)


def requests_version() -> str:
    """When any complaint last changed: the key of the cached lists (an indexed MAX, as
    the database returns it: only ever compared).

    Every change a list shows bumps its complaint's updated_at (transitions, support,
    a photo published by the worker); renamed categories or agencies show within the
    cache's lifetime. Plain SQL: it runs on every request, where the ORM's compiling
    cost more than the query.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(updated_at) FROM complaints_complaint")
        return str(cursor.fetchone()[0]).replace(" ", "T")  # a cache key: no spaces


def _complaint_entries():
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Complaint, for_concrete_model=False),
        public=True).only("id", "created_at", "action", "object_id").order_by("created_at", "id")


def public_notes(complaints) -> dict[int, list[AuditEntry]]:
    """The public timeline of each complaint, in one query (for `extensions=true`)."""
    notes: dict[int, list[AuditEntry]] = {c.pk: [] for c in complaints}
    if notes:
        for entry in _complaint_entries().filter(object_id__in=[str(pk) for pk in notes]):
            notes[int(entry.object_id)].append(entry)
    return notes


def request_updates(params, *, now: datetime | None = None) -> list[tuple[AuditEntry, Complaint]]:
    """mySociety's GET servicerequestupdates: public timeline entries of public complaints
    in the date window (at most 90 days; the last 90 by default), oldest first."""
    start, end = date_window(params, now or timezone.now())
    entries = list(page_of(_complaint_entries().filter(created_at__gte=start, created_at__lte=end)
                           .exclude(action="complaints.submitted"), params))
    ids = {int(e.object_id) for e in entries}
    complaints = {c.pk: c for c in public_complaints().select_related(None)
                  .only("id", "code", "status").filter(pk__in=ids)}
    return [(e, complaints[int(e.object_id)]) for e in entries
            if int(e.object_id) in complaints]


def service_request(code: str) -> Complaint:
    complaint = open311_complaints().filter(code__iexact=code.strip()).first()
    if complaint is None:
        raise Open311Error(404, _("No public service request %(id)s.") % {"id": code})
    return complaint


def services() -> QuerySet[Category]:
    """Active categories; `has_attributes` says whether a definition must be fetched."""
    return (Category.objects.filter(is_active=True).select_related("group")
            .annotate(has_attributes=Exists(ServiceAttribute.objects.filter(
                category=OuterRef("pk"), variable=True))))


def service_definition(code: str) -> tuple[Category, list[ServiceAttribute]]:
    category = Category.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise Open311Error(404, _("Unknown service_code %(code)s.") % {"code": code})
    attributes = list(ServiceAttribute.objects.filter(category=category)
                      .prefetch_related("values").order_by("order"))
    return category, attributes
