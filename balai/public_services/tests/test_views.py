from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from balai.public_services.models import Service, ServiceReport
from balai.public_services.services import service_save
from balai.public_services.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ktp(agency_pupr, admin):
    return factories.service(agency_pupr, admin)


def test_directory_lists_offices_with_published_services(client, ktp, agency_dlh, admin):
    factories.service(agency_dlh, admin, name="Uji emisi", slug="uji-emisi",
                      is_published=False)
    page = client.get(reverse("public_services:index")).content.decode()
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" in page
    assert "Dinas Lingkungan Hidup" not in page


def test_empty_directory_says_so(client, db):
    assert "Belum ada layanan" in client.get(reverse("public_services:index")).content.decode()


def test_start_page_shows_the_standard(client, ktp):
    response = client.get(reverse("public_services:service", args=["pupr", "ktp-el"]))
    page = response.content.decode()
    assert "Penerbitan KTP-el" in page and "Kartu Keluarga" in page
    assert "1 hari kerja" in page and "Gratis" in page
    assert "Mal Pelayanan Publik Kota Malang" in page and "Loket 3" in page
    assert "Adukan layanan ini" in page


def test_start_page_query_count(client, ktp, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(reverse("public_services:service", args=["pupr", "ktp-el"]))


def test_unpublished_service_is_not_found(client, agency_pupr, admin):
    factories.service(agency_pupr, admin, is_published=False)
    assert client.get(reverse("public_services:service",
                              args=["pupr", "ktp-el"])).status_code == 404


def test_incomplete_standard_says_what_is_not_published(client, agency_pupr, admin):
    factories.service(agency_pupr, admin, complete=False)
    page = client.get(reverse("public_services:service", args=["pupr", "ktp-el"])
                      ).content.decode()
    assert "14 dari 14 komponen" in page
    assert "belum menerbitkan persyaratan" in page


def test_checklist_lists_the_documents_to_bring(client, ktp):
    page = client.get(reverse("public_services:checklist", args=["pupr", "ktp-el"])
                      ).content.decode()
    assert "Yang harus dibawa" in page and "Surat pengantar RT/RW" in page


def test_search_with_synonyms(client, ktp, agency_pupr, admin):
    factories.service(agency_pupr, admin, name="Penerbitan Akta Kelahiran", slug="akta",
                      keywords="", summary="Pencatatan kelahiran", product="Akta")
    page = client.get(reverse("public_services:search"), {"q": "akta lahir"}
                      ).content.decode()
    assert "Penerbitan Akta Kelahiran" in page and "KTP-el" not in page
    page = client.get(reverse("public_services:search"), {"q": "e-ktp"}).content.decode()
    assert "Penerbitan KTP-el" in page
    page = client.get(reverse("public_services:search"), {"q": "paspor"}).content.decode()
    assert "Tidak ada layanan" in page


def test_complaint_link_opens_the_form_about_the_service(client, ktp):
    page = client.get(reverse("public_services:service", args=["pupr", "ktp-el"]))
    url = page.context["complaint_url"]
    query = parse_qs(urlparse(url).query)
    assert query["aset"] == [f"layanan:{ktp.pk}"]
    form = client.get(url).content.decode()
    assert "Penerbitan KTP-el · Dinas PUPR" in form


def test_complaint_link_chooses_the_services_category(client, agency_pupr, admin, cats):
    jalan = cats["jalan"]
    service = factories.service(agency_pupr, admin, complaint_category=jalan)
    page = client.get(reverse("public_services:service", args=["pupr", service.slug]))
    assert parse_qs(urlparse(page.context["complaint_url"]).query)["kategori"] == [jalan.code]


def test_versions_page_shows_the_diff(client, ktp, admin):
    from balai.public_services.services import service_save

    service_save(service=ktp, rows=factories.rows(requirements=[("Akta kelahiran", "")]),
                 note="Persyaratan disederhanakan", actor=admin)
    page = client.get(reverse("public_services:versions", args=["pupr", "ktp-el"])
                      ).content.decode()
    assert "Persyaratan disederhanakan" in page
    assert "<del>Kartu Keluarga (fotokopi)</del>" in page
    assert "<ins>Akta kelahiran</ins>" in page


def test_staff_pages_refuse_citizens_and_plain_operators(client, warga, operator_opd):
    for user in (warga, operator_opd):
        client.force_login(user)
        assert client.get(reverse("public_services:staff_list")).status_code == 403
        assert client.get(reverse("public_services:staff_create")).status_code == 403


def test_officer_cannot_open_another_opds_service(client, agency_dlh, officer_pupr,
                                                  officer_dlh):
    service = factories.service(agency_dlh, officer_dlh)
    client.force_login(officer_pupr)
    assert client.get(reverse("public_services:staff_edit", args=[service.pk])
                      ).status_code == 404
    assert client.post(reverse("public_services:staff_edit", args=[service.pk]),
                       {"name": "Diubah"}).status_code == 404
    assert Service.objects.get().name == "Penerbitan KTP-el"


def test_officer_list_shows_own_services_with_missing_components(client, agency_pupr,
                                                                 agency_dlh, officer_pupr,
                                                                 admin):
    factories.service(agency_pupr, admin, complete=False)
    factories.service(agency_dlh, admin, name="Uji emisi", slug="uji-emisi")
    client.force_login(officer_pupr)
    page = client.get(reverse("public_services:staff_list")).content.decode()
    assert "Penerbitan KTP-el" in page and "Uji emisi" not in page
    assert "14: Persyaratan" in page


def _places(*places, initial=0):
    """The locations formset's POST data (prefix "tempat")."""
    data = {"tempat-TOTAL_FORMS": str(len(places)), "tempat-INITIAL_FORMS": str(initial),
            "tempat-MIN_NUM_FORMS": "0", "tempat-MAX_NUM_FORMS": "20"}
    for i, place in enumerate(places):
        data |= {f"tempat-{i}-{k}": v for k, v in place.items()}
    return data


def _form(agency, places=({"name": "Kantor Dinas PUPR", "hours": "08.00–15.00"},),
          **extra):
    data = {"agency": agency.pk, "name": "Rekomendasi Teknis Drainase", "slug": "",
            "requirements_text": "KTP-el | fotokopi\nGambar rencana drainase",
            "steps_text": "Ajukan berkas\nPeninjauan lapangan\nRekomendasi terbit",
            "duration_value": "14", "duration_unit": "hari_kerja", "fee_kind": "gratis",
            "is_published": "on"}
    return data | _places(*places) | extra


def test_officer_adds_a_service_through_the_form(client, agency_pupr, officer_pupr):
    client.force_login(officer_pupr)
    response = client.post(reverse("public_services:staff_create"), _form(agency_pupr))
    service = Service.objects.get()
    assert response.status_code == 302 and service.slug == "rekomendasi-teknis-drainase"
    assert [str(r) for r in service.requirements.all()] == ["KTP-el (fotokopi)",
                                                            "Gambar rencana drainase"]
    assert service.steps.count() == 3 and service.locations.get().name == "Kantor Dinas PUPR"


def test_form_names_what_is_wrong_and_keeps_the_input(client, agency_pupr, agency_dlh,
                                                     officer_pupr):
    client.force_login(officer_pupr)
    response = client.post(reverse("public_services:staff_create"), _form(
        agency_pupr, fee_kind="berbayar", duration_unit="",
        places=[{"name": "", "counter": "Loket 2"}]))
    page = response.content.decode()
    assert response.status_code == 200 and not Service.objects.exists()
    assert "Sebutkan peraturan yang menetapkan tarif" in page
    assert "hari kerja, hari kalender atau jam" in page
    assert "Gambar rencana drainase" in page
    response = client.post(reverse("public_services:staff_create"), _form(agency_dlh))
    assert "agency" in response.context["form"].errors
    assert not Service.objects.exists()


def test_the_officer_edits_every_place_a_service_is_served(client, agency_pupr,
                                                         officer_pupr, admin):
    service = factories.service(agency_pupr, admin)
    service_save(service=service, rows=factories.rows(locations=[
        {"name": "Mal Pelayanan Publik Kota Malang", "counter": "Loket 3",
         "hours": "Senin–Jumat 08.00–15.00"},
        {"name": "Kantor Kecamatan Klojen", "counter": "", "hours": "Senin–Kamis"}]),
        actor=admin)
    client.force_login(officer_pupr)
    url = reverse("public_services:staff_edit", args=[service.pk])
    page = client.get(url)
    places = page.context["places"]
    assert [f.initial.get("name") for f in places] == [
        "Mal Pelayanan Publik Kota Malang", "Kantor Kecamatan Klojen", None]
    assert "Kantor Kecamatan Klojen" in page.content.decode()
    three = (
        {"name": "Mal Pelayanan Publik Kota Malang", "counter": "Loket 3",
         "hours": "Senin–Jumat 08.00–15.00", "DELETE": "on"},
        {"name": "Kantor Kecamatan Klojen", "counter": "Loket 1", "hours": "Senin–Kamis",
         "lat": "-7.98", "lng": "112.63"},
        {"name": "Kantor Kecamatan Lowokwaru", "hours": "Senin–Jumat"})
    post = _form(agency_pupr, places=three, name=service.name, slug=service.slug) \
        | {"tempat-INITIAL_FORMS": "2"}
    response = client.post(url, post)
    assert response.status_code == 302, response.context["places"].errors
    assert [(p.name, p.counter, str(p.lat)) for p in service.locations.order_by("pk")] == [
        ("Kantor Kecamatan Klojen", "Loket 1", "-7.980000"),
        ("Kantor Kecamatan Lowokwaru", "", "None")]
    # A place with a latitude and no longitude is refused, nothing is saved.
    post = _form(agency_pupr, places=[{"name": "Kantor Kecamatan Klojen", "lat": "-7.98"}],
                 name=service.name, slug=service.slug)
    refused = client.post(url, post)
    assert refused.status_code == 200 and "Isi lintang dan bujur" in refused.content.decode()
    assert service.locations.count() == 2


def test_complaint_about_a_service_is_linked_to_it(client, agency_pupr, admin, cats,
                                                  complaint_files):
    from balai.complaints import services as complaint_services
    from balai.complaints.tests.factories import submission
    from balai.core import assets

    ktp = factories.service(agency_pupr, admin)
    complaint, _secret = complaint_services.complaint_submit(
        submission=submission(cats["sampah"], asset=f"layanan:{ktp.pk}",
                              title="Antrean KTP tidak jalan"))
    assert ServiceReport.objects.get().complaint_id == complaint.pk
    linked = assets.assets_for(complaint)[0]
    assert linked.label == "Penerbitan KTP-el · Dinas PUPR"
    assert linked.public_url == "/layanan/pupr/ktp-el/"
