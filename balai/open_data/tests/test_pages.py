"""The catalogue and dataset pages as a citizen and as the walidata use them."""

import io

import pytest
from django.urls import reverse

from balai.open_data.models import Dataset, Topic
from balai.open_data.tests import factories

pytestmark = pytest.mark.django_db


def test_the_catalogue_searches_and_filters(client, walidata, dinkes, dlh_agency):
    factories.dataset(walidata, dinkes)
    factories.dataset(walidata, dlh_agency, slug="bank-sampah", title="Bank sampah per kelurahan",
                      tags="sampah", topic=Topic.ENVIRONMENT)
    factories.dataset(walidata, dinkes, slug="draf", title="Draf posyandu", publish=False)
    page = client.get(reverse("open_data:catalogue")).content.decode()
    assert "Jumlah posyandu" in page and "Bank sampah" in page and "Draf posyandu" not in page
    found = client.get(reverse("open_data:catalogue"), {"q": "sampah"}).content.decode()
    assert "Bank sampah" in found and "Jumlah posyandu" not in found
    by_producer = client.get(reverse("open_data:catalogue"), {"opd": "dinkes"}).content.decode()
    assert "Jumlah posyandu" in by_producer and "Bank sampah" not in by_producer
    by_topic = client.get(reverse("open_data:catalogue"),
                          {"topik": "lingkungan"}).content.decode()
    assert "Bank sampah" in by_topic and "Jumlah posyandu" not in by_topic


def test_a_dataset_page_shows_its_metadata_and_a_preview(client, walidata, dinkes):
    factories.dataset(walidata, dinkes)
    page = client.get(reverse("open_data:detail", args=["jumlah-posyandu"])).content.decode()
    metadata = page[page.index('id="metadata"'):]
    assert "Dinas Kesehatan" in metadata and "2025" in metadata and "posyandu" in metadata
    preview = page[page.index('id="preview"'):]
    assert "Kiduldalem" in preview and "Tlogomas" in preview


def test_an_unpublished_dataset_is_hidden_from_the_public(client, walidata, dinkes):
    factories.dataset(walidata, dinkes, publish=False)
    assert client.get(reverse("open_data:detail", args=["jumlah-posyandu"])).status_code == 404
    client.force_login(walidata)
    assert client.get(reverse("open_data:detail", args=["jumlah-posyandu"])).status_code == 200


def test_the_walidata_adds_a_dataset_through_the_form(client, walidata, dinkes):
    client.force_login(walidata)
    upload = io.BytesIO(factories.POSYANDU)
    upload.name = "posyandu.csv"
    response = client.post(reverse("open_data:staff_new"), {
        "slug": "posyandu-2025", "title": "Posyandu 2025", "description": "Posyandu aktif.",
        "producer": dinkes.pk, "topic": "kesehatan", "frequency": "tahunan", "period": "2025",
        "unit": "posyandu", "file": upload})
    assert response.status_code == 302
    dataset = Dataset.objects.get(slug="posyandu-2025")
    assert dataset.resources.get().row_count == 2 and not dataset.is_published
    client.post(reverse("open_data:staff_publish", args=["posyandu-2025"]), {"publish": "1"})
    dataset.refresh_from_db()
    assert dataset.is_published


@pytest.mark.parametrize(("slug", "message"), [
    ("Bad Address!", "huruf kecil"), ("data-warga", "data pribadi")])
def test_a_bad_address_or_a_file_with_personal_data_saves_nothing(client, walidata, dinkes,
                                                                   slug, message):
    client.force_login(walidata)
    upload = io.BytesIO(factories.csv_bytes(["NIK", "jumlah"], [["3573024107900001", 1]]))
    upload.name = "x.csv"
    response = client.post(reverse("open_data:staff_new"), {
        "slug": slug, "title": "X", "description": "X", "producer": dinkes.pk,
        "topic": "kesehatan", "frequency": "tahunan", "period": "2025", "unit": "x",
        "file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Dataset.objects.exists()


@pytest.mark.parametrize("persona", ["warga", "kepala_dinas", "operator_opd"])
def test_no_one_but_the_walidata_reaches_the_staff_pages(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("open_data:staff_new")).status_code == 403
