"""The public media-partnership endpoints: verified partners and, only when the
installation publishes them, a year's amounts; never an outlet's private data."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from balai.media_partnerships import services
from balai.media_partnerships.tests import factories
from balai.media_partnerships.tests.conftest import petugas_media  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

PRIVATE = ["npwp", "nib", "bank", "account", "address", "email", "phone", "secret",
           "document", "deed", "ekatalog", "kbli", "certificate"]


@pytest.fixture(autouse=True)
def _media_files(settings, tmp_path):
    settings.MEDIA_PARTNERSHIP_PRIVATE_ROOT = str(tmp_path / "private")


@pytest.fixture
def outlets():
    return {"verified": factories.outlet("Warta Malang", tier="A",
                                         verified_until=date(2099, 12, 31),
                                         npwp="998877665544332",
                                         bank_account_number="7766554433"),
            "lapsed": factories.outlet("Kabar Lama", tier="B",
                                       verified_until=date(2020, 12, 31)),
            "never": factories.outlet("Media Baru")}


@pytest.fixture
def spent(outlets, agency_pupr, petugas_media):  # noqa: F811
    services.rate_card_save(year=2026, legal_basis="Perwal 12/2025", lines=[
        services.RateLine("online", "news", "A", 1_000_000)], actor=petugas_media)
    order = factories.contracted_order(agency_pupr, outlets["verified"], actor=petugas_media,
                                       items=(("news", "Berita", 2, 1_000_000),),
                                       period=(date(2026, 3, 1), date(2026, 11, 30)))
    invoice = services.invoice_receive(order=order, number="INV-1",
                                       received_on=date(2026, 4, 1), amount=1_500_000,
                                       actor=petugas_media)
    services.invoice_pay(invoice=invoice, sp2d_number="00901/SP2D/BKAD/2026",
                         sp2d_date=date(2026, 4, 20), actor=petugas_media)
    return order


def test_anyone_reads_the_verified_partners_and_nothing_private(outlets):
    response = APIClient().get("/api/v1/media/partners/")
    assert response.status_code == 200
    [partner] = response.json()["results"]
    assert partner["name"] == "Warta Malang" and partner["tier"] == "A"
    assert partner["verified_until"] == "2099-12-31"
    assert partner["media_type"] == "online" and partner["press_council_status"] == "factual"
    assert not [key for key in partner if any(word in key for word in PRIVATE)]
    body = response.content.decode()
    for value in ("998877665544332", "7766554433", "9120001234567", "redaksi@example.id",
                  "Jl. Ijen", "Bank Jatim", "EK-001"):
        assert value not in body


def test_a_years_amounts_per_outlet_and_per_opd(spent, settings):
    settings.MEDIA_PARTNERSHIP_TRANSPARENCY = True
    response = APIClient().get("/api/v1/media/spending/2026/")
    assert response.status_code == 200
    assert response.json() == {
        "year": 2026,
        "by_outlet": [{"name": "Warta Malang", "orders": 1, "ordered": 2_000_000,
                       "paid": 1_500_000}],
        "by_agency": [{"name": spent.agency.name, "orders": 1, "ordered": 2_000_000,
                       "paid": 1_500_000}]}
    assert APIClient().get("/api/v1/media/spending/2025/").json()["by_outlet"] == []


def test_no_amounts_when_the_installation_does_not_publish_them(spent, settings):
    settings.MEDIA_PARTNERSHIP_TRANSPARENCY = False
    response = APIClient().get("/api/v1/media/spending/2026/")
    assert response.status_code == 404
    assert "2000000" not in response.content.decode()
    # The partners stay public: the setting is about amounts only.
    assert APIClient().get("/api/v1/media/partners/").status_code == 200


def test_a_year_out_of_range_is_not_found(settings):
    settings.MEDIA_PARTNERSHIP_TRANSPARENCY = True
    assert APIClient().get("/api/v1/media/spending/1999/").status_code == 404
    assert APIClient().get("/api/v1/media/spending/20266/").status_code == 404


def test_the_schema_documents_the_public_endpoints(client):
    paths = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    assert "/api/v1/media/partners/" in paths
    assert "/api/v1/media/spending/{year}/" in paths
    assert paths["/api/v1/media/partners/"]["get"].get("security") in ([], [{}], None)
