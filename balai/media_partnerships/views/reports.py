"""The red-flag report (staff) and the transparency page (public), with their exports."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.exports import FORMATS, export_response
from balai.media_partnerships import selectors
from balai.media_partnerships.redflags import KINDS, red_flags
from balai.media_partnerships.views._common import media_staff


@login_required
def flags(request):
    """Every red flag on the orders the viewer may see, grouped by kind; CSV or XLSX."""
    scope = media_staff(request)
    if not (scope.is_officer or scope.reads_all or scope.agency_ids):
        raise PermissionDenied
    today = timezone.localdate()
    found = red_flags(selectors.order_list_for(scope=scope), today=today)
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return export_response(
            fmt, f"tanda-bahaya-kemitraan-media-{today.isoformat()}", _("Red flags"),
            [_("Flag"), _("Order"), _("OPD"), _("Outlet"), _("Detail"), _("Amount (Rp)")],
            ([f.label, f.order_code, f.agency, f.outlet, f.detail, f.amount] for f in found))
    groups = [(kind, str(label), [f for f in found if f.kind == kind])
              for kind, label in KINDS.items()]
    return render(request, "media_partnerships/red_flags.html", {
        "groups": groups, "total": len(found), "today": today, "scope": scope})


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def transparency(request):
    """Public: the verified partners, and (MEDIA_PARTNERSHIP_TRANSPARENCY) what each outlet
    was ordered and paid and what each OPD ordered and paid in a year."""
    today = timezone.localdate()
    year = _year(request)
    show_amounts = settings.MEDIA_PARTNERSHIP_TRANSPARENCY
    by_outlet = selectors.spending_by(year=year, by="outlet") if show_amounts else []
    by_agency = selectors.spending_by(year=year, by="agency") if show_amounts else []
    fmt = request.GET.get("format", "")
    if show_amounts and fmt in FORMATS:
        rows = ([_("Outlet"), r["name"], r["orders"], r["ordered"], r["paid"]] for r in by_outlet)
        rows2 = ([_("OPD"), r["name"], r["orders"], r["ordered"], r["paid"]] for r in by_agency)
        return export_response(fmt, f"belanja-kemitraan-media-{year}", str(year),
                               [_("Per"), _("Name"), _("Orders"), _("Ordered (Rp)"),
                                _("Paid (Rp)")], [*rows, *rows2])
    return render(request, "media_partnerships/transparency.html", {
        "partners": selectors.verified_partners(today=today), "year": year,
        "years": selectors.spending_years(), "show_amounts": show_amounts,
        "by_outlet": by_outlet, "by_agency": by_agency, "today": today})
