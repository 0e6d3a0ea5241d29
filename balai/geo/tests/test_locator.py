"""Pure Locator tests: plain data in, no database."""

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, box, shape

from balai.geo.locator import AreaData, Locator, RoadData, metres_per_degree

LAT, LNG = -7.9826, 112.6308
DEMO_DATA = Path(__file__).resolve().parents[2] / "demo" / "data"
MALANG = DEMO_DATA / "kota-malang.geojson"
ROADS = DEMO_DATA / "kota-malang-roads.geojson"


def east(metres: float, lat: float = LAT) -> float:
    """Degrees of longitude for `metres` eastwards at `lat`."""
    return metres / float(metres_per_degree(lat)[0])


def north(metres: float, lat: float = LAT) -> float:
    return metres / float(metres_per_degree(lat)[1])


def road(code: str, offset_m: float, *, status: str = "kota", agency: str = "pupr"):
    """A north-south segment `offset_m` metres east of the test point."""
    x = LNG + east(offset_m)
    return RoadData(code, f"Jalan {code}", status, agency, f"Dinas {agency}", "SK uji",
                    LineString([(x, LAT - 0.002), (x, LAT + 0.002)]))


def areas():
    return [
        AreaData("35", "Jawa Timur", "provinsi", "", box(112.0, -8.5, 113.0, -7.5)),
        AreaData("35.73", "Kota Malang", "kota", "35", box(112.55, -8.05, 112.7, -7.9)),
        AreaData("35.73.02", "Klojen", "kecamatan", "35.73", box(112.6, -8.0, 112.65, -7.95)),
        AreaData("35.73.02.1004", "Kiduldalem", "kelurahan", "35.73.02",
                 box(112.625, -7.99, 112.635, -7.975)),
    ]


def test_chain_goes_from_largest_to_smallest_level():
    result = Locator(areas(), []).locate(LAT, LNG)
    assert result.inside
    assert [a.level for a in result.areas] == ["provinsi", "kota", "kecamatan", "kelurahan"]
    assert result.areas[-1].code == "35.73.02.1004"
    assert result.road is None and result.roads_within == ()


def test_point_in_a_coarser_area_only_gets_the_coarser_chain():
    result = Locator(areas(), []).locate(-8.02, 112.6)
    assert [a.code for a in result.areas] == ["35", "35.73"]


def test_point_in_a_kecamatan_but_no_kelurahan_ends_the_chain_at_the_kecamatan():
    # Kiduldalem covers only part of Klojen: the rest is a "sliver" of the kecamatan.
    result = Locator(areas(), []).locate(-7.96, 112.61)
    assert [a.code for a in result.areas] == ["35", "35.73", "35.73.02"]


def test_point_outside_every_area():
    result = Locator(areas(), [road("R1", 5)]).locate(-6.9, 107.6)
    assert not result.inside and result.areas == () and result.road is None
    assert result.as_dict() == {"inside": False, "areas": [], "road": None}


def test_road_ten_metres_away_measures_ten_metres():
    result = Locator(areas(), [road("R1", 10)], threshold_m=15).locate(LAT, LNG)
    assert result.road.code == "R1"
    assert result.road.distance_m == pytest.approx(10, rel=0.01)


def test_road_twenty_metres_away_is_beyond_a_fifteen_metre_threshold():
    result = Locator(areas(), [road("R1", 20)], threshold_m=15).locate(LAT, LNG)
    assert result.road is None and result.roads_within == ()


def test_two_roads_within_threshold_are_both_reported_nearest_first():
    locator = Locator(areas(), [road("FAR", -12, status="provinsi"), road("NEAR", 4)],
                      threshold_m=15)
    result = locator.locate(LAT, LNG)
    assert [r.code for r in result.roads_within] == ["NEAR", "FAR"]
    assert result.road.code == "NEAR"
    assert result.roads_within[1].distance_m == pytest.approx(12, rel=0.01)


def test_distance_is_metric_north_south_too():
    y = LAT + north(10)
    segment = RoadData("EW", "Jalan EW", "kota", None, None, "",
                       LineString([(LNG - 0.002, y), (LNG + 0.002, y)]))
    result = Locator([], [segment]).locate(LAT, LNG)
    assert result.road.distance_m == pytest.approx(10, rel=0.01)
    assert result.road.agency_name is None


def test_metres_per_degree_match_the_wgs84_ellipsoid():
    # Published values: 111,319.5 m per degree of longitude at the equator, 110,574.3 m
    # per degree of latitude at the equator and 111,693.9 m at the poles.
    kx, ky = metres_per_degree(0.0)
    assert float(kx) == pytest.approx(111_319.49, abs=0.1)
    assert float(ky) == pytest.approx(110_574.3, abs=0.5)
    assert float(metres_per_degree(90.0)[1]) == pytest.approx(111_693.9, abs=0.5)


def test_multilinestring_roads_use_their_nearest_part():
    far = LineString([(LNG + east(100), LAT - 0.001), (LNG + east(100), LAT + 0.001)])
    near = LineString([(LNG + east(7), LAT - 0.001), (LNG + east(7), LAT + 0.001)])
    multi = RoadData("M", "Jalan M", "desa", None, None, "", shapely.multilinestrings([far, near]))
    result = Locator([], [multi]).locate(LAT, LNG)
    assert result.road.distance_m == pytest.approx(7, rel=0.01)


def test_locate_many_agrees_with_locate():
    locator = Locator(areas(), [road("R1", 10), road("R2", -3)], threshold_m=15)
    lats = [LAT, -8.02, -6.9, LAT + north(5)]
    lngs = [LNG, 112.6, 107.6, LNG + east(30)]
    many = locator.locate_many(lats, lngs)
    trees = locator.locate_many_by_trees(lats, lngs)
    assert [r.areas for r in trees] == [r.areas for r in many]
    for lat, lng, result in zip(lats, lngs, many, strict=True):
        single = locator.locate(lat, lng)
        assert result.inside == single.inside
        assert result.areas == single.areas
        assert [r.code for r in result.roads_within] == [r.code for r in single.roads_within]
        for a, b in zip(result.roads_within, single.roads_within, strict=True):
            assert a.distance_m == pytest.approx(b.distance_m)


def test_boundary_distance_in_metres():
    result = Locator(areas(), []).locate(-7.975 - north(20), LNG, boundary_distance=True)
    assert result.boundary_distance_m == pytest.approx(20, rel=0.01)


def test_grid_lookup_agrees_with_tree_probes_on_real_boundaries():
    """The grid (locate, locate_many) and plain STRtree probes give the same answers."""
    doc = json.loads(MALANG.read_text())
    data = []
    for f in doc["features"]:
        geom = shapely.make_valid(shape(f["geometry"]))
        p = f["properties"]
        data.append(AreaData(p["code"], p["name"], p["level"], p["parent_code"], geom))
    roads = [RoadData(f["properties"]["code"], f["properties"]["name"],
                      f["properties"]["status"], None, None, "", shape(f["geometry"]))
             for f in json.loads(ROADS.read_text())["features"]]
    locator = Locator(data, roads, threshold_m=15)
    rng = np.random.default_rng(7)
    lats = rng.uniform(-8.06, -7.90, 3000)
    lngs = rng.uniform(112.56, 112.70, 3000)
    # Plus points scattered within 20 m of the roads, so road hits are compared too.
    for r in roads:
        x, y = shapely.get_coordinates(r.geometry)[0]
        lats = np.append(lats, y + rng.normal(0, north(8), 20))
        lngs = np.append(lngs, x + rng.normal(0, east(8), 20))
    reference = locator.locate_many_by_trees(lats, lngs)
    many = locator.locate_many(lats, lngs)
    hits = 0
    for lat, lng, expected, bulk in zip(lats.tolist(), lngs.tolist(), reference, many,
                                        strict=True):
        for got in (locator.locate(lat, lng), bulk):
            assert got.areas == expected.areas
            assert [r.code for r in got.roads_within] == \
                [r.code for r in expected.roads_within]
        hits += bulk.road is not None
    assert hits > 50
