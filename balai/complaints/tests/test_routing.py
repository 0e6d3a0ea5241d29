import pytest
from django.utils import translation

from balai.complaints.routing import (
    AreaOverride,
    CategoryRule,
    Place,
    RoadCandidate,
    Subject,
    route,
)

ROADS_CAT = CategoryRule(code="jalan-rusak", name="Jalan rusak", agency_code="pupr", is_road=True)
RUBBISH = CategoryRule(code="sampah", name="Sampah", agency_code="dlh")
DEFAULT_BY_STATUS = {"nasional": "bbpjn-jatim", "provinsi": "dpu-bm-jatim",
                     "kabupaten": "dpupr-kab-malang", "kota": "pupr", "desa": "kec-klojen"}
NAMES = {"bbpjn-jatim": "BBPJN Jatim-Bali", "dpu-bm-jatim": "Dinas PU Bina Marga Jatim",
         "pupr": "Dinas PUPR", "dlh": "DLH", "upt-klojen": "UPT Kebersihan Klojen"}


def place(*roads, boundary=None):
    return Place(inside=True, kelurahan_code="35.73.02.1004", kelurahan_name="Kiduldalem",
                 kecamatan_code="35.73.02", kecamatan_name="Klojen", roads=tuple(roads),
                 boundary_distance_m=boundary)


def road(status, distance=5.0, agency=None, code=None, name=None):
    return RoadCandidate(code=code or f"R-{status}", name=name or f"Jalan {status}",
                         status=status, agency_code=agency, distance_m=distance,
                         legal_basis=f"SK {status}")


@pytest.mark.parametrize(("status", "agency"), sorted(DEFAULT_BY_STATUS.items()))
def test_each_road_status_routes_to_its_level_of_government(status, agency):
    decision = route(category=ROADS_CAT, place=place(road(status)),
                     road_agencies=DEFAULT_BY_STATUS, agency_names=NAMES)
    assert decision.agency_code == agency
    assert decision.rule == "road_status"
    assert decision.facts["road_status"] == status
    assert decision.facts["road_distance_m"] == 5.0
    assert not decision.ambiguous


def test_a_road_with_its_own_agency_beats_the_status_default():
    decision = route(category=ROADS_CAT, place=place(road("provinsi", agency="upt-klojen")),
                     road_agencies=DEFAULT_BY_STATUS)
    assert decision.agency_code == "upt-klojen"


def test_explanation_names_the_road_its_status_legal_basis_and_agency_in_indonesian():
    with translation.override("id"):
        decision = route(category=ROADS_CAT,
                         place=place(road("provinsi", name="Jalan Raya Malang-Batu")),
                         road_agencies=DEFAULT_BY_STATUS, agency_names=NAMES)
    assert "Jalan Raya Malang-Batu" in decision.explanation
    assert "SK provinsi" in decision.explanation
    assert "Dinas PU Bina Marga Jatim" in decision.explanation


def test_road_category_without_a_road_nearby_falls_back_to_the_category_and_flags_it():
    decision = route(category=ROADS_CAT, place=place(), road_agencies=DEFAULT_BY_STATUS)
    assert decision.agency_code == "pupr"
    assert decision.rule == "category"
    assert decision.ambiguous
    assert decision.facts["road"] is None


def test_non_road_category_ignores_roads():
    decision = route(category=RUBBISH, place=place(road("nasional")),
                     road_agencies=DEFAULT_BY_STATUS)
    assert decision.agency_code == "dlh"
    assert decision.rule == "category"
    assert not decision.ambiguous


def test_area_override_for_category_and_kecamatan_wins():
    overrides = [AreaOverride(category_code="sampah", area_code="35.73.02",
                              agency_code="upt-klojen")]
    decision = route(category=RUBBISH, place=place(), overrides=overrides, agency_names=NAMES)
    assert decision.agency_code == "upt-klojen"
    assert decision.rule == "area_override"
    assert decision.facts["override_area"] == "35.73.02"


def test_a_kelurahan_override_beats_a_kecamatan_override():
    overrides = [
        AreaOverride(category_code="sampah", area_code="35.73.02", agency_code="upt-klojen"),
        AreaOverride(category_code="sampah", area_code="35.73.02.1004", agency_code="kel-kd"),
    ]
    assert route(category=RUBBISH, place=place(), overrides=overrides).agency_code == "kel-kd"


def test_an_override_for_another_category_does_not_apply():
    overrides = [AreaOverride(category_code="jalan-rusak", area_code="35.73.02",
                              agency_code="upt-klojen")]
    assert route(category=RUBBISH, place=place(), overrides=overrides).agency_code == "dlh"


def test_two_roads_within_the_threshold_are_flagged_for_the_verifier():
    decision = route(category=ROADS_CAT,
                     place=place(road("kota", 4.0), road("provinsi", 9.0)),
                     road_agencies=DEFAULT_BY_STATUS)
    assert decision.agency_code == "pupr"  # the nearest decides, but…
    assert decision.ambiguous
    assert decision.facts["other_roads"] == ["R-provinsi"]


def test_a_pin_a_few_metres_from_a_kelurahan_boundary_is_flagged():
    decision = route(category=RUBBISH, place=place(boundary=3.2))
    assert decision.agency_code == "dlh"
    assert decision.ambiguous
    assert decision.facts["boundary_distance_m"] == 3.2


def test_a_pin_well_inside_the_kelurahan_is_not_flagged():
    assert not route(category=RUBBISH, place=place(boundary=120.0)).ambiguous


def test_outside_the_territory_has_no_agency():
    decision = route(category=RUBBISH, place=Place(inside=False))
    assert decision.agency_code is None
    assert decision.ambiguous


def test_category_without_agency_is_left_to_the_verifier():
    lost = CategoryRule(code="lainnya", name="Lainnya", agency_code=None)
    decision = route(category=lost, place=place())
    assert decision.agency_code is None and decision.rule == "none" and decision.ambiguous


def test_a_complaint_about_a_listed_service_goes_to_its_opd_before_any_other_rule():
    overrides = [AreaOverride(category_code="sampah", area_code="35.73.02",
                              agency_code="upt-klojen")]
    subject = Subject(label="Pengangkutan sampah usaha · DLH", agency_code="dlh")
    with translation.override("id"):
        decision = route(category=ROADS_CAT, place=place(road("kota")), overrides=overrides,
                         road_agencies=DEFAULT_BY_STATUS, agency_names=NAMES,
                         subject=subject)
    assert (decision.agency_code, decision.rule, decision.ambiguous) == ("dlh", "asset", False)
    assert decision.facts["subject"] == "Pengangkutan sampah usaha · DLH"
    assert "diselenggarakan oleh DLH" in decision.explanation
    # A subject no agency answers for (a tower has none) changes nothing.
    plain = route(category=ROADS_CAT, place=place(road("kota")),
                  road_agencies=DEFAULT_BY_STATUS, subject=Subject(label="x", agency_code=""))
    assert plain.rule == "road_status"
