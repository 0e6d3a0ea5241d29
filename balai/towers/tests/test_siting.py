"""The siting rules on points inside and outside each kind of zone and near a tower, with
the sentences people read (in Indonesian, the installation's language)."""

import pytest
from django.utils.translation import override

from balai.towers.siting import (
    ALLOWED,
    KKOP,
    PROHIBITED,
    NearbyTower,
    SitingQuery,
    ZoneRule,
    box_around,
    decide,
    distance_m,
)
from balai.towers.tests.factories import AIRPORT, ALUN_ALUN, SUHAT, square

CELL_PLAN = ZoneRule(name="Zona Sel Lowokwaru 3", kind=ALLOWED,
                     legal_source="Perwal Malang 10/2016", max_height_m=42.0,
                     centre=SUHAT, radius_m=800)
HERITAGE = ZoneRule(name="Kawasan Cagar Budaya Alun-alun", kind=PROHIBITED,
                    legal_source="Perda Kota Malang 4/2011 (RTRW)",
                    polygon=square(*ALUN_ALUN, 0.004))
RUNWAY = ZoneRule(name="KKOP Abdul Rachman Saleh", kind=KKOP,
                  legal_source="KM Perhubungan 2/2013", centre=AIRPORT, radius_m=4000)
APPROACH = ZoneRule(name="KKOP Kawasan Pendekatan", kind=KKOP,
                    legal_source="KM Perhubungan 2/2013", max_height_m=30.0,
                    centre=SUHAT, radius_m=500)
ZONES = [CELL_PLAN, HERITAGE, RUNWAY]


def run(lat, lng, height=30.0, *, zones=ZONES, towers=(), share=500.0):
    with override("id"):
        return decide(query=SitingQuery(lat=lat, lng=lng, height_m=height, site_type="sst"),
                      zones=zones, towers=list(towers), share_distance_m=share)


def sentence(decision, rule):
    return next(o for o in decision.outcomes if o.rule == rule).sentence


def test_a_point_inside_a_cell_plan_zone_far_from_towers_and_under_the_cap_is_recommended():
    d = run(*SUHAT, 30)
    assert d.recommend and d.failed == []
    assert sentence(d, "allowed_zone") == (
        "Titik ini berada di dalam zona sel Zona Sel Lowokwaru 3 (Perwal Malang 10/2016).")
    assert sentence(d, "height_cap") == (
        "Tinggi yang diminta, 30 m, masih dalam batas tinggi zona 42 m.")
    assert sentence(d, "share_first") == (
        "Tidak ada menara berdiri dalam jarak 500 m dari titik ini.")
    assert len(d.sentences) == 5


def test_a_point_outside_every_cell_plan_zone_is_refused_with_the_reason():
    d = run(-8.0300, 112.6500)
    assert not d.recommend
    assert d.failed == ["allowed_zone"]
    assert sentence(d, "allowed_zone") == ("Titik ini tidak berada di dalam zona sel mana pun: "
                                           "rekomendasi hanya diberikan di dalam zona sel.")


def test_a_point_in_a_prohibited_polygon_is_refused_even_inside_a_cell_plan_zone():
    wide = ZoneRule(name="Zona Sel Klojen", kind=ALLOWED, legal_source="Perwal Malang 10/2016",
                    centre=ALUN_ALUN, radius_m=1500)
    d = run(*ALUN_ALUN, zones=[wide, HERITAGE])
    assert not d.recommend
    assert d.failed == ["prohibited_zone"]
    assert sentence(d, "prohibited_zone") == (
        "Titik ini berada di dalam zona larangan Kawasan Cagar Budaya Alun-alun "
        "(Perda Kota Malang 4/2011 (RTRW)): menara tidak boleh dibangun di sana.")
    # 600 m east of the square's edge the prohibition no longer applies.
    assert "prohibited_zone" not in run(ALUN_ALUN[0], ALUN_ALUN[1] + 0.01,
                                        zones=[wide, HERITAGE]).failed


def test_a_point_in_an_airport_safety_zone_without_a_height_is_refused():
    wide = ZoneRule(name="Zona Sel Pakis", kind=ALLOWED, legal_source="Perbup", centre=AIRPORT,
                    radius_m=6000)
    d = run(*AIRPORT, zones=[wide, RUNWAY])
    assert d.failed == ["kkop"]
    assert sentence(d, "kkop") == (
        "Titik ini berada di dalam KKOP KKOP Abdul Rachman Saleh (KM Perhubungan 2/2013), "
        "tempat menara tidak boleh berdiri.")


def test_a_kkop_with_a_height_limit_admits_a_low_tower_and_refuses_a_tall_one():
    low = run(*SUHAT, 25, zones=[CELL_PLAN, APPROACH])
    tall = run(*SUHAT, 36, zones=[CELL_PLAN, APPROACH])
    assert low.recommend
    assert tall.failed == ["kkop"]
    assert sentence(tall, "kkop") == (
        "Titik ini berada di dalam KKOP KKOP Kawasan Pendekatan (KM Perhubungan 2/2013), "
        "tempat menara paling tinggi 30 m; 36 m terlalu tinggi.")


def test_overlapping_kkop_surfaces_bind_with_the_lowest_cap_and_a_closed_one_wins():
    """The reading of the KKOP rule: a zone's cap is the highest tower (metres above the
    ground) its surface admits there; under two surfaces the lower binds, and a surface
    with no cap keeps every tower out, whichever order the zones come in."""
    outer = ZoneRule(name="KKOP Kawasan Horizontal Dalam", kind=KKOP,
                     legal_source="KM Perhubungan 2/2013", max_height_m=45.0,
                     centre=SUHAT, radius_m=1500)
    d = run(*SUHAT, 36, zones=[CELL_PLAN, outer, APPROACH])
    assert d.failed == ["kkop"]
    assert "KKOP Kawasan Pendekatan" in sentence(d, "kkop")
    assert "paling tinggi 30 m" in sentence(d, "kkop")
    assert run(*SUHAT, 28, zones=[CELL_PLAN, outer, APPROACH]).recommend
    closed = ZoneRule(name="KKOP Landasan", kind=KKOP, legal_source="KM Perhubungan 2/2013",
                      centre=SUHAT, radius_m=300)
    d = run(*SUHAT, 10, zones=[CELL_PLAN, APPROACH, closed])
    assert d.failed == ["kkop"]
    assert sentence(d, "kkop").startswith("Titik ini berada di dalam KKOP KKOP Landasan")


def test_a_tower_within_the_sharing_distance_must_be_shared_first():
    near = NearbyTower(code="MLG-0001", lat=SUHAT[0] + 0.002, lng=SUHAT[1], company="PT Protelindo",
                       height_m=42)
    d = run(*SUHAT, towers=[near])
    assert d.failed == ["share_first"]
    assert sentence(d, "share_first") == (
        "Menara MLG-0001 milik PT Protelindo berdiri 222 m dari titik ini, kurang dari 500 m: "
        "antena harus menumpang pada menara itu lebih dulu.")
    assert next(o for o in d.outcomes if o.rule == "share_first").facts["distance_m"] == \
        pytest.approx(222.4, abs=0.5)


def test_a_tower_beyond_the_sharing_distance_is_only_reported():
    far = NearbyTower(code="MLG-0002", lat=SUHAT[0] + 0.006, lng=SUHAT[1], company="PT Mitratel",
                      height_m=32)
    d = run(*SUHAT, towers=[far])
    assert d.recommend
    assert sentence(d, "share_first") == (
        "Menara terdekat, MLG-0002, berjarak 667 m, lebih dari 500 m.")


def test_a_tower_above_the_zone_cap_is_refused():
    d = run(*SUHAT, 52)
    assert d.failed == ["height_cap"]
    assert sentence(d, "height_cap") == (
        "Tinggi yang diminta, 52 m, melebihi batas tinggi zona 42 m.")


def test_the_decision_keeps_its_facts_for_the_letter():
    stored = run(*SUHAT, 30).as_dict()
    assert stored["recommend"] is True
    assert stored["facts"]["zones"] == ["Zona Sel Lowokwaru 3"]
    assert [o["rule"] for o in stored["outcomes"]] == [
        "allowed_zone", "prohibited_zone", "kkop", "share_first", "height_cap"]


def test_distances_and_the_prefilter_box_agree():
    lat, lng = SUHAT
    assert distance_m(lat, lng, lat + 0.009, lng) == pytest.approx(1000.8, abs=1)
    min_lat, max_lat, min_lng, max_lng = box_around(lat, lng, 1000)
    assert min_lat < lat - 0.0089 and max_lng > lng + 0.0090
