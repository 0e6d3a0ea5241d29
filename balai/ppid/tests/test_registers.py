import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from balai.ppid import services
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def sheet_rows(response):
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


@pytest.fixture
def answered(signing, petugas_ppid):
    req = factories.request(now=datetime(2026, 3, 16, 10, tzinfo=WIB),
                            information="=HYPERLINK(\"http://jahat\") daftar menara")
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid,
                                         now=datetime(2026, 4, 7, 10, tzinfo=WIB))
    req.refresh_from_db()
    return req


def test_request_register_xlsx_has_the_perki_columns(client, answered, petugas_ppid):
    client.force_login(petugas_ppid)
    response = client.get(reverse("ppid:register_requests"),
                          {"tahun": 2026, "format": "xlsx"})
    rows = sheet_rows(response)
    header, first = rows[0], rows[1]
    assert header[:4] == ["No.", "Tanggal diterima", "Nomor pendaftaran", "Nama"]
    assert first[2] == answered.code and first[3] == "Budi Santoso"
    assert first[4] == "Jl. Kawi 12, Malang"
    assert first[7].startswith("'=HYPERLINK")  # never a formula on the officer's machine
    assert "Diberikan sebagian" in first and answered.decision.notice.number.full_number in first
    assert first[16] == 10  # working days from day 0 to the notice
    assert factories.NIK not in str(rows)


def test_register_hides_identity_from_the_head_of_office(client, answered, kepala_dinas):
    client.force_login(kepala_dinas)
    rows = sheet_rows(client.get(reverse("ppid:register_requests"),
                                 {"tahun": 2026, "format": "xlsx"}))
    assert rows[1][3] == "Budi Santoso"  # the name is in the register; address is not
    assert rows[1][4] == "•••" and rows[1][5] == "•••"


def test_pembantu_register_holds_only_their_opds_requests(client, answered, petugas_ppid,
                                                         ppid_pembantu, agency_pupr):
    other = factories.request(name="Ani")
    services.information_request_delegate(request=other, agency=agency_pupr,
                                          actor=petugas_ppid)
    client.force_login(ppid_pembantu)
    page = client.get(reverse("ppid:register_requests"), {"tahun": 2026})
    codes = [row[2] for row in page.context["rows"]]
    assert codes == [other.code]


def test_objection_register(client, answered, atasan_ppid):
    from datetime import date

    objection = services.objection_file(request=answered, ground="35_1a",
                                        ground_date=date.today(),
                                        case_summary="Nama pemilik lahan harus dibuka.")
    client.force_login(atasan_ppid)
    year = objection.filed_at.year
    rows = sheet_rows(client.get(reverse("ppid:register_objections"),
                                 {"tahun": year, "format": "xlsx"}))
    assert rows[1][1] == objection.code and rows[1][5] == answered.code
    assert "Pasal 17" in rows[1][8]


def test_register_page_query_count(client, signing, petugas_ppid, django_assert_max_num_queries):
    factories.request()
    client.force_login(petugas_ppid)
    url = reverse("ppid:register_requests")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for i in range(10):
        req = factories.request(name=f"P{i}")
        if i % 2:
            services.information_request_decide(request=req, data=factories.decision_data(),
                                                 actor=petugas_ppid)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_registers_are_for_staff_only(client, warga, operator_opd):
    for user in (warga, operator_opd):
        client.force_login(user)
        assert client.get(reverse("ppid:register_requests")).status_code == 403
