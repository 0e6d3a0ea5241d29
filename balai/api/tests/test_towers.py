"""The read-only tower registry in the REST API: who may read it, its filters, the detail
with tenants, permits, inspections and OSM tags, and no personal data."""

import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai.accounts.models import Role
from balai.towers import services
from balai.towers.models import Permit, Tenancy, Tower
from balai.towers.tests import factories
from conftest import make_user

LIST = "/api/v1/towers/"


def codes(response):
    return sorted(row["code"] for row in response.json()["results"])


@pytest.fixture
def petugas_menara(db):
    return make_user("menara@example.id", Role.PETUGAS_MENARA, full_name="Fajar Menara")


@pytest.fixture
def registry(db):
    sst = factories.tower("MLG-0001", name="Site Suhat")
    Tenancy.objects.create(tower=sst, operator="Telkomsel", starts_on=date(2015, 1, 1))
    Permit.objects.create(tower=sst, kind="pbg", number="PBG-35.73-0001",
                          issued_on=date(2021, 5, 3))
    roof = factories.tower("MLG-0002", name="Hotel Tugu", site_type="rooftop",
                           height_m=12, at=factories.ALUN_ALUN,
                           company=factories.company("PT Tiang Kota"))
    factories.tower("MLG-0003", status=Tower.Status.ILLEGAL, at=factories.AIRPORT)
    return {"sst": sst, "roof": roof}


def test_tower_staff_read_the_registry_and_others_get_403(registry, token_for,
                                                          petugas_menara, kepala_dinas,
                                                          verifikator, operator_opd):
    for user in (petugas_menara, kepala_dinas):
        assert codes(token_for(user).get(LIST)) == ["MLG-0001", "MLG-0002", "MLG-0003"]
    for user in (verifikator, operator_opd):
        response = token_for(user).get(LIST)
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
        assert token_for(user).get(f"{LIST}{registry['sst'].pk}/").status_code == 403


def test_the_filters_of_the_staff_list(registry, token_for, petugas_menara):
    api = token_for(petugas_menara)
    assert codes(api.get(LIST, {"status": "illegal"})) == ["MLG-0003"]
    assert codes(api.get(LIST, {"site_type": ["rooftop", "sst"], "status": "active"})) == [
        "MLG-0001", "MLG-0002"]
    assert codes(api.get(LIST, {"q": "tugu"})) == ["MLG-0002"]
    assert codes(api.get(LIST, {"q": "tiang kota"})) == ["MLG-0002"]
    assert codes(api.get(LIST, {"without_building_permit": "true"})) == [
        "MLG-0002", "MLG-0003"]
    assert codes(api.get(LIST, {"company": registry["roof"].company_id})) == ["MLG-0002"]
    assert api.get(LIST, {"status": "roboh"}).status_code == 400


def test_the_detail_has_tenants_permits_inspections_and_osm_tags(registry, token_for,
                                                                 petugas_menara):
    sst = registry["sst"]
    data = services.InspectionData(obstruction_light="problem", paint="good", fence="good",
                                   signboard="good", generator="good", in_use=True,
                                   gps_lat=sst.lat + 0.001, gps_lng=sst.lng, gps_accuracy_m=6)
    services.inspection_record(tower=sst, data=data, client_uuid=uuid.uuid4(),
                               actor=petugas_menara)
    body = token_for(petugas_menara).get(f"{LIST}{sst.pk}/").json()
    assert body["code"] == "MLG-0001" and body["height_m"] == 42.0
    assert body["company"] == {"id": sst.company_id, "name": "PT Menara Bersama Nusantara",
                               "nib": "9120001234567"}
    assert body["tenancies"] == [{"operator": "Telkomsel", "starts_on": "2015-01-01",
                                  "ends_on": None}]
    assert body["permits"][0]["number"] == "PBG-35.73-0001" and body["has_building_permit"]
    [inspection] = body["inspections"]
    assert inspection["off_point"] and inspection["open_findings"] == 1
    assert body["osm"]["man_made"] == "tower" and body["osm"]["operator"] == "Telkomsel"
    # The company's contact person is personal data: not in the API.
    assert "Andi Wijaya" not in str(body) and "081234500001" not in str(body)
    roof = token_for(petugas_menara).get(f"{LIST}{registry['roof'].pk}/").json()
    assert roof["osm"]["location"] == "roof" and roof["osm"]["man_made"] == "mast"


def test_the_list_reads_a_fixed_number_of_queries(registry, token_for, petugas_menara):
    api = token_for(petugas_menara)
    api.get(LIST)
    with CaptureQueriesContext(connection) as few:
        api.get(LIST)
    for n in range(4, 14):
        factories.tower(f"MLG-{n:04d}", at=(factories.SUHAT[0] + n / 1000, factories.SUHAT[1]))
    with CaptureQueriesContext(connection) as many:
        assert len(api.get(LIST).json()["results"]) == 13
    assert len(many) == len(few)
