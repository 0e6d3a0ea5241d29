"""The SP4N-LAPOR! exchange by file: forwarded complaints out, LAPOR!'s dispositions in."""

import csv
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from balai.complaints import services as complaint_services
from balai.complaints.models import Complaint, ComplaintMessage
from balai.complaints.tests import factories
from balai.core.models import AuditEntry
from balai.lapor.models import LaporCase, LaporImport

pytestmark = pytest.mark.django_db

HEADER = ("nomor_tiket,tanggal_laporan,judul,isi_laporan,kategori,kelurahan,status,"
          "tindak_lanjut,anonim,rahasia,nama_pelapor,nomor_balai")


@pytest.fixture(autouse=True)
def _files(complaint_files):
    """Photos under the test's tmp folder."""


def upload(client, text: str, name="lapor.csv", **extra):
    return client.post("/teruskan/lapor/impor/", {
        "file": SimpleUploadedFile(name, text.encode(), content_type="text/csv"), **extra})


def forwarded(cats, malang, verifikator, **extra) -> Complaint:
    complaint, _ = complaint_services.complaint_submit(
        submission=factories.submission(cats["jalan"], **extra))
    return complaint_services.complaint_forward(
        complaint=complaint, to_agency=malang["dpu-bm-jatim"], reason="Jalan provinsi",
        actor=verifikator)


def test_the_export_lists_the_forwards_not_yet_in_lapor_with_identity_only_where_agreed(
        client, cats, malang, verifikator):
    agreed = forwarded(cats, malang, verifikator, share_identity=True)
    silent = forwarded(cats, malang, verifikator, title="Jembatan retak")
    secret = forwarded(cats, malang, verifikator, title="Pungutan liar", is_confidential=True,
                       share_identity=True, is_anonymous=True)
    complaint_services.complaint_submit(submission=factories.submission(cats["sampah"]))
    linked = forwarded(cats, malang, verifikator, title="Sudah di LAPOR!")
    LaporCase.objects.create(tracking_id="LPR-1", complaint=linked,
                             origin=LaporCase.Origin.FORWARDED)
    client.force_login(verifikator)
    assert "3 pengaduan yang diteruskan belum ada di LAPOR!" in \
        client.get("/teruskan/lapor/").content.decode()

    response = client.get("/teruskan/lapor/ekspor/", {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                     if response.streaming else response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header, body = rows[0], {r[0]: dict(zip(rows[0], r, strict=False)) for r in rows[1:]}
    assert header[:4] == ["nomor_balai", "tanggal_laporan", "judul", "isi_laporan"]
    assert set(body) == {agreed.code, silent.code, secret.code}
    assert body[agreed.code]["nama_pelapor"] == "Siti"
    assert body[agreed.code]["kontak_pelapor"] == "081234567890"
    assert body[agreed.code]["instansi_tujuan"] == "Dinas PU Bina Marga Jatim"
    assert body[agreed.code]["tautan"].endswith(f"/pengaduan/lacak/{agreed.code}/")
    assert not body[silent.code]["nama_pelapor"] and not body[silent.code]["kontak_pelapor"]
    assert body[secret.code]["rahasia"] == "Ya" and body[secret.code]["anonim"] == "Ya"
    assert not body[secret.code]["nama_pelapor"] and not body[secret.code]["tautan"]
    assert AuditEntry.objects.filter(action="lapor.exported", data__rows=3).exists()


def test_dispositions_become_complaints_with_channel_lapor_and_a_second_import_adds_nothing(
        client, cats, malang, verifikator):
    text = "\n".join([
        HEADER,
        "LPR-2026-0001,2026-11-30,Jalan berlubang,Lubang besar di depan sekolah.,Jalan rusak,"
        "Kiduldalem,Disposisi,,Tidak,Tidak,Budi,",
        "LPR-2026-0002,01/12/2026,Sampah di sungai,Sampah menumpuk di bantaran.,Lingkungan Hidup,"
        "Kiduldalem,Disposisi,,Ya,Tidak,Ani,",
    ])
    client.force_login(verifikator)
    response = upload(client, text, default_category=cats["sampah"].pk)
    assert response.status_code == 302
    first, second = (LaporCase.objects.get(tracking_id=t).complaint
                     for t in ("LPR-2026-0001", "LPR-2026-0002"))
    assert first.channel == second.channel == Complaint.Channel.LAPOR
    assert first.category == cats["jalan"]  # by its name
    assert second.category == cats["sampah"]  # LAPOR!'s "Lingkungan Hidup" is none of ours
    assert first.kelurahan.name == "Kiduldalem" and first.agency == malang["pupr"]
    assert first.reporter_name == "Budi"
    assert second.is_anonymous and not second.reporter_name  # anonim: no name kept
    assert "SP4N-LAPOR! report LPR-2026-0001" in first.description or \
        "Laporan SP4N-LAPOR! LPR-2026-0001" in first.description
    page = client.get("/teruskan/lapor/").content.decode()
    assert "2 pengaduan baru" in page and "LPR-2026-0002" in page

    assert upload(client, text, default_category=cats["sampah"].pk).status_code == 302
    assert Complaint.objects.count() == 2
    assert LaporImport.objects.order_by("-pk").values_list(
        "created", "unchanged").first() == (0, 2)


def test_one_bad_row_imports_nothing_and_every_problem_is_named_in_indonesian(
        client, cats, malang, verifikator):
    text = "\n".join([
        HEADER,
        "LPR-9,2026-11-30,Jalan berlubang,Lubang besar.,Jalan rusak,Kiduldalem,,,Tidak,Tidak,,",
        "LPR-10,kemarin,Lampu mati,Lampu jalan mati.,Penerangan,Atlantis,,,mungkin,Tidak,,",
        "LPR-9,2026-11-30,Lagi,Baris ganda.,Jalan rusak,Kiduldalem,,,Tidak,Tidak,,",
        "LPR-11,2026-11-30,Tautan,Kode kami salah.,Jalan rusak,,,,Tidak,Tidak,,ADU-2026-999999",
    ])
    client.force_login(verifikator)
    response = upload(client, text)
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "3 baris memuat kesalahan; tidak ada yang diimpor." in page
    assert "tanggal_laporan: tulis tanggal seperti 2026-11-30 atau 30/11/2026." in page
    assert "anonim: tulis \"Ya\" atau \"Tidak\", bukan \"mungkin\"." in page
    assert "sudah ada di baris 2" in page
    assert "kelurahan: \"Atlantis\" bukan kelurahan di wilayah ini" in page
    assert "kategori: \"Penerangan\" tidak ada di antara kategori kami" in page
    assert "tidak ada pengaduan dengan kode ADU-2026-999999" in page
    assert not Complaint.objects.exists() and not LaporCase.objects.exists()

    response = upload(client, "nomor,judul\n1,x\n")
    assert response.status_code == 400
    assert "Baris judul tidak memuat kolom" in response.content.decode()


def test_a_forward_through_lapor_gets_its_number_its_updates_and_closes_with_the_answer(
        client, cats, malang, verifikator):
    complaint = forwarded(cats, malang, verifikator)
    client.force_login(verifikator)
    exported = b"".join(client.get("/teruskan/lapor/ekspor/", {"format": "csv"})
                        .streaming_content).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(exported)))
    assert row["nomor_balai"] == complaint.code

    def lapor_says(status: str, follow_up: str):
        # LAPOR!'s export of the report the operator entered, with our code kept
        return "\n".join([HEADER, f"LPR-77,{row['tanggal_laporan']},\"{row['judul']}\","
                                  f"\"{row['isi_laporan']}\",Infrastruktur,,{status},"
                                  f"\"{follow_up}\",Tidak,Tidak,,{row['nomor_balai']}"])

    assert upload(client, lapor_says("Terverifikasi", "")).status_code == 302
    complaint.refresh_from_db()
    assert complaint.external_reference == "LPR-77"
    assert complaint.status == Complaint.Status.DITERUSKAN

    assert upload(client, lapor_says("Proses", "Sudah dijadwalkan tambal minggu depan.")
                  ).status_code == 302
    note = ComplaintMessage.objects.filter(complaint=complaint,
                                           kind=ComplaintMessage.Kind.REMOTE_NOTE).last()
    assert "SP4N-LAPOR!" in note.text and "Sudah dijadwalkan tambal" in note.text

    assert upload(client, lapor_says("Selesai", "Lubang sudah ditambal 3 Desember.")
                  ).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.DITUTUP
    assert complaint.answer == "Lubang sudah ditambal 3 Desember."
    assert LaporCase.objects.get().lapor_status == "Selesai"


def test_only_the_complaint_desk_moves_cases_to_and_from_lapor(client, operator_opd, cats):
    client.force_login(operator_opd)
    assert client.get("/teruskan/lapor/").status_code == 403
    assert client.get("/teruskan/lapor/ekspor/", {"format": "csv"}).status_code == 403
    assert upload(client, HEADER).status_code == 403
