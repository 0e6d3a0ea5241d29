"""Public pages: the tower page a QR plate opens, the plate itself, and "cek titik"."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from balai.core.ratelimit import client_ip, hit
from balai.towers import assets as tower_assets
from balai.towers import forms, selectors
from balai.towers.views._common import tower_staff


def complaint_link(tower) -> str:
    """The complaint form with the tower's point, title and reference filled in: a link, not
    an import (domain apps do not import each other); the complaint, once filed, is linked
    to the tower through balai.core.assets (towers/assets.py)."""
    try:
        base = reverse("complaints:report")
    except NoReverseMatch:
        return ""
    return base + "?" + urlencode({
        "kategori": "menara", "aset": tower_assets.ref(tower), "lat": f"{tower.lat:.6f}",
        "lng": f"{tower.lng:.6f}",
        "title": _("Problem with tower %(code)s") % {"code": tower.code}})


def tower_public(request, code: str):
    tower = selectors.tower_public_by_code(code)
    # The officer who scanned the plate with the phone's camera goes on to the inspection
    # form with the tower chosen.
    return render(request, "towers/public_tower.html", {
        "tower": tower, "permits": selectors.permit_status(tower),
        "complaint_url": complaint_link(tower),
        "reports": selectors.tower_reports(tower, public=True)[:10],
        "is_officer": selectors.tower_scope(request.user).is_officer})


def tower_plate(request, code: str):
    """The plate to print and fix on the tower: its QR code opens the public page."""
    tower_staff(request)
    tower = selectors.tower_public_by_code(code)
    url = settings.SITE_URL + reverse("towers:public", args=[tower.code])
    qr = segno.make(url, error="m")
    qr_svg = qr.svg_inline(scale=6, border=2, omitsize=False)
    width = qr.symbol_size(scale=6, border=2)[0]
    office = escape(settings.BALAI_INSTALLATION.get("office_name", ""))
    hint = escape(_("Scan to see this tower or report a problem"))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 40}" '
           f'height="{width + 130}" viewBox="0 0 {width + 40} {width + 130}">'
           f'<rect width="100%" height="100%" fill="#fff" stroke="#000" stroke-width="2"/>'
           f'<text x="50%" y="30" text-anchor="middle" font-family="sans-serif" '
           f'font-size="14">{office}</text>'
           f'<g transform="translate(20,40)">{qr_svg}</g>'
           f'<text x="50%" y="{width + 80}" text-anchor="middle" font-family="sans-serif" '
           f'font-size="26" font-weight="bold">{escape(tower.code)}</text>'
           f'<text x="50%" y="{width + 110}" text-anchor="middle" font-family="sans-serif" '
           f'font-size="12">{hint}</text>'
           f'</svg>')
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="plat-{tower.code}.svg"'
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def point_check(request):
    """Whether a point could get a siting recommendation, with the reasons."""
    decision, limited = None, False
    form = forms.PointCheckForm(request.GET or None)
    if request.GET and form.is_valid():
        if not hit(f"towers-check:{client_ip(request)}",
                   limit=settings.TOWERS_CHECKS_PER_HOUR, window_s=3600):
            limited = True
            form.add_error(None, _("Too many checks from your connection in the last hour. "
                                   "Try again later."))
        else:
            d = form.cleaned_data
            height = float(d["height_m"]) if d.get("height_m") else None
            decision = selectors.siting_assess(lat=d["lat"], lng=d["lng"], height_m=height)
    return render(request, "towers/point_check.html", {
        "form": form, "decision": decision, "tile_url": settings.MAP_TILE_URL,
        "zones": selectors.zones_geojson(), "share_distance": settings.TOWERS_SHARE_DISTANCE_M},
        status=429 if limited else (400 if form.errors else 200))
