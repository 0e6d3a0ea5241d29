import gzip
import json
from pathlib import Path

import pytest

from balai.agencies.models import Agency
from balai.core.models import AuditEntry
from balai.demo.loader import BOUNDARIES, ROADS
from balai.geo.models import Area, Road
from balai.geo.selectors import get_locator, locate
from balai.geo.services import GeoImportError, areas_import, roads_import

DATA = Path(__file__).parent / "data"
BANDUNG = DATA / "kota-bandung.geojson"
ALUN_ALUN = (-7.9826, 112.6308)
BRAWIJAYA = (-7.9525, 112.6144)
GEDUNG_SATE = (-6.9025, 107.6188)  # Bandung: kel. Citarum, kec. Bandung Wetan
ROAD_AGENCIES = ["bbpjn-jatim", "dpu-bm-jatim", "pupr", "dpupr-kab-malang", "kec-klojen",
                 "kec-blimbing", "kec-kedungkandang", "kec-sukun", "kec-lowokwaru"]


@pytest.fixture
def malang(db):
    return areas_import(BOUNDARIES, progress=False)


@pytest.fixture
def road_agencies(db):
    return {code: Agency.objects.create(code=code, name=f"Kantor {code}")
            for code in ROAD_AGENCIES}


def write(tmp_path, doc, name="bad.geojson") -> Path:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return path


def feature(props, coords=None, kind="MultiPolygon"):
    coords = coords or [[[[112.6, -7.9], [112.7, -7.9], [112.7, -8.0], [112.6, -7.9]]]]
    return {"type": "Feature", "properties": props,
            "geometry": {"type": kind, "coordinates": coords}}


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


OK = {"code": "99.01", "name": "Contoh", "level": "kota", "parent_code": "99"}


def test_alun_alun_malang_is_in_kiduldalem_klojen_kota_malang(malang):
    result = locate(*ALUN_ALUN)
    assert result.inside
    assert [(a.code, a.level) for a in result.areas] == [
        ("35.73", "kota"), ("35.73.02", "kecamatan"), ("35.73.02.1004", "kelurahan")]
    assert result.areas[-1].name == "Kiduldalem"


def test_brawijaya_is_in_ketawanggede(malang):
    assert locate(*BRAWIJAYA).areas[-1].code == "35.73.05.1006"


def test_point_outside_malang_is_not_inside(malang):
    result = locate(-7.2575, 112.7521)  # Surabaya
    assert not result.inside and result.areas == () and result.road is None


def test_bandung_imports_with_the_same_service_and_locates_gedung_sate(malang):
    report = areas_import(BANDUNG, progress=False)
    assert report.created == 182
    result = locate(*GEDUNG_SATE)
    assert [a.code for a in result.areas] == ["32.73", "32.73.09", "32.73.09.1003"]
    assert result.areas[-1].name == "Citarum"
    assert locate(*ALUN_ALUN).areas[-1].code == "35.73.02.1004"  # Malang still there


def test_bandung_sliver_point_still_gets_its_kecamatan_from_the_parent_code(malang):
    # Alun-alun Bandung lies in kel. Balong Gede but outside the simplified polygon of
    # its kecamatan (Regol); the chain follows the Kemendagri parent code.
    areas_import(BANDUNG, progress=False)
    result = locate(-6.9218, 107.6070)
    assert [a.code for a in result.areas] == ["32.73", "32.73.11", "32.73.11.1004"]


def test_malang_invalid_geometry_is_repaired_and_reported(malang):
    assert [r.code for r in malang.repaired] == ["35.73.03.1005"]
    assert "Nested shells" in malang.repaired[0].reason
    assert "35.73.03.1005" in str(malang)
    assert Area.objects.get(code="35.73.03.1005").geometry["type"] == "MultiPolygon"


def test_parents_are_linked_by_parent_code(malang):
    kiduldalem = Area.objects.select_related("parent__parent").get(code="35.73.02.1004")
    assert kiduldalem.parent.code == "35.73.02"
    assert kiduldalem.parent.parent.code == "35.73"
    assert malang.parents_missing == ["35"]


def test_reimport_is_idempotent(malang):
    again = areas_import(BOUNDARIES, progress=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 63)
    assert Area.objects.count() == 63


def test_reimport_updates_changed_rows_in_place(malang, tmp_path):
    doc = json.loads(BOUNDARIES.read_text())
    doc["features"][1]["properties"]["name"] = "Nama Baru"
    report = areas_import(write(tmp_path, doc, "changed.geojson"), progress=False)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 62)
    assert Area.objects.filter(name="Nama Baru").count() == 1


def test_gzipped_file_imports(db, tmp_path):
    path = tmp_path / "malang.geojson.gz"
    path.write_bytes(gzip.compress(BOUNDARIES.read_bytes()))
    assert areas_import(path, progress=False).created == 63


def test_import_writes_an_audit_entry(malang):
    entry = AuditEntry.objects.get(action="geo.areas_imported")
    assert entry.data["created"] == 63
    assert entry.data["repaired"][0]["code"] == "35.73.03.1005"


BAD_FILES = [
    ("not json {", "not valid JSON"),
    ({"type": "Feature", "properties": {}}, "FeatureCollection"),
    (collection(feature({"name": "X", "level": "kota"})), "'code'"),
    (collection(feature({"code": "1", "level": "kota"})), "'name'"),
    (collection(feature({"code": "1", "name": "X"})), "'level'"),
    (collection(feature({**OK, "level": "dusun"})), "unknown level 'dusun'"),
    (collection(feature(OK), feature({**OK, "code": "utm"}, [[[[680000.0, 9116000.0],
                                                              [681000.0, 9116000.0],
                                                              [681000.0, 9117000.0],
                                                              [680000.0, 9116000.0]]]])),
     "projected metres"),
    (collection(feature({**OK, "code": "swap"}, [[[[-7.9, 112.6], [-7.9, 112.7],
                                                   [-8.0, 112.7], [-7.9, 112.6]]]])),
     "[lat, lng]"),
    (collection(feature(OK, kind="Point", coords=[112.6, -7.9])), "geometry must be"),
    (collection(feature(OK), feature(OK)), "more than once"),
]


@pytest.mark.parametrize(("doc", "message"), BAD_FILES)
def test_bad_area_file_is_refused_with_a_clear_error_and_nothing_imported(
        db, tmp_path, doc, message):
    with pytest.raises(GeoImportError, match=None) as excinfo:
        areas_import(write(tmp_path, doc), progress=False)
    assert message in str(excinfo.value)
    assert Area.objects.count() == 0
    assert not AuditEntry.objects.filter(action="geo.areas_imported").exists()


def test_error_names_the_feature(db, tmp_path):
    doc = collection(feature(OK), feature({**OK, "code": "99.02", "level": "dusun"}))
    with pytest.raises(GeoImportError, match=r"feature 1 \(code 99.02\)"):
        areas_import(write(tmp_path, doc), progress=False)
    assert Area.objects.count() == 0


def test_demo_roads_import_with_their_agencies(malang, road_agencies):
    report = roads_import(ROADS, progress=False)
    assert report.created == 20
    assert {r.status for r in Road.objects.all()} == {
        "nasional", "provinsi", "kabupaten", "kota", "desa"}
    assert all(r.is_made_up and "fiktif" in r.legal_basis for r in Road.objects.all())
    road = Road.objects.get(status="nasional", code="DEMO-RD-04")
    assert road.agency.code == "bbpjn-jatim"
    again = roads_import(ROADS, progress=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 20)
    result = locate(*ALUN_ALUN)
    assert result.road is not None and result.road.distance_m < 15
    assert result.road.agency_name == "Kantor pupr"


def test_unknown_agency_code_is_refused(db, tmp_path):
    Agency.objects.create(code="pupr", name="Dinas PUPR")
    line = [[112.63, -7.98], [112.631, -7.981]]
    doc = collection(
        feature({"code": "R1", "name": "Jl. A", "status": "kota", "agency": "pupr"}, line,
                "LineString"),
        feature({"code": "R2", "name": "Jl. B", "status": "kota", "agency": "nope"}, line,
                "LineString"))
    with pytest.raises(GeoImportError, match=r"feature 1 \(code R2\): unknown agency code 'nope'"):
        roads_import(write(tmp_path, doc), progress=False)
    assert Road.objects.count() == 0


@pytest.mark.parametrize(("props", "message"), [
    ({"code": "R1", "name": "Jl. A"}, "'status'"),
    ({"code": "R1", "status": "kota"}, "'name'"),
    ({"code": "R1", "name": "Jl. A", "status": "tol"}, "unknown road status 'tol'"),
])
def test_bad_road_file_is_refused(db, tmp_path, props, message):
    doc = collection(feature(props, [[112.63, -7.98], [112.631, -7.981]], "LineString"))
    with pytest.raises(GeoImportError) as excinfo:
        roads_import(write(tmp_path, doc), progress=False)
    assert message in str(excinfo.value)
    assert Road.objects.count() == 0


def test_locator_is_rebuilt_when_areas_change(malang):
    first = get_locator()
    assert get_locator() is first
    areas_import(BANDUNG, progress=False)
    assert get_locator() is not first
