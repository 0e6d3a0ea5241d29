"""The coverage map, pure (no ORM): kelurahan boundaries (GeoJSON, WGS84) drawn as SVG
paths, each filled by whether it has a KIM, with a <title>, and its name as a label where
there is room for it.

Drawn on the server: the page needs no script and no tile server, reads the same on a
phone, and its table alternative (the template) lists what the map shows, so a kelurahan
whose name found no room is still named there.

Labels: the map is 600 units wide and shown about 560 px wide on a computer (its height is
capped at 80 % of the screen) and about 360 px on a phone, so a label is placed twice: at
LABEL_WIDE units (about 12 px on a computer) and at LABEL_NARROW units (about 11 px on a
phone). Each sits on the point deepest inside its kelurahan (polylabel), in order: the
kelurahan with a KIM first, then the largest; a label is left out when its box would touch
one already placed or leave the map. No two labels overlap at either size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import shapely
from shapely.geometry import Point, box, shape
from shapely.ops import polylabel

WIDTH = 600  # the SVG's user units; it scales to the page's width
LABEL_WIDE = 13  # font size in map units on wide screens (CSS .coverage-map__label)
LABEL_NARROW = 19  # on phones
CHAR_WIDTH = 0.62  # a sans-serif letter's mean advance, in ems (DejaVu Sans: about 0.6)
BOLD = 1.12  # the KIM's names are bold, that much wider


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str  # the SVG path
    label_x: float
    label_y: float
    has_kim: bool
    # Where its name is drawn: ("narrow", x, y) on phones, ("wide", x, y) on wider screens;
    # none when it found no room (the table names it).
    labels: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class Map:
    width: int
    height: int
    shapes: list[Shape]


def _rings(geometry: dict) -> list[list[list[float]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    return []


def draw(areas: list[tuple[str, str, dict, bool]]) -> Map | None:
    """`areas` as (code, name, geometry, has_kim); None when none has a boundary.

    An equirectangular projection scaled by the cosine of the middle latitude (a kota is
    small: the error is far below a pixel), north up."""
    rings = {code: _rings(geometry) for code, _n, geometry, _k in areas}
    points = [p for rs in rings.values() for ring in rs for p in ring if len(p) >= 2]
    if not points:
        return None
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((north + south) / 2))
    span_x, span_y = max((east - west) * squeeze, 1e-9), max(north - south, 1e-9)
    scale = WIDTH / span_x
    height = max(1, round(span_y * scale))

    def xy(p) -> tuple[float, float]:
        return round((p[0] - west) * squeeze * scale, 1), round((north - p[1]) * scale, 1)

    def project(coords):  # shapely.transform hands over an (n, 2) array
        coords = coords.copy()
        coords[:, 0] = (coords[:, 0] - west) * squeeze * scale
        coords[:, 1] = (north - coords[:, 1]) * scale
        return coords

    shapes, anchors = [], {}
    for code, name, geometry, has_kim in areas:
        parts = []
        for ring in rings[code]:
            projected = [xy(p) for p in ring if len(p) >= 2]
            if len(projected) < 3:
                continue
            parts.append("M" + " L".join(f"{x} {y}" for x, y in projected) + " Z")
        if parts:
            anchors[code] = _anchor(shapely.transform(_polygonal(geometry), project))
            shapes.append(Shape(code=code, name=name, d=" ".join(parts),
                                label_x=anchors[code][0], label_y=anchors[code][1],
                                has_kim=has_kim))
    order = sorted(shapes, key=lambda sh: (not sh.has_kim, -anchors[sh.code][2]))
    narrow = _place(order, LABEL_NARROW, WIDTH, height, anchors)
    wide = _place(order, LABEL_WIDE, WIDTH, height, anchors)
    shapes = [replace(sh, labels=tuple(
        (kind, x, sh.label_y) for kind, placed in (("narrow", narrow), ("wide", wide))
        if (x := placed.get(sh.code)) is not None)) for sh in shapes]
    return Map(width=WIDTH, height=height, shapes=shapes)


def _polygonal(geometry: dict):
    """The boundary as a valid shapely (Multi)Polygon (imported boundaries may self-touch)."""
    geom = shapely.make_valid(shape(geometry))
    if geom.geom_type == "GeometryCollection":
        geom = shapely.union_all([g for g in geom.geoms if g.area > 0])
    return geom


def _anchor(geom) -> tuple[float, float, float, object]:
    """The label's point (the pole of inaccessibility of the largest part), the area, and
    that part (a label pushed off the map's edge must stay inside it)."""
    if geom.is_empty or geom.area <= 0:
        return 0.0, 0.0, 0.0, None
    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    point = polylabel(part, tolerance=0.5)
    return round(point.x, 1), round(point.y, 1), geom.area, part


def label_size(name: str, size: float, bold: bool) -> tuple[float, float]:
    """Half the width and half the height a label covers, with a little room around it."""
    em = CHAR_WIDTH * (BOLD if bold else 1)
    return len(name) * em * size / 2 + 2, size * 0.6 + 1


def _place(order: list[Shape], size: float, width: float, height: float,
           anchors: dict) -> dict[str, float]:
    """Each label that fits, greedily in `order`, none touching another: its code and x
    (moved in from the map's edge while its point stays inside its kelurahan)."""
    placed, boxes = {}, []
    for sh in order:
        _x, y, _area, part = anchors[sh.code]
        half_w, half_h = label_size(sh.name, size, sh.has_kim)
        if part is None or 2 * half_w > width or not half_h <= y <= height - half_h:
            continue
        # to a tenth of a unit, as the SVG gets it, and still inside the map
        x = min(max(sh.label_x, math.ceil(half_w * 10) / 10),
                math.floor((width - half_w) * 10) / 10)
        if x != sh.label_x and not part.contains(Point(x, y)):
            continue
        candidate = box(x - half_w, y - half_h, x + half_w, y + half_h)
        if not any(candidate.intersects(b) for b in boxes):
            placed[sh.code] = x
            boxes.append(candidate)
    return placed
