"""Point -> area chain and nearest road: pure, built from plain data, no ORM (DESIGN.md §3).

Areas are indexed per level in shapely 2 STRtrees: a point is first looked up among the
smallest areas (kelurahan/desa) and its chain is read from the precomputed parent links,
so a typical lookup is one tree probe plus one prepared point-in-polygon test. Coarser
levels are only probed when no smaller area contains the point (slivers, partial data).

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
from shapely import STRtree

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
        # Candidate search radius in degrees: metric distance >= min(kx, ky) * degree
        # distance, so this radius never misses a road within the threshold.
        self._lat_cap = 85.0

    # -- single point ---------------------------------------------------------------
    def locate(self, lat: float, lng: float, *, boundary_distance: bool = False
               ) -> LocationResult:
        """The area chain and roads within the threshold of one WGS84 point."""
        point = shapely.Point(lng, lat)
        chain = ()
        smallest = None
        for (tree, geoms, _idx), chains in zip(self.levels, self._level_chains, strict=True):
            # Bounding-box probe, then an exact test on prepared polygons (fast indexed
            # point-in-polygon); the first contained area in code order wins on overlaps.
            for j in np.sort(tree.query(point)):
                if geoms[j].contains(point):
                    chain, smallest = chains[j], geoms[j]
                    break
            if chain:
                break
        roads = self._roads_near(point, lat, lng) if self.roads else ()
        bdist = None
        if boundary_distance and smallest is not None:
            bdist = self._boundary_distance(smallest, lat, lng)
        if not chain and not roads:
            return OUTSIDE if bdist is None else LocationResult(False, (), None, (), bdist)
        return LocationResult(bool(chain), chain, roads[0] if roads else None, roads, bdist)

    def _roads_near(self, point, lat: float, lng: float) -> tuple[RoadHit, ...]:
        kx, ky = _metres_per_degree_scalar(min(abs(lat), self._lat_cap))
        radius = self.threshold_m / min(kx, ky) * 1.0001
        cands = self.road_tree.query(point, predicate="dwithin", distance=radius)
        if not len(cands):
            return ()
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
        """`locate()` for arrays of points, vectorised over shapely and numpy."""
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
