"""Keberatan: grounds of Pasal 35(1), the 30-working-day window, the atasan's decision."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.core.tests.programs import pdf_text
from balai.documents.models import IssuedDocument
from balai.documents.storage import documents_storage
from balai.notifications.models import Outbox
from balai.ppid import services
from balai.ppid.clock import ppid_objection_sweep
from balai.ppid.errors import PpidTransitionError
from balai.ppid.models import InformationRequest, Objection
from balai.ppid.tests import factories
from balai.ppid.tests.test_registers import sheet_rows

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
APRIL_7 = datetime(2026, 4, 7, 10, 0, tzinfo=WIB)


def at(day, month, hour=10):
    return time_machine.travel(datetime(2026, month, day, hour, 0, tzinfo=WIB), tick=False)


@pytest.fixture
def answered(signing, petugas_ppid):
    """Received Monday 16 March 2026, partly granted Tuesday 7 April 2026."""
    with at(16, 3):
        req, secret = services.information_request_submit(
            submission=factories.submission(), documents=factories.prepared_ktp())
    # Signed outside frozen time: the demo certificate is only valid from today.
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid, now=APRIL_7)
    req.refresh_from_db()
    return req, secret


def file(req, *, ground="35_1a", ground_date=date(2026, 4, 7), **extra):
    return services.objection_file(request=req, ground=ground, ground_date=ground_date,
                                   case_summary="Nama pemilik lahan seharusnya tidak "
                                   "dihitamkan karena lahan itu milik daerah.", **extra)


def test_objection_gets_a_number_and_the_atasans_thirty_day_clock(answered, atasan_ppid):
    req, _secret = answered
    with at(8, 4):
        objection = file(req)
    assert objection.code.startswith("KEB-2026-")
    # 30 working days from Wednesday 8 April 2026 (1 May, 14–15 May are holidays).
    assert objection.due_date == date(2026, 5, 25)
    assert objection.filing_deadline == date(2026, 5, 22)
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.OBJECTION
    assert audit_trail(req).filter(action="ppid.objection_filed", public=True).exists()
    assert Outbox.objects.filter(recipient=atasan_ppid.email,
                                 subject__contains=objection.code).exists()


def test_the_thirty_working_day_window_is_enforced_from_the_grounds_date(answered):
    req, _secret = answered
    with at(25, 5), pytest.raises(ValidationError) as refused:
        file(req)
    assert "22 Mei 2026" in str(refused.value)
    with at(22, 5, hour=15):
        assert file(req).code


@pytest.mark.parametrize(("ground", "fragment"), [
    ("35_1c", "setelah batas waktunya"),  # answered: not "no response"
    ("35_1f", "Tidak ada biaya"),  # no cost was charged
    ("35_1g", "tidak terlambat"),  # answered on the due date
])
def test_grounds_that_do_not_fit_the_request_are_refused(answered, ground, fragment):
    req, _secret = answered
    with at(8, 4), pytest.raises(ValidationError, match=fragment):
        file(req, ground=ground)


def test_no_response_can_be_objected_to_only_after_the_deadline(petugas_ppid):
    with at(16, 3):
        req = factories.request()
    with at(7, 4), pytest.raises(ValidationError, match="setelah batas waktunya"):
        file(req, ground="35_1c", ground_date=date(2026, 4, 7))
    with at(9, 4):
        objection = file(req, ground="35_1c", ground_date=date(2026, 4, 8))
    assert objection.grounds == ["35_1c"]


def test_one_pending_objection_at_a_time(answered):
    req, _secret = answered
    with at(8, 4):
        file(req)
        with pytest.raises(PpidTransitionError):
            file(req, ground="35_1d")


def test_atasan_decides_with_an_issued_letter(answered, atasan_ppid):
    req, _secret = answered
    with at(8, 4):
        objection = file(req)
    decided = services.objection_decide(
        objection=objection, outcome="sebagian", actor=atasan_ppid,
        now=datetime(2026, 4, 20, 10, 0, tzinfo=WIB),
        reasons="Nama pemilik lahan milik daerah adalah informasi publik; NIK tetap "
                "dihitamkan.")
    assert decided.status == Objection.Status.DECIDED
    letter = decided.decision_document
    assert letter.kind == IssuedDocument.Kind.OBJECTION_DECISION
    text = re.sub(r"\s+", " ", pdf_text(documents_storage().path(letter.pdf_path)))
    assert objection.code in text and "Komisi Informasi" in text
    req.refresh_from_db()
    # Partly upheld against a refusal (35(1)(a)): the PPID owes a revised notice, by 10
    # working days from the decision (1 May is a holiday), and the letter says so.
    assert req.status == InformationRequest.Status.CARRYING_OUT
    assert decided.carry_out_due == req.due_date == date(2026, 5, 5)
    assert "5 Mei 2026" in text
    # 14 working days from Monday 20 April 2026 (1 May is a holiday).
    assert req.deadline_facts["dispute_deadline"] == "2026-05-11"
    assert audit_trail(decided).filter(action="ppid.objection_decided").exists()
    assert Outbox.objects.filter(recipient="budi@example.id",
                                 subject__contains="memutus keberatan").exists()
    with pytest.raises(PpidTransitionError):
        services.objection_decide(objection=objection, outcome="ditolak", actor=atasan_ppid,
                                  reasons="Sekali lagi memutus keberatan yang sama.")


def test_requester_files_through_the_private_link(client, answered):
    req, secret = answered
    url = reverse("ppid:objection_form", args=[req.code])
    assert client.get(url).status_code == 404
    assert client.get(url, {"k": secret}).status_code == 200
    with at(8, 4):
        response = client.post(url, {"grounds": ["35_1a"], "ground_date": "2026-04-07",
                                     "case_summary": "Nama pemilik lahan milik daerah "
                                                     "seharusnya dibuka."})
    assert "Keberatan diterima" in response.content.decode()
    assert req.objections.count() == 1
    with at(8, 4):
        html = client.post(url, {"grounds": ["35_1a"], "ground_date": "2026-04-07",
                                 "case_summary": "x"}).content.decode()
    assert "Ada masalah" in html


def test_only_the_atasan_decides(client, answered, petugas_ppid, atasan_ppid):
    req, _secret = answered
    with at(8, 4):
        objection = file(req)
    url = reverse("ppid:objection_detail", args=[objection.pk])
    client.force_login(petugas_ppid)
    assert client.get(url).status_code == 200
    assert client.post(url, {"outcome": "ditolak", "reasons": "x" * 30}).status_code == 403
    client.force_login(atasan_ppid)
    response = client.post(url, {"outcome": "ditolak",
                                 "reasons": "Pengecualian nama pemilik lahan sudah tepat."})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.outcome == "ditolak" and objection.decided_by == atasan_ppid


def test_another_opds_pembantu_cannot_see_the_objection(client, answered, ppid_pembantu_other):
    req, _secret = answered
    with at(8, 4):
        objection = file(req)
    client.force_login(ppid_pembantu_other)
    assert client.get(reverse("ppid:objection_detail", args=[objection.pk])
                      ).status_code == 404
    assert list(client.get(reverse("ppid:objections")).context["page"]) == []


def test_atasan_is_reminded_at_eighty_percent_and_when_overdue(answered, atasan_ppid):
    req, _secret = answered
    with at(8, 4):
        file(req)
    with at(14, 5):  # 24 of 30 working days
        assert ppid_objection_sweep() == {"reminded": 1, "overdue": 0}
        assert ppid_objection_sweep() == {"reminded": 0, "overdue": 0}
    with at(25, 5):
        assert ppid_objection_sweep() == {"reminded": 0, "overdue": 0}
    with at(26, 5):
        assert ppid_objection_sweep() == {"reminded": 0, "overdue": 1}
    assert Outbox.objects.filter(recipient=atasan_ppid.email,
                                 subject__contains="Terlambat").count() == 1


def test_objection_queue_query_count_does_not_grow(client, signing, atasan_ppid, petugas_ppid,
                                                   django_assert_max_num_queries):
    def one():
        req = factories.request()
        services.information_request_decide(request=req, data=factories.decision_data(),
                                             actor=petugas_ppid)
        services.objection_file(request=req, ground="35_1a", ground_date=date.today(),
                                case_summary="Keberatan atas penghitaman data.")

    one()
    client.force_login(atasan_ppid)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("ppid:objections"))
    for _ in range(3):
        one()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("ppid:objections"))


def test_requester_responds_to_the_decision_for_the_register(client, answered, atasan_ppid):
    req, secret = answered
    with at(8, 4):
        objection = file(req)
    url = reverse("ppid:objection_respond", args=[req.code, objection.pk])
    with pytest.raises(PpidTransitionError):
        services.objection_requester_respond(objection=objection, response="Belum diputus.")
    services.objection_decide(objection=objection, outcome="ditolak", actor=atasan_ppid,
                              reasons="Pengecualian sudah diuji dengan benar.",
                              now=datetime(2026, 4, 20, 10, tzinfo=WIB))
    assert client.post(url, {"response": "Saya menerima."}).status_code == 404
    other = reverse("ppid:objection_respond", args=[req.code, objection.pk + 1])
    assert client.post(f"{other}?k={secret}", {"response": "x"}).status_code == 404
    empty = client.post(f"{url}?k={secret}", {"response": " "}, follow=True)
    assert [str(m) for m in empty.context["messages"]] == ["Tulis tanggapan Anda."]
    client.post(f"{url}?k={secret}", {"response": "Saya akan ke Komisi Informasi."})
    objection.refresh_from_db()
    assert objection.requester_response == "Saya akan ke Komisi Informasi."
    assert audit_trail(objection).filter(action="ppid.objection_responded").exists()


def test_an_objection_may_rest_on_several_grounds(client, answered, atasan_ppid):
    """Issue 13, defect 6: Pasal 35(1) reads "dan/atau"; the staff pages and the register
    show every ground."""
    req, secret = answered
    url = reverse("ppid:objection_form", args=[req.code])
    with at(8, 4):
        response = client.post(f"{url}?k={secret}", {
            "grounds": ["35_1a", "35_1d"], "ground_date": "2026-04-07",
            "case_summary": "Nama pemilik lahan dihitamkan dan daftar tidak memuat tinggi "
                            "menara yang diminta."})
    assert "Keberatan diterima" in response.content.decode()
    objection = req.objections.get()
    assert objection.grounds == ["35_1a", "35_1d"]
    client.force_login(atasan_ppid)
    detail = client.get(reverse("ppid:objection_detail", args=[objection.pk])).content.decode()
    queue = client.get(reverse("ppid:objections")).content.decode()
    for html in (detail, queue):
        assert "(a) permohonan ditolak" in html.lower() and "(d)" in html
    rows = sheet_rows(client.get(reverse("ppid:register_objections"),
                                 {"tahun": 2026, "format": "xlsx"}))
    assert "Pasal 17" in rows[1][8] and "(d)" in rows[1][8]


def test_periodic_information_may_be_objected_to_without_a_request(
        client, signing, atasan_ppid):
    """Issue 13, defect 6: a 35(1)(b) keberatan (periodic information not published) needs
    no prior request; the atasan decides it like any other."""
    url = reverse("ppid:periodic_objection")
    with at(4, 2):
        response = client.post(url, {
            "name": "Sari Wulandari", "address": "Jl. Ijen 5, Malang",
            "email": "sari@example.id", "phone": "",
            "information": "Laporan realisasi anggaran Dinas PUPR semester II 2025.",
            "ground_date": "2026-02-02", "proxy_name": "", "website": "",
            "case_summary": "Laporan semester II 2025 belum diumumkan di laman PPID."})
    assert "Keberatan diterima" in response.content.decode()
    objection = Objection.objects.get()
    assert objection.request is None and objection.grounds == ["35_1b"]
    assert Outbox.objects.filter(recipient="sari@example.id").exists()
    client.force_login(atasan_ppid)
    queue = client.get(reverse("ppid:objections")).content.decode()
    assert objection.code in queue
    detail = client.get(reverse("ppid:objection_detail", args=[objection.pk])).content.decode()
    assert "Sari Wulandari" in detail and "semester II 2025" in detail
    decided = services.objection_decide(
        objection=objection, outcome="dikabulkan", actor=atasan_ppid,
        reasons="Laporan wajib diumumkan berkala; PPID mengumumkannya dalam 7 hari kerja.",
        now=datetime(2026, 2, 20, 10, tzinfo=WIB))
    assert decided.status == Objection.Status.DECIDED
    assert decided.answer_delivery == "elektronik"
    letter = re.sub(r"\s+", " ", pdf_text(documents_storage().path(
        decided.decision_document.pdf_path)))
    assert "Sari Wulandari" in letter and "informasi berkala" in letter
    rows = sheet_rows(client.get(reverse("ppid:register_objections"),
                                 {"tahun": 2026, "format": "xlsx"}))
    assert rows[1][3] == "Sari Wulandari" and "(b)" in rows[1][8]
    assert "semester II 2025" in rows[1][6]
