"""Reads for geo: the in-process Locator, rebuilt when areas or roads change."""

from __future__ import annotations

import threading

from django.conf import settings
from django.db.models import Count, Max
from shapely.geometry import shape

from balai.geo.locator import AreaData, LocationResult, Locator, RoadData
from balai.geo.models import Area, Road

_lock = threading.Lock()
_cached: tuple[tuple, Locator] | None = None


def _fingerprint() -> tuple:
    """Cheap summary that changes whenever an area, road or road's agency changes."""
    areas = Area.objects.aggregate(n=Count("pk"), t=Max("updated_at"))
    roads = Road.objects.aggregate(n=Count("pk"), t=Max("updated_at"),
                                   a=Max("agency__updated_at"))
    return (areas["n"], areas["t"], roads["n"], roads["t"], roads["a"],
            settings.GEO_ROAD_THRESHOLD_M)


def build_locator() -> Locator:
    """A Locator over every area and road in the database."""
    areas = [AreaData(code, name, level, parent_code, shape(geometry))
             for code, name, level, parent_code, geometry in Area.objects.order_by("code")
             .values_list("code", "name", "level", "parent_code", "geometry").iterator()]
    roads = [RoadData(code, name, status, agency_code, agency_name, legal_basis,
                      shape(geometry))
             for code, name, status, agency_code, agency_name, legal_basis, geometry
             in Road.objects.order_by("code").values_list(
                 "code", "name", "status", "agency__code", "agency__name", "legal_basis",
                 "geometry").iterator()]
    return Locator(areas, roads, threshold_m=settings.GEO_ROAD_THRESHOLD_M)


def get_locator() -> Locator:
    """The process's Locator, rebuilt when the areas or roads in the database change."""
    global _cached
    fingerprint = _fingerprint()
    cached = _cached
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != fingerprint:
            _cached = (fingerprint, build_locator())
        return _cached[1]


def locate(lat: float, lng: float) -> LocationResult:
    """The area chain and the roads within the threshold of a WGS84 point."""
    return get_locator().locate(lat, lng, boundary_distance=True)
