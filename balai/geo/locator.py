"""Point -> area chain and nearest road: pure, built from plain data, no ORM (DESIGN.md §3).

Areas are indexed per level in shapely 2 STRtrees: a point belongs to the smallest area
(kelurahan/desa) that contains it and its chain is read from the precomputed parent
links; coarser levels count only where no smaller area contains the point (slivers
between simplified polygons, partial data). locate_many() probes these trees with whole
arrays of points. locate(), called once per point, reads its candidates from a grid
precomputed from the same trees (see _build_grid), because per-call overhead of tree
probes dominates single lookups.

Road distances are in metres. Around each query point the WGS84 ellipsoid is replaced by
a local equirectangular projection, x = (lng - lng0) * N cos(lat0), y = (lat - lat0) * M,
with M and N the meridional and prime-vertical radii of curvature at lat0. Within a few
hundred metres of the point this is accurate to far better than 0.1 % (the neglected
terms grow with the square of the distance over the Earth's radius), well inside the 1 %
needed at the 15 m threshold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import shapely
from shapely import STRtree, contains_xy

# Smallest level first: the order in which trees are probed.
LEVEL_RANK = {"kelurahan": 3, "desa": 3, "kecamatan": 2, "kota": 1, "kabupaten": 1,
              "provinsi": 0}
WGS84_A = 6_378_137.0
WGS84_E2 = 0.00669437999014
DEG = math.pi / 180


class AreaData(NamedTuple):
    code: str
    name: str
    level: str
    parent_code: str
    geometry: shapely.Geometry  # Polygon or MultiPolygon in lng/lat


class RoadData(NamedTuple):
    code: str
    name: str
    status: str
    agency_code: str | None
    agency_name: str | None
    legal_basis: str
    geometry: shapely.Geometry  # LineString or MultiLineString in lng/lat


@dataclass(frozen=True, slots=True)
class AreaRef:
    code: str
    name: str
    level: str


@dataclass(frozen=True, slots=True)
class RoadHit:
    code: str
    name: str
    status: str
    agency_code: str | None
    agency_name: str | None
    legal_basis: str
    distance_m: float


@dataclass(frozen=True, slots=True)
class LocationResult:
    """Where a point is: its areas from largest to smallest and the roads near it."""

    inside: bool
    areas: tuple[AreaRef, ...]
    road: RoadHit | None  # the nearest road within the threshold
    roads_within: tuple[RoadHit, ...] = ()  # every road within the threshold, nearest first
    boundary_distance_m: float | None = None  # to the smallest area's edge, when asked

    def as_dict(self) -> dict:
        """The shape `balai locate --json` prints."""
        road = None
        if self.road is not None:
            road = {"name": self.road.name, "status": self.road.status,
                    "agency": self.road.agency_name,
                    "distance_m": round(self.road.distance_m, 1)}
        return {"inside": self.inside,
                "areas": [{"code": a.code, "name": a.name, "level": a.level}
                          for a in self.areas],
                "road": road}


OUTSIDE = LocationResult(inside=False, areas=(), road=None)


def metres_per_degree(lat: float | np.ndarray):
    """(metres per degree of longitude, of latitude) on the WGS84 ellipsoid at `lat`."""
    s = np.sin(np.asarray(lat) * DEG)
    w = 1.0 - WGS84_E2 * s * s
    n = WGS84_A / np.sqrt(w)
    m = WGS84_A * (1.0 - WGS84_E2) / (w * np.sqrt(w))
    return n * np.cos(np.asarray(lat) * DEG) * DEG, m * DEG


def _metres_per_degree_scalar(lat: float) -> tuple[float, float]:
    s = math.sin(lat * DEG)
    w = 1.0 - WGS84_E2 * s * s
    return (WGS84_A / math.sqrt(w) * math.cos(lat * DEG) * DEG,
            WGS84_A * (1.0 - WGS84_E2) / (w * math.sqrt(w)) * DEG)


def _expand(points: np.ndarray, lo: np.ndarray, hi: np.ndarray):
    """CSR ranges lo:hi per point -> flat (point, position) pairs."""
    counts = hi - lo
    total = int(counts.sum())
    if not total:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    starts = np.cumsum(counts) - counts
    src = np.repeat(points, counts)
    pos = np.arange(total) - np.repeat(starts, counts) + np.repeat(lo, counts)
    return src, pos


def _chains(areas: Sequence[AreaData]) -> list[tuple[AreaRef, ...]]:
    by_code = {a.code: i for i, a in enumerate(areas)}
    refs = [AreaRef(a.code, a.name, a.level) for a in areas]
    chains = []
    for i, area in enumerate(areas):
        chain, seen, j = [refs[i]], {i}, by_code.get(area.parent_code)
        while j is not None and j not in seen:  # `seen` guards against cyclic parent codes
            chain.append(refs[j])
            seen.add(j)
            j = by_code.get(areas[j].parent_code)
        chains.append(tuple(reversed(chain)))
    return chains


class Locator:
    """Answers `locate(lat, lng)` from in-memory STRtrees over areas and roads."""

    def __init__(self, areas: Iterable[AreaData], roads: Iterable[RoadData], *,
                 threshold_m: float = 15.0):
        self.threshold_m = float(threshold_m)
        self.areas = list(areas)
        self.roads = list(roads)
        self.chains = _chains(self.areas)
        # Per level: (tree, prepared geometries, index into self.areas), smallest first.
        self.levels = []
        for rank in sorted({LEVEL_RANK[a.level] for a in self.areas}, reverse=True):
            idx = np.array([i for i, a in enumerate(self.areas) if LEVEL_RANK[a.level] == rank],
                           dtype=np.intp)
            geoms = np.array([self.areas[i].geometry for i in idx], dtype=object)
            shapely.prepare(geoms)
            self.levels.append((STRtree(geoms), geoms, idx))
        self._level_chains = [[self.chains[i] for i in idx] for _t, _g, idx in self.levels]

        road_geoms = np.array([r.geometry for r in self.roads], dtype=object)
        self.road_tree = STRtree(road_geoms)
        # Every road as flat segment arrays (a -> b, in degrees), so metric distances to
        # candidate roads are computed with numpy without reprojecting geometries.
        starts, ends, owner = [], [], []
        for i, geom in enumerate(road_geoms):
            for part in shapely.get_parts(geom):
                xy = shapely.get_coordinates(part)
                starts.append(xy[:-1])
                ends.append(xy[1:])
                owner.append(np.full(len(xy) - 1, i, dtype=np.intp))
        self.seg_a = np.concatenate(starts) if starts else np.empty((0, 2))
        self.seg_b = np.concatenate(ends) if ends else np.empty((0, 2))
        seg_owner = np.concatenate(owner) if owner else np.empty(0, dtype=np.intp)
        # Segments are grouped per road: road i owns seg_start[i]:seg_start[i + 1].
        self.seg_start = np.searchsorted(seg_owner, np.arange(len(self.roads) + 1))
        self._road_meta = [(r.code, r.name, r.status, r.agency_code, r.agency_name,
                            r.legal_basis) for r in self.roads]
        self._lat_cap = 85.0
        self._build_grid()

    # -- the lookup grid ------------------------------------------------------------
    def _residuals(self) -> list[tuple[int, shapely.Geometry]]:
        """Coarser areas minus their imported children, finest level first.

        A point that lies in no smallest area (a sliver between simplified polygons, or a
        region imported only down to kecamatan) can only be in such a residual, and the
        residual that holds it is exactly the area the level-by-level probe would find.
        """
        children: dict[str, list[int]] = {}
        for i, area in enumerate(self.areas):
            children.setdefault(area.parent_code, []).append(i)
        out = []
        for _tree, _geoms, idx in self.levels[1:]:
            for i in idx.tolist():
                geom = self.areas[i].geometry
                kids = [self.areas[k].geometry for k in children.get(self.areas[i].code, ())]
                if kids:
                    geom = shapely.difference(geom, shapely.union_all(kids))
                parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"
                         and not p.is_empty]
                if parts:
                    out.append((i, shapely.multipolygons(parts)))
        return out

    def _build_grid(self, *, max_cells: int = 1_000_000, cells_per_item: int = 100) -> None:
        """Precompute, per cell of a regular lng/lat grid, the areas and roads it touches.

        locate() then reads its candidates from the point's cell instead of probing
        trees: cells wholly inside one smallest area answer without any geometry test,
        empty cells (sea, outside the territory) answer at once, and only cells crossed
        by a boundary run exact point-in-polygon tests on prepared geometries. Results
        are the same as probing the STRtrees; the grid only removes per-call overhead.
        """
        finest = self.levels[0] if self.levels else (None, np.empty(0, dtype=object),
                                                     np.empty(0, dtype=np.intp))
        # Probes are single polygons (multipolygons split into parts) so that each has a
        # tight bounding box: a desa with far islands or a province-wide residual of
        # slivers would otherwise be tested against most of the grid.
        probe_area, probe_geoms = [], []
        for i, geom in [*zip(finest[2].tolist(), finest[1], strict=True), *self._residuals()]:
            for part in shapely.get_parts(geom):
                probe_area.append(i)
                probe_geoms.append(part)
        n_finest = int(shapely.get_num_geometries(finest[1]).sum())  # they come first
        probe_geoms = np.array(probe_geoms, dtype=object)
        shapely.prepare(probe_geoms)
        self._probe_area = probe_area
        self._probe_geoms = probe_geoms.tolist()
        self._probe_chain = [self.chains[i] for i in probe_area]

        everything = np.concatenate([probe_geoms, self.road_tree.geometries])
        if not len(everything):
            self._grid = None
            return
        x0, y0, x1, y1 = shapely.total_bounds(everything)
        kx, ky = _metres_per_degree_scalar(min(max(abs(y0), abs(y1)) + 1, self._lat_cap))
        # Metric distance >= min(kx, ky) * degree distance, so this degree radius (taken
        # where degrees are shortest) never misses a road within the threshold.
        radius = self.threshold_m / min(kx, ky) * 1.0001
        x0, y0, x1, y1 = x0 - radius, y0 - radius, x1 + radius, y1 + radius
        target = min(max_cells, max(1024, cells_per_item * len(everything)))
        size = math.sqrt((x1 - x0) * (y1 - y0) / target) or 1e-3
        nx, ny = max(1, math.ceil((x1 - x0) / size)), max(1, math.ceil((y1 - y0) / size))
        ix, iy = np.meshgrid(np.arange(nx), np.arange(ny))
        ix, iy = ix.ravel(), iy.ravel()
        pad = size * 1e-6  # closed, slightly padded cells: float rounding never drops a hit
        boxes = shapely.box(x0 + ix * size - pad, y0 + iy * size - pad,
                            x0 + (ix + 1) * size + pad, y0 + (iy + 1) * size + pad)

        cell, probe = STRtree(probe_geoms).query(boxes, predicate="intersects")
        order = np.lexsort((probe, cell))
        cell, probe = cell[order], probe[order]
        area_off = np.searchsorted(cell, np.arange(nx * ny + 1))
        interior = np.full(nx * ny, -1, dtype=np.int64)
        counts = np.diff(area_off)
        single = np.flatnonzero(counts == 1)
        only = probe[area_off[single]]
        single, only = single[only < n_finest], only[only < n_finest]
        inside = shapely.contains(probe_geoms[only], boxes[single])
        interior[single[inside]] = only[inside]

        rcell, road = self.road_tree.query(boxes, predicate="dwithin", distance=radius)
        order = np.lexsort((road, rcell))
        rcell, road = rcell[order], road[order]
        road_off = np.searchsorted(rcell, np.arange(nx * ny + 1))
        self._grid = (x0, y0, 1.0 / size, nx, ny, interior, area_off, probe, road_off, road)

    # -- single point ---------------------------------------------------------------
    def locate(self, lat: float, lng: float, *, boundary_distance: bool = False
               ) -> LocationResult:
        """The area chain and roads within the threshold of one WGS84 point."""
        grid = self._grid
        if grid is None:
            return OUTSIDE
        x0, y0, inv, nx, ny, interior, area_off, probe, road_off, road = grid
        ix, iy = int((lng - x0) * inv), int((lat - y0) * inv)
        if lng < x0 or lat < y0 or ix >= nx or iy >= ny:
            return OUTSIDE  # beyond every area and further than the threshold from roads
        cell = iy * nx + ix
        hit = interior.item(cell)
        if hit < 0:
            lo, hi = area_off.item(cell), area_off.item(cell + 1)
            if hi > lo:
                geoms = self._probe_geoms
                for j in probe[lo:hi].tolist():  # smallest level first, then code order
                    if contains_xy(geoms[j], lng, lat):
                        hit = j
                        break
        chain = self._probe_chain[hit] if hit >= 0 else ()
        lo, hi = road_off.item(cell), road_off.item(cell + 1)
        roads = self._roads_near(road[lo:hi], lat, lng) if hi > lo else ()
        bdist = None
        if boundary_distance and hit >= 0:
            bdist = self._boundary_distance(self.areas[self._probe_area[hit]].geometry,
                                            lat, lng)
        if not chain and not roads:
            return OUTSIDE if bdist is None else LocationResult(False, (), None, (), bdist)
        return LocationResult(bool(chain), chain, roads[0] if roads else None, roads, bdist)

    def _roads_near(self, cands, lat: float, lng: float) -> tuple[RoadHit, ...]:
        kx, ky = _metres_per_degree_scalar(min(abs(lat), self._lat_cap))
        dist = self._distances(np.full(len(cands), lng), np.full(len(cands), lat),
                               np.full(len(cands), kx), np.full(len(cands), ky), cands)
        order = np.argsort(dist, kind="stable")
        return tuple(RoadHit(*self._road_meta[cands[k]], float(dist[k])) for k in order
                     if dist[k] <= self.threshold_m)

    def _distances(self, px, py, kx, ky, road_idx) -> np.ndarray:
        """Metric distance from each point (px, py) to road `road_idx` of the same row."""
        lo, hi = self.seg_start[road_idx], self.seg_start[road_idx + 1]
        counts = hi - lo
        pair = np.repeat(np.arange(len(road_idx)), counts)
        seg = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) \
            + np.repeat(lo, counts)
        sx, sy = kx[pair], ky[pair]
        ax = (self.seg_a[seg, 0] - px[pair]) * sx
        ay = (self.seg_a[seg, 1] - py[pair]) * sy
        bx = (self.seg_b[seg, 0] - px[pair]) * sx
        by = (self.seg_b[seg, 1] - py[pair]) * sy
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        with np.errstate(invalid="ignore", divide="ignore"):
            t = np.where(length2 > 0, -(ax * dx + ay * dy) / length2, 0.0)
        t = np.clip(t, 0.0, 1.0)
        d = np.hypot(ax + t * dx, ay + t * dy)
        return np.minimum.reduceat(d, np.cumsum(counts) - counts)

    def _boundary_distance(self, geom, lat: float, lng: float) -> float:
        kx, ky = _metres_per_degree_scalar(min(abs(lat), self._lat_cap))
        local = shapely.transform(shapely.boundary(geom),
                                  lambda xy: (xy - (lng, lat)) * (kx, ky))
        return float(shapely.distance(shapely.Point(0, 0), local))

    # -- many points ----------------------------------------------------------------
    def locate_many(self, lats, lngs) -> list[LocationResult]:
        """`locate()` for arrays of points, vectorised over the grid, shapely and numpy."""
        lats = np.asarray(lats, dtype=float)
        lngs = np.asarray(lngs, dtype=float)
        n = len(lats)
        grid = self._grid
        if grid is None or not n:
            return [OUTSIDE] * n
        x0, y0, inv, nx, ny, interior, area_off, probe, road_off, road = grid
        ix = np.floor((lngs - x0) * inv)
        iy = np.floor((lats - y0) * inv)
        ok = (ix >= 0) & (iy >= 0) & (ix < nx) & (iy < ny)
        pts = np.flatnonzero(ok)
        cells = (iy[pts] * nx + ix[pts]).astype(np.intp)
        hit = np.full(n, -1, dtype=np.int64)
        hit[pts] = interior[cells]
        # Boundary cells: test every candidate polygon of the cell, keep the first that
        # contains the point (candidates are in priority order within a cell).
        open_ = hit[pts] < 0
        src, cand = _expand(pts[open_], area_off[cells[open_]], area_off[cells[open_] + 1])
        if len(src):
            probes = probe[cand]
            inside = contains_xy(np.asarray(self._probe_geoms, dtype=object)[probes],
                                 lngs[src], lats[src])
            src, probes = src[inside], probes[inside]
            first = np.unique(src, return_index=True)[1]
            hit[src[first]] = probes[first]

        near: dict[int, list[RoadHit]] = {}
        src, cand = _expand(pts, road_off[cells], road_off[cells + 1])
        if len(src):
            roads = road[cand]
            kx, ky = metres_per_degree(np.minimum(np.abs(lats[src]), self._lat_cap))
            dist = self._distances(lngs[src], lats[src], kx, ky, roads)
            keep = dist <= self.threshold_m
            for s, c, d in sorted(zip(src[keep].tolist(), roads[keep].tolist(),
                                      dist[keep].tolist(), strict=True),
                                  key=lambda row: (row[0], row[2])):
                near.setdefault(s, []).append(RoadHit(*self._road_meta[c], d))

        chains = self._probe_chain
        results = []
        append = results.append
        for i, h in enumerate(hit.tolist()):
            chain = chains[h] if h >= 0 else ()
            hits = near.get(i)
            if hits:
                append(LocationResult(bool(chain), chain, hits[0], tuple(hits)))
            elif chain:
                append(LocationResult(True, chain, None))
            else:
                append(OUTSIDE)
        return results

    def locate_many_by_trees(self, lats, lngs) -> list[LocationResult]:
        """locate_many() by probing the STRtrees level by level, without the grid.

        Slower; kept as the independent reference that tests and the benchmark compare
        the grid against.
        """
        lats = np.asarray(lats, dtype=float)
        lngs = np.asarray(lngs, dtype=float)
        n = len(lats)
        points = shapely.points(lngs, lats)
        chain_of: list = [()] * n
        pending = np.arange(n)
        for (tree, _geoms, _idx), chains in zip(self.levels, self._level_chains, strict=True):
            if not len(pending):
                break
            src, hit = tree.query(points[pending], predicate="intersects")
            # The lowest tree index per point, as locate() picks on overlaps.
            order = np.lexsort((hit, src))
            src, hit = src[order], hit[order]
            first = np.unique(src, return_index=True)[1]
            for s, h in zip(pending[src[first]].tolist(), hit[first].tolist(), strict=True):
                chain_of[s] = chains[h]
            found = np.zeros(len(pending), dtype=bool)
            found[src] = True
            pending = pending[~found]

        near: dict[int, list[RoadHit]] = {}
        if self.roads:
            kx, ky = metres_per_degree(np.minimum(np.abs(lats), self._lat_cap))
            radius = self.threshold_m / np.minimum(kx, ky) * 1.0001
            src, cand = self.road_tree.query(points, predicate="dwithin", distance=radius)
            if len(src):
                dist = self._distances(lngs[src], lats[src], kx[src], ky[src], cand)
                keep = dist <= self.threshold_m
                for s, c, d in sorted(zip(src[keep].tolist(), cand[keep].tolist(),
                                          dist[keep].tolist(), strict=True),
                                      key=lambda row: (row[0], row[2])):
                    near.setdefault(s, []).append(RoadHit(*self._road_meta[c], d))

        results = []
        append = results.append
        for i, chain in enumerate(chain_of):
            hits = near.get(i)
            if hits:
                append(LocationResult(bool(chain), chain, hits[0], tuple(hits)))
            elif chain:
                append(LocationResult(True, chain, None))
            else:
                append(OUTSIDE)
        return results
