"""The walidata's changes: a file with personal data refused whole, publishing needs a file,
the computed datasets kept in step, and none of them ever carries a person."""

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from balai.complaints import services as complaint_services
from balai.complaints.rollup import complaints_rollup_rebuild
from balai.complaints.tests import factories as complaint_factories
from balai.open_data import builtin, privacy, services
from balai.open_data.models import Dataset, Resource
from balai.open_data.tests import factories

pytestmark = pytest.mark.django_db


def test_a_file_with_personal_data_is_refused_and_nothing_is_stored(walidata, dinkes):
    made = factories.dataset(walidata, dinkes, data=None, publish=False)
    leaky = factories.csv_bytes(["kelurahan", "keterangan"],
                                [["Tlogomas", "ok"], ["Dinoyo", "hubungi 081234567890"]])
    with pytest.raises(ValidationError) as exc:
        services.resource_add(dataset=made, name="x", filename="x.csv", data=leaky,
                              actor=walidata)
    assert "baris 3, kolom “keterangan”: nomor telepon" in exc.value.messages[0]
    assert not Resource.objects.exists()


def test_a_dataset_is_published_only_with_a_file(walidata, dinkes):
    made = factories.dataset(walidata, dinkes, data=None, publish=False)
    with pytest.raises(ValidationError):
        services.dataset_publish(dataset=made, actor=walidata)
    services.resource_add(dataset=made, name="Posyandu", filename="p.csv",
                          data=factories.POSYANDU, actor=walidata)
    assert services.dataset_publish(dataset=made, actor=walidata).is_published


def test_only_the_walidata_changes_open_data(dinkes, kepala_dinas, warga):
    for person in (kepala_dinas, warga):
        with pytest.raises(PermissionDenied):
            factories.dataset(person, dinkes)


def test_the_computed_datasets_are_made_once_and_published(walidata, dinkes):
    from balai.agencies.models import Agency

    Agency.objects.get_or_create(code="diskominfo", defaults={"name": "Diskominfo"})
    assert services.builtin_datasets_sync() == len(builtin.BUILTINS)
    assert services.builtin_datasets_sync() == 0
    computed = Dataset.objects.exclude(builtin="")
    assert computed.count() == len(builtin.BUILTINS)
    assert all(d.is_published and d.resources.count() == 1 for d in computed)


def test_no_computed_dataset_carries_a_reporter(client, cats, walidata, verifikator):
    """Complaints with names, e-mails and phones, anonymous and confidential ones: the
    published tables count them and show none of it (scanned, and searched for each value)."""
    people = [("Siti Rahmawati", "siti.r@example.id", "081234567890"),
              ("Budi Santoso", "budi.s@example.id", "085712345678")]
    for i, (name, email, phone) in enumerate(people):
        complaint, _ = complaint_services.complaint_submit(
            submission=complaint_factories.submission(
                cats["jalan"], reporter_name=name, reporter_email=email, reporter_phone=phone,
                is_anonymous=i == 1, is_confidential=i == 1))
        complaint_services.complaint_verify(complaint=complaint, actor=verifikator)
    from django.utils import timezone

    today = timezone.localdate()
    complaints_rollup_rebuild(today, today)
    services.builtin_datasets_sync()
    for spec in builtin.BUILTINS:
        dataset = Dataset.objects.get(builtin=spec.key)
        resource = dataset.resources.get()
        response = client.get(reverse("open_data:download", args=[dataset.slug, resource.uuid]))
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert privacy.scan(rows[0], rows[1:]) == [], spec.key
        for name, email, phone in people:
            assert name not in text and email not in text and phone not in text
    complaints = Dataset.objects.get(builtin="complaints").resources.get()
    table = builtin.BY_KEY["complaints"].table()[1]
    assert sum(row[4] for row in table) == 2  # both counted, neither named
    assert complaints.format == "CSV"


def test_the_dcat_catalogue_lists_each_published_dataset_with_its_files(client, walidata,
                                                                        dinkes):
    made = factories.dataset(walidata, dinkes)
    factories.dataset(walidata, dinkes, slug="draf", title="Draf", publish=False)
    catalog = json.loads(client.get(reverse("open_data:dcat")).content)
    assert catalog["@type"] == "dcat:Catalog"
    [entry] = catalog["dcat:dataset"]
    assert entry["dct:identifier"] == str(made.uuid)
    assert entry["dct:publisher"]["foaf:name"] == "Dinas Kesehatan"
    [dist] = entry["dcat:distribution"]
    assert dist["dcat:mediaType"] == "text/csv"
    assert client.get(dist["dcat:downloadURL"]).status_code == 200


def test_the_service_directory_is_published_as_a_computed_dataset(admin, agency_pupr):
    from balai.public_services.tests.factories import service

    service(agency_pupr, admin, name="Penerbitan KTP-el", slug="ktp-el")
    service(agency_pupr, admin, name="Izin reklame", slug="izin-reklame", fee_kind="berbayar",
            fee_amount=150000, fee_legal_basis="Perda 2/2024")
    headers, rows = builtin.BY_KEY["services"].table()
    by_name = {row[1]: dict(zip(headers, row, strict=True)) for row in rows}
    assert by_name["Penerbitan KTP-el"]["biaya"] == "gratis"
    assert by_name["Izin reklame"]["tarif_rp"] == 150000
    assert by_name["Izin reklame"]["instansi"] == agency_pupr.name
