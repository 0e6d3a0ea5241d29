"""The staff export of complaints (CSV/XLSX): the same scoping as the queue pages.

Reporter identity follows `ComplaintScope.identity`: the desk sees it, the handling
agency sees it unless the reporter chose anonim; nobody else gets the columns at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from balai.complaints.models import Complaint
from balai.complaints.selectors import IDENTITY_NONE, complaint_scope, submitted_between

# An export larger than this is refused with a request to narrow the filters; XLSX is
# built in memory and a sheet holds at most 1,048,576 rows.
EXPORT_MAX_ROWS = 100_000


def export_queryset(*, user, status: str = "", category=None, agency=None, date_from=None,
                    date_to=None) -> QuerySet[Complaint]:
    qs = complaint_scope(user).complaints()
    if status:
        qs = qs.filter(status=status)
    if category is not None:
        qs = qs.filter(category=category)
    if agency is not None:
        qs = qs.filter(agency=agency)
    return submitted_between(qs, date_from, date_to).order_by("submitted_at", "id")


def export_headers(user) -> list[str]:
    headers = [_("Code"), _("Received"), _("Channel"), _("Category"), _("Title"),
               _("Description"), _("Address or landmark"), _("Kelurahan"), _("Kecamatan"),
               _("Latitude"), _("Longitude"), _("Status"), _("Agency"),
               _("Verification due"), _("Follow-up due"), _("Answered at"), _("Closed at"),
               _("Rating"), _("Supporters"), _("Confidential (rahasia)")]
    if complaint_scope(user).identity != IDENTITY_NONE:
        headers += [_("Reporter"), _("E-mail"), _("WhatsApp number")]
    return [capfirst(h) for h in headers]


def export_rows(qs: QuerySet[Complaint], *, user) -> Iterator[list]:
    """One row per complaint, streamed from the database in chunks (no N+1)."""
    scope = complaint_scope(user)
    anonymous = _("(anonim)")
    for c in qs.select_related("category", "agency", "kelurahan", "kecamatan").iterator(
            chunk_size=2000):
        row = [c.code, c.submitted_at, c.get_channel_display(), c.category.name, c.title,
               c.description, c.address, c.kelurahan.name if c.kelurahan else "",
               c.kecamatan.name if c.kecamatan else "", round(c.lat, 6), round(c.lng, 6),
               c.get_status_display(), str(c.agency) if c.agency else "",
               c.verify_due, c.followup_due, c.answered_at, c.closed_at, c.rating,
               c.supporters_count, _("yes") if c.is_confidential else _("no")]
        if scope.sees_reporter(c):
            row += [c.reporter_name, c.reporter_email, c.reporter_phone]
        elif scope.identity != IDENTITY_NONE:
            row += [anonymous, "", ""]
        yield row
