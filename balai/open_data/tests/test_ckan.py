"""CKAN's own client library (ckanapi, as the national portal's harvester and scripts use
it) reads the catalogue over HTTP from a live server, unchanged."""

import pytest
from ckanapi import NotFound, RemoteCKAN

from balai.open_data.tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def portal(live_server, walidata, dinkes, dlh_agency):
    factories.dataset(walidata, dinkes)
    factories.dataset(walidata, dlh_agency, slug="bank-sampah", title="Bank sampah",
                      tags="sampah, lingkungan")
    factories.dataset(walidata, dinkes, slug="draf", title="Draf", publish=False)
    # Closed after the test: a kept-alive connection would outlive the live server's database.
    with RemoteCKAN(f"{live_server.url}/data", user_agent="balai-test/1.0") as client:
        yield client


def test_a_ckan_client_lists_and_reads_the_datasets(portal):
    assert portal.action.package_list() == ["bank-sampah", "jumlah-posyandu"]
    package = portal.action.package_show(id="jumlah-posyandu")
    assert package["title"] == "Jumlah posyandu per kelurahan"
    assert package["organization"]["name"] == "dinkes"
    assert [t["name"] for t in package["tags"]] == ["posyandu", "kesehatan"]
    [resource] = package["resources"]
    assert resource["format"] == "CSV" and resource["url"].endswith("/unduh")
    assert portal.action.package_show(id=package["id"])["name"] == "jumlah-posyandu"
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["satuan"] == "posyandu" and extras["periode"] == "2025"


def test_a_ckan_client_searches_and_pages(portal):
    found = portal.action.package_search(q="sampah")
    assert found["count"] == 1 and found["results"][0]["name"] == "bank-sampah"
    by_org = portal.action.package_search(fq="organization:dinkes")
    assert [p["name"] for p in by_org["results"]] == ["jumlah-posyandu"]
    first = portal.action.package_search(rows=1, start=0, sort="name asc")
    second = portal.action.package_search(rows=1, start=1, sort="name asc")
    assert first["count"] == 2
    assert [first["results"][0]["name"], second["results"][0]["name"]] == \
        ["bank-sampah", "jumlah-posyandu"]


def test_a_ckan_client_lists_organisations_and_is_told_what_is_missing(portal):
    assert portal.action.organization_list() == ["dinkes", "dlh"]
    orgs = portal.action.organization_list(all_fields=True)
    assert {o["name"]: o["package_count"] for o in orgs} == {"dinkes": 1, "dlh": 1}
    with pytest.raises(NotFound):
        portal.action.package_show(id="draf")  # not published
    with pytest.raises(NotFound):
        portal.action.organization_show(id="bpbd")


def test_a_ckan_client_downloads_a_resource(portal):
    import requests

    package = portal.action.package_show(id="jumlah-posyandu")
    text = requests.get(package["resources"][0]["url"], timeout=10).content.decode("utf-8-sig")
    assert text.splitlines()[0] == "kode_kelurahan,kelurahan,jumlah_posyandu"
    assert "Tlogomas" in text
