"""Benchmark of point -> area/road lookup against DESIGN.md §8.

Run: .venv/bin/python bench/locate.py [--points N]

The Locator is built straight from bench/data/provinsi-jawa-timur.geojson.gz (9,197
areas) plus 10,000 generated road segments inside the province, without Django or a
database: the Locator is pure, and the database only feeds it the same tuples. All
random numbers are seeded, so runs are comparable.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from balai.geo.locator import AreaData, Locator, RoadData, metres_per_degree  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "provinsi-jawa-timur.geojson.gz"
THRESHOLD_M = 15.0
SEED = 20260


def load_areas() -> list[AreaData]:
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    areas = []
    for f in features:
        geom = shape(f["geometry"])
        if not geom.is_valid:  # as the importer does
            geom = shapely.make_valid(geom)
            geom = shapely.multipolygons([p for p in shapely.get_parts(geom)
                                          if p.geom_type == "Polygon"])
        p = f["properties"]
        areas.append(AreaData(p["code"], p["name"], p["level"], p.get("parent_code") or "",
                              geom))
    return areas


def make_roads(province, n: int, rng: np.random.Generator) -> list[RoadData]:
    """`n` short polylines (2-5 vertices, 30-300 m per leg) starting inside the province."""
    min_x, min_y, max_x, max_y = province.bounds
    shapely.prepare(province)
    roads = []
    statuses = ["nasional", "provinsi", "kabupaten", "kota", "desa"]
    while len(roads) < n:
        x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if not shapely.contains_xy(province, x, y):
            continue
        kx, ky = metres_per_degree(y)
        coords = [(x, y)]
        for _ in range(rng.integers(1, 5)):
            leg, angle = rng.uniform(30, 300), rng.uniform(0, 2 * np.pi)
            x, y = x + leg * np.cos(angle) / kx, y + leg * np.sin(angle) / ky
            coords.append((float(x), float(y)))
        i = len(roads)
        roads.append(RoadData(f"BENCH-{i:05d}", f"Jalan {i}", statuses[i % 5],
                              f"agency-{i % 40}", f"Agency {i % 40}", "generated",
                              shapely.linestrings(coords)))
    return roads


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=200_000)
    parser.add_argument("--naive-points", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)

    t0 = time.perf_counter()
    areas = load_areas()
    province = next(a.geometry for a in areas if a.level == "provinsi")
    roads = make_roads(province, 10_000, rng)
    t1 = time.perf_counter()
    locator = Locator(areas, roads, threshold_m=THRESHOLD_M)
    t2 = time.perf_counter()
    smallest = [a.geometry for a in areas if a.level in ("kelurahan", "desa")]
    print(f"data: {len(areas):,} areas ({len(smallest):,} kelurahan/desa), "
          f"{len(roads):,} road segments; loaded in {t1 - t0:.1f} s, "
          f"Locator built in {t2 - t1:.1f} s")

    min_x, min_y, max_x, max_y = province.bounds
    n = args.points
    lngs = rng.uniform(min_x, max_x, n)
    lats = rng.uniform(min_y, max_y, n)
    lng_list, lat_list = lngs.tolist(), lats.tolist()
    print(f"points: {n:,} uniform in the province bbox (seed {SEED})")

    # (a) The raw shapely limit: one STRtree probe for the polygon, one nearest-road
    # probe (degree radius covering 15 m), no result objects.
    poly_tree = STRtree(smallest)
    road_tree = STRtree([r.geometry for r in roads])
    max_deg = THRESHOLD_M / float(min(metres_per_degree(abs(min_y))))
    point, query, nearest = shapely.Point, poly_tree.query, road_tree.query_nearest
    t = time.perf_counter()
    for lat, lng in zip(lat_list, lng_list, strict=True):
        p = point(lng, lat)
        query(p, predicate="intersects")
        nearest(p, max_distance=max_deg)
    raw = rate(n, time.perf_counter() - t)

    # (b) locate() per point: full area chain, roads in metres, result objects.
    locate = locator.locate
    t = time.perf_counter()
    results = [locate(lat, lng) for lat, lng in zip(lat_list, lng_list, strict=True)]
    single = rate(n, time.perf_counter() - t)
    inside = sum(r.inside for r in results)
    with_road = sum(r.road is not None for r in results)

    # (c) locate_many(): the same points in one vectorised call.
    t = time.perf_counter()
    many_results = locator.locate_many(lats, lngs)
    many = rate(n, time.perf_counter() - t)
    # Cross-check both against plain level-by-level STRtree probes (no grid).
    reference = locator.locate_many_by_trees(lats, lngs)
    mismatches = sum(
        a.areas != c.areas or b.areas != c.areas
        or len({(x.road and x.road.code) for x in (a, b, c)}) > 1
        for a, b, c in zip(results, many_results, reference, strict=True))

    # The same (a) and (b) on the points that fell on land, where every lookup runs a
    # point-in-polygon test (uniform bbox points are mostly sea, which is cheap).
    land = [(lat, lng) for (lat, lng), r in zip(zip(lat_list, lng_list, strict=True),
                                                 results, strict=True) if r.inside]
    t = time.perf_counter()
    for lat, lng in land:
        p = point(lng, lat)
        query(p, predicate="intersects")
        nearest(p, max_distance=max_deg)
    raw_land = rate(len(land), time.perf_counter() - t)
    t = time.perf_counter()
    for lat, lng in land:
        locate(lat, lng)
    single_land = rate(len(land), time.perf_counter() - t)

    # (d) Naive: `contains` on each kelurahan/desa polygon until one holds the point.
    m = args.naive_points
    t = time.perf_counter()
    for lat, lng in zip(lat_list[:m], lng_list[:m], strict=True):
        p = point(lng, lat)
        for geom in smallest:
            if geom.contains(p):
                break
    naive = rate(m, time.perf_counter() - t)

    print(f"  {inside:,} points inside an area, {with_road:,} with a road within "
          f"{THRESHOLD_M:g} m; locate() / locate_many() disagree with plain tree probes "
          f"on {mismatches} points")
    print(f"(a) raw shapely (STRtree probe + nearest road): {raw:>12,.0f} points/s")
    print(f"(b) locate() per point:                         {single:>12,.0f} points/s")
    print(f"(c) locate_many():                              {many:>12,.0f} points/s")
    print(f"(d) naive loop over polygons ({m} points):     {naive:>12,.0f} points/s")
    print(f"    on land only ({len(land):,} points): raw {raw_land:,.0f} points/s, "
          f"locate() {single_land:,.0f} points/s ({single_land / raw_land:.0%} of raw)")
    print(f"locate/raw = {single / raw:.0%}   locate/naive = {single / naive:,.0f}x   "
          f"locate_many/raw = {many / raw:.1f}x")
    checks = [("locate() >= 50 % of raw", single >= 0.5 * raw),
              ("locate() >= 50 % of raw on land", single_land >= 0.5 * raw_land),
              ("locate() >= 100x naive", single >= 100 * naive),
              ("locate_many() >= 150,000 points/s", many >= 150_000)]
    for label, ok in checks:
        print(f"DESIGN.md §8: {label}: {'met' if ok else 'NOT met'}")
    print(f"total {time.perf_counter() - t0:.1f} s")
    return 0 if all(ok for _label, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
