"""Importing an existing tower list: every bad row is reported, and nothing is imported
until the whole file is right."""

import io

import pytest
from openpyxl import Workbook

from balai.core.models import AuditEntry
from balai.towers.models import Tenancy, Tower
from balai.towers.tests import factories

HEADER = ("kode,nama_site,lat,lng,alamat,tipe_site,tinggi_m,tahun,perusahaan,nib,status,bersama,"
          "operator\n")
GOOD = ("MLG-0101,Site Suhat,-7.94095,112.61925,Jl. Soekarno-Hatta,SST,42,2014,"
        "PT Protelindo,9120001234567,aktif,ya,Telkomsel;Indosat\n"
        "MLG-0102,Site Kayutangan,-7.97600,112.63030,Jl. Basuki Rahmat,monopole,30,2019,"
        "PT Mitratel,,aktif,tidak,XL Axiata\n")


def upload(client, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/menara/staf/impor/", {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def officer_client(client, petugas_menara, malang):
    client.force_login(petugas_menara)
    return client


def test_a_file_with_bad_rows_is_reported_row_by_row_and_nothing_is_imported(officer_client):
    bad = (HEADER + GOOD
           + "MLG-0103,Site Dinoyo,112.6,-7.9,,SST,42,2015,PT Protelindo,,aktif,ya,\n"
           + "MLG-0101,Dobel,-7.95,112.62,,lattice,tinggi,15,,12345,rusak,mungkin,\n")
    response = upload(officer_client, "menara.csv", bad.encode())
    assert response.status_code == 400
    page = response.content.decode()
    assert "2 baris memuat kesalahan; tidak ada yang diimpor." in page
    # Row numbers as the spreadsheet shows them (header = row 1).
    assert "<td>4</td>" in page and "<td>5</td>" in page and "<td>2</td>" not in page
    assert "lat: 112.6 berada di luar Indonesia" in page
    assert "tipe_site: &quot;lattice&quot; bukan jenis site" in page
    assert "tinggi_m: tulis tinggi dalam meter, antara 1 dan 400." in page
    assert "tahun: tulis tahun pembangunan dengan empat angka" in page
    assert "perusahaan: perusahaan pemilik belum diisi." in page
    assert "nib: NIB terdiri atas 13 angka." in page
    assert "kode: MLG-0101 juga ada di baris 2." in page
    assert Tower.objects.count() == 0
    assert not AuditEntry.objects.filter(action="towers.imported").exists()


def test_a_good_csv_is_imported_with_kelurahan_companies_and_tenants(officer_client):
    response = upload(officer_client, "menara.csv", (HEADER + GOOD).encode("utf-8-sig"))
    assert response.status_code == 302
    suhat = Tower.objects.get(code="MLG-0101")
    assert suhat.kelurahan is not None and suhat.kelurahan.level == "kelurahan"
    assert suhat.company.nib == "9120001234567" and suhat.is_shared
    assert sorted(Tenancy.objects.filter(tower=suhat).values_list("operator", flat=True)) == \
        ["Indosat", "Telkomsel"]
    assert Tower.objects.get(code="MLG-0102").site_type == "monopole"
    assert AuditEntry.objects.filter(action="towers.imported").count() == 2


def test_an_xlsx_with_aliased_headers_is_read(officer_client):
    book = Workbook()
    sheet = book.active
    sheet.append(["Kode Menara", "Latitude", "Longitude", "Type Menara", "Tower Height",
                  "Nama Perusahaan"])
    sheet.append(["MLG-0201", -7.9409, 112.6192, "GF", 36, "PT Tower Bersama"])
    out = io.BytesIO()
    book.save(out)
    response = upload(officer_client, "menara.xlsx", out.getvalue())
    assert response.status_code == 302
    assert Tower.objects.get(code="MLG-0201").site_type == "greenfield"


def test_a_code_already_in_the_registry_stops_the_import(officer_client):
    factories.tower("MLG-0102")
    response = upload(officer_client, "menara.csv", (HEADER + GOOD).encode())
    assert response.status_code == 400
    assert "kode: MLG-0102 sudah ada di register." in response.content.decode()
    assert Tower.objects.count() == 1


def test_a_file_without_the_needed_columns_says_which(officer_client):
    response = upload(officer_client, "menara.csv", b"nama,alamat\nA,B\n")
    assert response.status_code == 400
    assert "Baris judul tidak memuat kolom: kode, lat, lng, tipe_site, tinggi_m, perusahaan." \
        in response.content.decode()


def test_only_tower_officers_import(client, kepala_dinas):
    client.force_login(kepala_dinas)
    assert upload(client, "menara.csv", (HEADER + GOOD).encode()).status_code == 403
