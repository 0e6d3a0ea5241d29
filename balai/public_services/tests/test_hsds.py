"""The HSDS 3.0 export, validated against Open Referral's own JSON Schema.

The schema files (openreferral/specification v3.0, schema/*.json, CC BY-SA 4.0) are kept
as test data in tests/data/hsds/ (its README names the source commit).
"""

import csv
import io
import json
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from balai.public_services import hsds
from balai.public_services.tests import factories

pytestmark = pytest.mark.django_db
SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "hsds"


@pytest.fixture
def directory(agency_pupr, agency_dlh, admin):
    factories.service(agency_pupr, admin)
    factories.service(agency_dlh, admin, name="Pengangkutan sampah usaha", slug="sampah",
                      fee_kind="berbayar", fee_amount=150000,
                      fee_legal_basis="Perda Kota Malang 4/2023")
    factories.service(agency_dlh, admin, complete=False, name="Uji emisi", slug="uji-emisi")


@pytest.fixture
def service_validator():
    folder = SCHEMA_DIR
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    # The files refer to each other by name ("phone.json") and declare no draft.
    resources = [(p.name, Resource.from_contents(json.loads(p.read_text()),
                                                 default_specification=DRAFT202012))
                 for p in folder.glob("*.json")]
    registry = Registry().with_resources(resources)
    schema = json.loads((folder / "service.json").read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def test_json_export_validates_against_the_hsds_service_schema(client, directory,
                                                               service_validator):
    body = client.get(reverse("public_services:hsds_json")).json()
    assert body["total_items"] == 3 and len(body["contents"]) == 3
    for item in body["contents"]:
        errors = sorted(service_validator.iter_errors(item), key=lambda e: e.path)
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_a_broken_service_fails_the_schema(client, directory, service_validator):
    item = client.get(reverse("public_services:hsds_json")).json()["contents"][0]
    item["status"] = "open"
    del item["name"]
    assert len(list(service_validator.iter_errors(item))) == 2


def test_json_export_carries_the_standard(client, directory):
    items = {i["name"]: i for i in client.get(reverse("public_services:hsds_json")
                                              ).json()["contents"]}
    ktp = items["Penerbitan KTP-el"]
    assert uuid.UUID(ktp["id"]) and ktp["status"] == "active"
    assert [d["document"] for d in ktp["required_documents"]] == [
        "Kartu Keluarga (fotokopi)", "Surat pengantar RT/RW"]
    assert ktp["cost_options"] == [{"id": ktp["cost_options"][0]["id"], "service_id": ktp["id"],
                                    "option": "Gratis", "currency": "IDR", "amount": 0}]
    assert ktp["wait_time"] == "1 hari kerja"
    assert ktp["application_process"].startswith("1. Ambil nomor antrean")
    place = ktp["service_at_locations"][0]
    assert place["location"]["name"] == "Mal Pelayanan Publik Kota Malang Loket 3"
    assert place["schedules"][0]["description"] == "Senin–Jumat 08.00–15.00"
    assert items["Pengangkutan sampah usaha"]["cost_options"][0]["amount"] == 150000
    assert "cost_options" not in items["Uji emisi"]


def test_ids_are_stable_between_exports(client, directory):
    first = client.get(reverse("public_services:hsds_json")).json()["contents"]
    second = client.get(reverse("public_services:hsds_json")).json()["contents"]
    assert [i["id"] for i in first] == [i["id"] for i in second]


def test_csv_tables_link_by_id(client, directory):
    def table(name):
        response = client.get(reverse("public_services:hsds_csv", args=[name]))
        assert response["Content-Type"].startswith("text/csv")
        return list(csv.DictReader(io.StringIO(response.content.decode())))

    services, orgs = table("services"), table("organizations")
    docs, places = table("required_documents"), table("service_at_locations")
    assert len(services) == 3 and len(orgs) == 2
    assert {s["organization_id"] for s in services} == {o["id"] for o in orgs}
    assert {d["service_id"] for d in docs} <= {s["id"] for s in services}
    assert {p["location_id"] for p in places} == {loc["id"] for loc in table("locations")}
    assert client.get("/layanan/hsds/rahasia.csv").status_code == 404


def test_tables_match_the_json(directory):
    from balai.public_services.selectors import services_with_standard

    tables = hsds.tables(services_with_standard())
    assert set(tables) == set(hsds.TABLES)
    assert len(tables["cost_options"]) == 2
