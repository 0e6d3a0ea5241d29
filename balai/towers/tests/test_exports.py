"""The registry leaves as CSV, XLSX and GeoJSON tagged as OpenStreetMap tags towers."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from balai.towers.models import Tenancy, Tower
from balai.towers.tests import factories


@pytest.fixture
def registry(db):
    sst = factories.tower("MLG-0001", is_shared=True)
    Tenancy.objects.create(tower=sst, operator="Telkomsel", starts_on=date(2015, 1, 1))
    Tenancy.objects.create(tower=sst, operator="Indosat", starts_on=date(2016, 1, 1))
    Tenancy.objects.create(tower=sst, operator="Smartfren", starts_on=date(2016, 1, 1),
                           ends_on=date(2020, 1, 1))
    factories.tower("MLG-0002", site_type="guyed", height_m=24, at=factories.ALUN_ALUN,
                    status=Tower.Status.DISMANTLED)
    return sst


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_geojson_carries_the_osm_tags(client, petugas_menara, registry):
    client.force_login(petugas_menara)
    response = client.get("/menara/staf/ekspor/geojson/")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(body(response))
    sst, guyed = data["features"]
    assert sst["geometry"] == {"type": "Point", "coordinates": [112.61925, -7.94095]}
    assert sst["properties"] == {
        "man_made": "tower", "tower:type": "communication", "tower:construction": "lattice",
        "height": "42", "ref": "MLG-0001", "owner": "PT Menara Bersama Nusantara",
        "operator": "Telkomsel;Indosat", "start_date": "2015", "balai:status": "active"}
    assert guyed["properties"]["removed:man_made"] == "mast"
    assert guyed["properties"]["tower:construction"] == "guyed_lattice"


def test_csv_and_xlsx_follow_the_filters(client, petugas_menara, registry):
    client.force_login(petugas_menara)
    text = body(client.get("/menara/staf/ekspor/csv/?status=active")).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("kode,nama_site,lat,lng")
    assert len(lines) == 2 and "Telkomsel; Indosat" in lines[1]
    book = load_workbook(io.BytesIO(body(client.get("/menara/staf/ekspor/xlsx/"))))
    assert [row[0] for row in book.active.iter_rows(values_only=True)] == \
        ["kode", "MLG-0001", "MLG-0002"]


def test_exports_are_for_tower_staff_only(client, operator_opd, registry):
    client.force_login(operator_opd)
    assert client.get("/menara/staf/ekspor/geojson/").status_code == 403


def test_a_rooftop_pole_is_a_mast_on_the_roof_and_a_monopole_a_freestanding_mast(db):
    """The reading of OSM's tagging: a rooftop site is a slender pole on a building, so
    man_made=mast with location=roof; an SST or greenfield lattice is man_made=tower."""
    from balai.towers.exports import osm_tags

    roof = factories.tower("MLG-0003", site_type="rooftop", height_m=Decimal("12"))
    roof.current_tenancies = []
    mono = factories.tower("MLG-0004", site_type="monopole", at=factories.ALUN_ALUN)
    mono.current_tenancies = []
    assert {k: osm_tags(roof)[k] for k in ("man_made", "tower:construction", "location",
                                           "height")} == {
        "man_made": "mast", "tower:construction": "freestanding", "location": "roof",
        "height": "12"}
    assert (osm_tags(mono)["man_made"], osm_tags(mono)["tower:construction"]) == (
        "mast", "freestanding")
    assert "location" not in osm_tags(mono)
