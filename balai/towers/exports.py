"""The registry as CSV, XLSX and GeoJSON tagged the way OpenStreetMap tags towers
(wiki.openstreetmap.org Key:tower:construction): man_made=mast|tower,
tower:type=communication, tower:construction, height, operator; a rooftop site is a mast
with location=roof. No personal data: the
company's contact person stays out."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.http import StreamingHttpResponse

from balai.towers.models import SiteType, Tenancy, Tower

HEADERS = ("kode", "nama_site", "lat", "lng", "alamat", "kelurahan", "tipe_site", "tinggi_m",
           "tahun", "perusahaan", "nib", "status", "bersama", "operator", "man_made",
           "tower:construction")


def _with_tenants(qs: QuerySet[Tower]) -> QuerySet[Tower]:
    return qs.select_related("company", "kelurahan").prefetch_related(Prefetch(
        "tenancies", queryset=Tenancy.objects.filter(ends_on__isnull=True),
        to_attr="current_tenancies"))


def _chunks(qs: QuerySet[Tower], size: int = 1000) -> Iterator[Tower]:
    last = ""
    while True:
        batch = list(_with_tenants(qs.filter(code__gt=last).order_by("code"))[:size])
        yield from batch
        if len(batch) < size:
            return
        last = batch[-1].code


def operators(tower: Tower) -> list[str]:
    return [t.operator for t in tower.current_tenancies]


def table_rows(qs: QuerySet[Tower]) -> Iterable[list]:
    for t in _chunks(qs):
        yield [t.code, t.name, t.lat, t.lng, t.address,
               t.kelurahan.name if t.kelurahan else "", t.site_type, float(t.height_m),
               t.year_built, t.company.name, t.company.nib, t.status,
               "ya" if t.is_shared else "tidak", "; ".join(operators(t)), t.osm_man_made,
               t.osm_construction]


def osm_tags(tower: Tower) -> dict:
    tags = {"man_made": tower.osm_man_made, "tower:type": "communication",
            "tower:construction": tower.osm_construction,
            "height": f"{tower.height_m.normalize():f}", "ref": tower.code,
            "owner": tower.company.name}
    ops = operators(tower)
    if ops:
        tags["operator"] = ";".join(ops)
    if tower.site_type == SiteType.ROOFTOP:
        # A pole on a building: OSM counts it a mast, standing on the roof (Key:location).
        tags["location"] = "roof"
    if tower.year_built:
        tags["start_date"] = str(tower.year_built)
    if tower.status == Tower.Status.DISMANTLED:
        tags = {"removed:" + k if k == "man_made" else k: v for k, v in tags.items()}
    return tags


def feature(tower: Tower) -> dict:
    return {"type": "Feature", "id": tower.code,
            "geometry": {"type": "Point", "coordinates": [tower.lng, tower.lat]},
            "properties": {**osm_tags(tower), "balai:status": tower.status}}


def geojson_response(qs: QuerySet[Tower], filename: str) -> StreamingHttpResponse:
    """A FeatureCollection streamed a thousand towers at a time."""
    def parts():
        yield '{"type": "FeatureCollection", "features": ['
        for i, tower in enumerate(_chunks(qs)):
            yield ("," if i else "") + json.dumps(feature(tower), ensure_ascii=False)
        yield "]}"

    response = StreamingHttpResponse(parts(), content_type="application/geo+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}.geojson"'
    response["Cache-Control"] = "private, no-store"
    return response
