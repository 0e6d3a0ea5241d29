"""The staff export: scoped like the queue, reporter identity only where the role may see it."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from balai.complaints import exports, services
from balai.complaints.tests import factories
from balai.core.models import AuditEntry

WIB = ZoneInfo("Asia/Jakarta")
URL = reverse("complaints:staff_export")


def make(category, verifier=None, **extra):
    complaint, _ = services.complaint_submit(
        submission=factories.submission(category, **extra),
        now=datetime(2026, 11, 2, 10, tzinfo=WIB))
    if verifier is not None:
        services.complaint_verify(complaint=complaint, actor=verifier)
    return complaint


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_desk_downloads_an_xlsx_with_contacts_and_no_formula(client, cats, verifikator):
    make(cats["jalan"], title="Lubang", reporter_name="Siti Rahma")
    make(cats["sampah"], title="=HYPERLINK(\"http://evil.example\",\"klik\")",
         description="+62 sampah")
    client.force_login(verifikator)
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="pengaduan-')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[0] == "Kode" and "Pelapor" in header and "Nomor WhatsApp" in header
    assert len(rows) == 3
    by_title = {r[header.index("Judul")]: r for r in rows[1:]}
    assert by_title["Lubang"][header.index("Pelapor")] == "Siti Rahma"
    evil = next(r for r in rows[1:] if "HYPERLINK" in r[header.index("Judul")])
    assert evil[header.index("Judul")].startswith("'=")  # text, not a formula
    assert evil[header.index("Uraian")] == "'+62 sampah"
    assert sheet["E2"].data_type == "s" and sheet["E3"].data_type == "s"


def test_an_operator_exports_only_their_agency_and_no_anonim_identity(
        client, cats, verifikator, operator_opd):
    mine = make(cats["jalan"], verifikator, title="Jalan berlubang", reporter_name="Budi")
    hidden = make(cats["jalan"], verifikator, title="Aspal retak",
                  reporter_name="Ani Anonim", reporter_email="ani@example.id",
                  is_anonymous=True)
    other = make(cats["sampah"], verifikator, title="Sampah di sungai")  # to DLH
    make(cats["jalan"], title="Belum diverifikasi")  # still with the desk
    client.force_login(operator_opd)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    header, body = rows[0], rows[1:]
    codes = {r[0] for r in body}
    assert codes == {mine.code, hidden.code}
    assert other.code not in codes
    hidden_row = next(r for r in body if r[0] == hidden.code)
    assert hidden_row[header.index("Pelapor")] == "(anonim)"
    assert "ani@example.id" not in b"".join(
        client.get(URL, {"format": "csv"}).streaming_content).decode()
    assert "Ani Anonim" not in ";".join(hidden_row)


def test_another_agencys_operator_gets_none_of_it(client, cats, verifikator,
                                                  operator_other_opd):
    pupr = make(cats["jalan"], verifikator, title="Jalan berlubang")
    client.force_login(operator_other_opd)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    assert pupr.code not in {r[0] for r in rows[1:]}
    assert "agency" not in client.get(URL).context["form"].fields  # no agency filter


def test_filters_narrow_the_export(client, cats, verifikator):
    make(cats["jalan"], title="Jalan A")
    make(cats["sampah"], title="Sampah B")
    client.force_login(verifikator)
    rows = csv_rows(client.get(URL, {"format": "csv", "category": cats["sampah"].pk}))
    assert [r[4] for r in rows[1:]] == ["Sampah B"]
    rows = csv_rows(client.get(URL, {"format": "csv", "date_from": "2026-11-03"}))
    assert rows[1:] == []


def test_each_export_is_recorded_in_the_audit_trail(client, cats, verifikator):
    make(cats["jalan"])
    client.force_login(verifikator)
    b"".join(client.get(URL, {"format": "csv", "status": "baru"}).streaming_content)
    entry = AuditEntry.objects.get(action="complaints.exported")
    assert entry.actor == verifikator
    assert entry.data == {"format": "csv", "rows": 1, "filters": {"status": "baru"}}


def test_too_large_an_export_asks_for_narrower_filters(client, cats, verifikator,
                                                       monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_MAX_ROWS", 1)
    make(cats["jalan"])
    make(cats["jalan"])
    client.force_login(verifikator)
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert "2 pengaduan cocok" in response.content.decode()
    assert not AuditEntry.objects.filter(action="complaints.exported").exists()


def test_a_reversed_date_range_is_refused_with_a_message(client, cats, verifikator):
    client.force_login(verifikator)
    response = client.get(URL, {"format": "csv", "date_from": "2026-11-10",
                                "date_to": "2026-11-01"})
    assert "Tanggal akhir harus sama dengan atau sesudah tanggal awal" in \
        response.content.decode()


@pytest.mark.parametrize("fixture", ["warga"])
def test_citizens_cannot_export(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(URL, {"format": "csv"}).status_code == 403


def test_the_export_reads_in_a_fixed_number_of_queries(client, cats, verifikator,
                                                       django_assert_max_num_queries):
    for i in range(12):
        make(cats["jalan"], title=f"Aduan {i}")
    client.force_login(verifikator)
    with django_assert_max_num_queries(12):
        rows = csv_rows(client.get(URL, {"format": "csv"}))
    assert len(rows) == 13


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_is_never_kept_by_a_cache(client, cats, verifikator, fmt):
    """Issue 23: private downloads answer no-store; an export names reporters."""
    make(cats["jalan"], reporter_name="Siti Rahma")
    client.force_login(verifikator)
    response = client.get(URL, {"format": fmt})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
