"""Importing administrative areas and roads from GeoJSON files (DESIGN.md §3, Geo)."""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import shape
from tqdm import tqdm

from balai.core.audit import log_action
from balai.geo.models import Area, Road

POLYGONAL = {"Polygon", "MultiPolygon"}
LINEAR = {"LineString", "MultiLineString"}
BATCH = 500


class GeoImportError(Exception):
    """A file that cannot be imported; nothing from it has been written."""


@dataclass(frozen=True)
class Repair:
    code: str
    name: str
    reason: str


@dataclass
class ImportReport:
    """What one import did, printable for the command line."""

    kind: str  # "areas" or "roads"
    source: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    repaired: list[Repair] = field(default_factory=list)
    parents_missing: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [_("%(kind)s from %(source)s: %(total)d features, %(created)d created, "
                   "%(updated)d updated, %(unchanged)d unchanged.") % {
            "kind": _("Areas") if self.kind == "areas" else _("Roads"),
            "source": self.source, "total": self.total, "created": self.created,
            "updated": self.updated, "unchanged": self.unchanged}]
        if self.repaired:
            lines.append(_("Repaired %(n)d invalid geometries with make_valid:")
                         % {"n": len(self.repaired)})
            lines += [f"  {r.code} {r.name}: {r.reason}" for r in self.repaired]
        if self.parents_missing:
            lines.append(_("Parent areas not (yet) imported: %(codes)s")
                         % {"codes": ", ".join(self.parents_missing)})
        return "\n".join(lines)


@dataclass
class _Row:
    code: str
    values: dict[str, Any]
    repair: Repair | None = None
    agency: str = ""


def _read_features(path: Path) -> list:
    """The file's features, or a GeoImportError saying why it is not GeoJSON."""
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            doc = json.load(fh)
    except FileNotFoundError as exc:
        raise GeoImportError(_("%(path)s: file not found.") % {"path": path}) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeoImportError(_("%(path)s is not a GeoJSON file: it is not valid JSON (%(err)s).")
                             % {"path": path.name, "err": exc}) from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" \
            or not isinstance(doc.get("features"), list):
        raise GeoImportError(_("%(path)s is not a GeoJSON FeatureCollection.")
                             % {"path": path.name})
    return doc["features"]


def _where(index: int, code: str | None) -> str:
    return _("feature %(index)d (code %(code)s)") % {"index": index, "code": code or "?"} \
        if code else _("feature %(index)d") % {"index": index}


def _geometry(feature: dict, index: int, code: str, allowed: set[str], *, polygonal: bool):
    """Parse, check the CRS of, and if needed repair one feature's geometry."""
    where = _where(index, code)
    raw = feature.get("geometry")
    if not isinstance(raw, dict) or raw.get("type") not in allowed:
        raise GeoImportError(_("%(where)s: geometry must be one of %(types)s, got %(got)s.") % {
            "where": where, "types": "/".join(sorted(allowed)),
            "got": raw.get("type") if isinstance(raw, dict) else type(raw).__name__})
    try:
        geom = shape(raw)
    except Exception as exc:  # shapely raises several types for malformed coordinates
        raise GeoImportError(_("%(where)s: malformed coordinates (%(err)s).")
                             % {"where": where, "err": exc}) from exc
    if geom.is_empty:
        raise GeoImportError(_("%(where)s: the geometry is empty.") % {"where": where})
    min_x, min_y, max_x, max_y = geom.bounds
    if not all(map(lambda v: v == v, (min_x, min_y, max_x, max_y))):  # NaN check
        raise GeoImportError(_("%(where)s: coordinates are not numbers.") % {"where": where})
    if max(abs(min_y), abs(max_y)) > 90 and max(abs(min_x), abs(max_x)) <= 90:
        raise GeoImportError(_(
            "%(where)s: latitude %(lat).4f is outside ±90; the coordinates look like "
            "[lat, lng] but GeoJSON needs [lng, lat].") % {
            "where": where, "lat": max_y if abs(max_y) > 90 else min_y})
    if max(abs(min_x), abs(max_x)) > 180 or max(abs(min_y), abs(max_y)) > 90:
        raise GeoImportError(_(
            "%(where)s: coordinates (%(x).1f, %(y).1f) are not WGS84 longitude/latitude; "
            "they look like projected metres (e.g. UTM). Reproject to EPSG:4326 first.") % {
            "where": where, "x": min_x, "y": min_y})
    repair = None
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        fixed = shapely.make_valid(geom)
        # make_valid may return a collection with stray lines or points: keep the
        # parts of the geometry's own dimension.
        parts = [p for p in shapely.get_parts(fixed)
                 if p.geom_type in (POLYGONAL if polygonal else LINEAR)]
        parts = [q for p in parts for q in shapely.get_parts(p)]
        if not parts:
            raise GeoImportError(_("%(where)s: invalid geometry (%(reason)s) that could not "
                                   "be repaired.") % {"where": where, "reason": reason})
        geom = shapely.multipolygons(parts) if polygonal else shapely.multilinestrings(parts)
        raw = json.loads(shapely.to_geojson(geom))
        repair = Repair(code=code, name=str(feature["properties"].get("name", "")),
                        reason=reason)
    min_x, min_y, max_x, max_y = geom.bounds
    bbox = {"min_lng": min_x, "min_lat": min_y, "max_lng": max_x, "max_lat": max_y}
    return {"type": raw["type"], "coordinates": raw["coordinates"]}, bbox, repair


def _properties(feature: Any, index: int, required: tuple[str, ...]) -> dict:
    if not isinstance(feature, dict) or feature.get("type") != "Feature" \
            or not isinstance(feature.get("properties"), dict):
        raise GeoImportError(_("%(where)s is not a GeoJSON Feature with properties.")
                             % {"where": _where(index, None)})
    props = feature["properties"]
    for key in required:
        value = props.get(key)
        if not isinstance(value, str) or not value.strip():
            raise GeoImportError(_("%(where)s: property '%(key)s' is missing or empty.") % {
                "where": _where(index, props.get("code") if key != "code" else None),
                "key": key})
    return props


def _check_unique(codes: list[str]) -> None:
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code in seen:
            raise GeoImportError(_("%(where)s: code appears more than once in the file.")
                                 % {"where": _where(index, code)})
        seen.add(code)


def _existing(model, codes: list[str]) -> dict:
    rows = {}
    for start in range(0, len(codes), BATCH):
        rows.update({obj.code: obj for obj in model.objects.filter(code__in=codes[start:start
                                                                                  + BATCH])})
    return rows


def _write(model, rows: list[_Row], report: ImportReport, *, bar) -> list:
    """Create new rows and update changed ones; return the model objects in file order."""
    existing = _existing(model, [r.code for r in rows])
    now = timezone.now()
    new, changed, objs = [], [], []
    fields = sorted({key for r in rows for key in r.values})
    for r in rows:
        obj = existing.get(r.code)
        if obj is None:
            obj = model(code=r.code, **r.values)
            new.append(obj)
        elif any(getattr(obj, k) != v for k, v in r.values.items()):
            for k, v in r.values.items():
                setattr(obj, k, v)
            obj.updated_at = now
            changed.append(obj)
        objs.append(obj)
    for start in range(0, len(new), BATCH):
        model.objects.bulk_create(new[start:start + BATCH])
        bar.update(len(new[start:start + BATCH]))
    for start in range(0, len(changed), BATCH):
        model.objects.bulk_update(changed[start:start + BATCH], [*fields, "updated_at"])
        bar.update(len(changed[start:start + BATCH]))
    bar.update(len(rows) - len(new) - len(changed))
    report.created, report.updated = len(new), len(changed)
    report.unchanged = len(rows) - len(new) - len(changed)
    return objs


def _progress(total: int, desc: str, *, progress: bool, stdout):
    out = getattr(stdout, "_out", stdout) or sys.stderr
    return tqdm(total=total, desc=desc, unit=" features", disable=not progress, file=out,
                leave=False)


def areas_import(path, *, progress: bool = True, stdout=None, actor=None) -> ImportReport:
    """Import or update administrative areas from a GeoJSON (.gz) file, idempotent by code."""
    path = Path(path)
    features = _read_features(path)
    report = ImportReport(kind="areas", source=path.name, total=len(features))
    rows: list[_Row] = []
    levels = set(Area.Level.values)
    with _progress(len(features), _("Checking"), progress=progress, stdout=stdout) as bar:
        for index, feature in enumerate(features):
            props = _properties(feature, index, ("code", "name", "level"))
            code = props["code"].strip()
            if props["level"] not in levels:
                raise GeoImportError(_("%(where)s: unknown level '%(level)s' (expected one of "
                                       "%(levels)s).") % {"where": _where(index, code),
                                                          "level": props["level"],
                                                          "levels": ", ".join(Area.Level.values)})
            geometry, bbox, repair = _geometry(feature, index, code, POLYGONAL, polygonal=True)
            parent_code = props.get("parent_code") or ""
            rows.append(_Row(code=code, repair=repair, values={
                "name": props["name"].strip(), "level": props["level"],
                "parent_code": str(parent_code).strip(), "geometry": geometry, **bbox}))
            bar.update()
    _check_unique([r.code for r in rows])
    report.repaired = [r.repair for r in rows if r.repair]

    with transaction.atomic(), \
            _progress(len(rows), _("Writing"), progress=progress, stdout=stdout) as bar:
        objs = _write(Area, rows, report, bar=bar)
        report.parents_missing = _link_parents({r.values["parent_code"] for r in rows})
        if objs:
            # The audit trail hangs off the file's first area (usually its largest).
            target = Area.objects.get(code=objs[0].code)
            log_action(target, "geo.areas_imported", actor=actor, data=_audit_data(report))
    return report


def _link_parents(parent_codes: set[str]) -> list[str]:
    """Point every area without a parent at the area its parent_code names, if present."""
    ids = dict(Area.objects.values_list("code", "pk"))
    orphans = Area.objects.filter(parent__isnull=True).exclude(parent_code="")
    linked = []
    for obj in orphans.only("pk", "parent_code"):
        parent_id = ids.get(obj.parent_code)
        if parent_id is not None:
            obj.parent_id = parent_id
            linked.append(obj)
    Area.objects.bulk_update(linked, ["parent"], batch_size=BATCH)
    return sorted(code for code in parent_codes if code and code not in ids)


def _audit_data(report: ImportReport) -> dict:
    return {"source": report.source, "total": report.total, "created": report.created,
            "updated": report.updated, "unchanged": report.unchanged,
            "repaired": [{"code": r.code, "reason": r.reason} for r in report.repaired]}


def roads_import(path, *, progress: bool = True, stdout=None, actor=None) -> ImportReport:
    """Import or update road segments from a GeoJSON (.gz) file, idempotent by code."""
    path = Path(path)
    features = _read_features(path)
    report = ImportReport(kind="roads", source=path.name, total=len(features))
    statuses = set(Road.Status.values)
    rows: list[_Row] = []
    agency_codes: list[tuple[int, str, str]] = []
    with _progress(len(features), _("Checking"), progress=progress, stdout=stdout) as bar:
        for index, feature in enumerate(features):
            props = _properties(feature, index, ("code", "name", "status"))
            code = props["code"].strip()
            if props["status"] not in statuses:
                raise GeoImportError(_("%(where)s: unknown road status '%(status)s' (expected "
                                       "one of %(statuses)s).") % {
                    "where": _where(index, code), "status": props["status"],
                    "statuses": ", ".join(Road.Status.values)})
            geometry, bbox, repair = _geometry(feature, index, code, LINEAR, polygonal=False)
            agency = props.get("agency") or ""
            if agency:
                agency_codes.append((index, code, str(agency)))
            rows.append(_Row(code=code, repair=repair, values={
                "name": props["name"].strip(), "status": props["status"],
                "legal_basis": str(props.get("legal_basis") or "").strip(),
                "is_made_up": bool(props.get("made_up", False)),
                "geometry": geometry, "agency_id": None, **bbox}))
            rows[-1].agency = str(agency)
            bar.update()
    _check_unique([r.code for r in rows])
    report.repaired = [r.repair for r in rows if r.repair]

    # Roads name their agency by code; geo may not import the agencies app (layers).
    agency_model = apps.get_model("agencies", "Agency")
    known = dict(agency_model.objects.filter(code__in={c for _i, _c, c in agency_codes})
                 .values_list("code", "pk"))
    for index, code, agency in agency_codes:
        if agency not in known:
            raise GeoImportError(_("%(where)s: unknown agency code '%(agency)s'.")
                                 % {"where": _where(index, code), "agency": agency})
    for r in rows:
        r.values["agency_id"] = known.get(r.agency)

    with transaction.atomic(), \
            _progress(len(rows), _("Writing"), progress=progress, stdout=stdout) as bar:
        objs = _write(Road, rows, report, bar=bar)
        if objs:
            target = Road.objects.get(code=objs[0].code)
            log_action(target, "geo.roads_imported", actor=actor, data=_audit_data(report))
    return report
