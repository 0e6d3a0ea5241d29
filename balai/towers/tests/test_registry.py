"""The registry pages and services: who may read and change, what is audited."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from balai.core.audit import audit_trail
from balai.towers import services
from balai.towers.models import Tower
from balai.towers.tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_officer_registers_a_tower_and_its_kelurahan_is_located(client, petugas_menara,
                                                                    malang):
    company = factories.company()
    client.force_login(petugas_menara)
    response = client.post("/menara/staf/baru/", {
        "code": "", "name": "Site Suhat", "company": company.pk, "status": "active",
        "site_type": "sst", "height_m": "42", "year_built": "2015", "lat": "-7.94095",
        "lng": "112.61925", "address": "Jl. Soekarno-Hatta"})
    tower = Tower.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/menara/staf/{tower.pk}/"
    assert tower.code == "MNR-00001"
    assert tower.kelurahan.name and tower.kelurahan.level == "kelurahan"
    assert [e.action for e in audit_trail(tower)] == ["towers.created"]


def test_a_bad_form_keeps_what_was_typed_and_says_how_to_fix_it(client, petugas_menara):
    client.force_login(petugas_menara)
    response = client.post("/menara/staf/baru/", {"name": "Site Baru", "lat": "", "lng": "x",
                                                   "height_m": "42"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Isi lintang, misalnya -7.9666." in page
    assert 'value="Site Baru"' in page
    assert Tower.objects.count() == 0


def test_a_change_is_audited_with_before_and_after(petugas_menara, malang):
    tower = factories.tower()
    services.tower_update(tower=tower, data={"height_m": Decimal("45"), "status": "illegal"},
                          actor=petugas_menara)
    entry = audit_trail(tower).get(action="towers.updated")
    assert entry.data["changes"] == {"height_m": ["42", "45"], "status": ["active", "illegal"]}


def test_a_second_current_tenant_makes_the_tower_shared(petugas_menara):
    tower = factories.tower()
    services.tenancy_add(tower=tower, operator="Telkomsel", starts_on=date(2015, 3, 1),
                         actor=petugas_menara)
    tower.refresh_from_db()
    assert not tower.is_shared
    services.tenancy_add(tower=tower, operator="XL Axiata", starts_on=date(2020, 6, 1),
                         actor=petugas_menara)
    tower.refresh_from_db()
    assert tower.is_shared


def test_a_permit_scan_is_private_and_its_viewing_audited(client, petugas_menara, operator_opd):
    tower = factories.tower()
    client.force_login(petugas_menara)
    response = client.post(f"/menara/staf/{tower.pk}/izin/", {
        "permit-kind": "pbg", "permit-number": "SK-PBG-35730-01012026-01",
        "permit-issued_on": "12/01/2026",
        "permit-file": SimpleUploadedFile("pbg.pdf", PDF, "application/pdf")})
    assert response.status_code == 302
    permit = tower.permits.get()
    assert "/media/" not in permit.file.path
    url = f"/menara/staf/{tower.pk}/izin/{permit.pk}/berkas/"
    got = client.get(url)
    assert b"".join(got.streaming_content) == PDF and got["Cache-Control"] == "private, no-store"
    assert audit_trail(tower).filter(action="towers.permit_file_viewed").exists()
    client.force_login(operator_opd)
    assert client.get(url).status_code == 403


def test_a_permit_that_is_not_a_pdf_is_refused(client, petugas_menara):
    tower = factories.tower()
    client.force_login(petugas_menara)
    response = client.post(f"/menara/staf/{tower.pk}/izin/", {
        "permit-kind": "slf", "permit-number": "1", "permit-issued_on": "12/01/2026",
        "permit-file": SimpleUploadedFile("slf.pdf", b"<html>", "application/pdf")})
    assert response.status_code == 400
    assert "Pindaian harus berkas PDF." in response.content.decode()


@pytest.mark.parametrize("persona", ["operator_opd", "verifikator", "petugas_ppid", "warga"])
def test_other_personas_are_refused_the_registry(client, request, persona):
    factories.tower()
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/menara/staf/").status_code == 403


def test_the_head_of_office_reads_but_does_not_change(client, kepala_dinas):
    tower = factories.tower()
    client.force_login(kepala_dinas)
    assert client.get("/menara/staf/").status_code == 200
    assert client.get(f"/menara/staf/{tower.pk}/").status_code == 200
    assert client.get(f"/menara/staf/{tower.pk}/ubah/").status_code == 403


def test_the_list_filters_and_pages_in_a_fixed_number_of_queries(
        client, petugas_menara, django_assert_max_num_queries):
    company = factories.company()
    Tower.objects.bulk_create(Tower(code=f"MLG-{i:04d}", lat=-7.95, lng=112.62, site_type="sst",
                                    height_m=30, company=company) for i in range(60))
    factories.tower("MLG-9999", status="illegal", company=company)
    client.force_login(petugas_menara)
    with django_assert_max_num_queries(12):
        response = client.get("/menara/staf/")
    page = response.content.decode()
    assert "MLG-0000" in page and "MLG-0025" not in page and "Halaman 1 dari 3" in page
    filtered = client.get("/menara/staf/?status=illegal").content.decode()
    assert "MLG-9999" in filtered and "MLG-0000" not in filtered


def test_towers_without_a_building_permit_are_listed_as_the_gap(client, petugas_menara):
    with_pbg = factories.tower("MLG-0001")
    with_pbg.permits.create(kind="pbg", number="PBG-1", issued_on=date(2024, 1, 1))
    factories.tower("MLG-0002")
    client.force_login(petugas_menara)
    page = client.get("/menara/staf/?tanpa_pbg=1").content.decode()
    assert "MLG-0002" in page and "MLG-0001" not in page
