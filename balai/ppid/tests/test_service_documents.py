"""Service documents (maklumat, SOP, fee decision and schedule, the decrees), payments for
copies at the schedule's price, the handover with its berita acara, and the review of the
decree on exempt information (UU 14/2008 Pasal 19–21; Perki 1/2021)."""

from __future__ import annotations

import io
import subprocess
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from balai.core.audit import audit_trail
from balai.core.tests.programs import needs_program
from balai.notifications.models import Outbox
from balai.ppid import selectors, services
from balai.ppid.handover import berita_acara_data
from balai.ppid.models import (
    CopyPayment,
    FeeItem,
    InformationClass,
    ServiceDocument,
)
from balai.ppid.monev import AMBER, GREEN, RED
from balai.ppid.tests import factories

WIB = ZoneInfo("Asia/Jakarta")


def fee_decision(actor, *, issued_on=date(2026, 1, 5), items=True) -> ServiceDocument:
    doc = services.service_document_save(document=None, actor=actor, data={
        "kind": "biaya", "title": "Keputusan PPID tentang Biaya Salinan Informasi Publik",
        "number": "188.45/7/35.73.112/2026", "issued_on": issued_on,
        "issued_by": "PPID Utama Kota Malang", "summary": "", "review_on": None,
        "is_published": True})
    if items:
        services.fee_item_add(decision=doc, actor=actor, data={
            "name": "Salinan elektronik (PDF)", "medium": "softcopy", "unit": "berkas",
            "amount": 0, "position": 1})
        services.fee_item_add(decision=doc, actor=actor, data={
            "name": "Fotokopi A4", "medium": "kertas", "unit": "lembar", "amount": 500,
            "position": 2})
    return doc


@pytest.fixture
def answered(db, signing, petugas_ppid):
    """A request answered on Monday 9 November 2026 with part of the information given."""
    with time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=WIB), tick=False):
        req = factories.request()
    with time_machine.travel(datetime(2026, 11, 9, 10, 0, tzinfo=WIB), tick=False):
        services.information_request_decide(request=req, data=factories.decision_data(
            form="hardcopy", delivery="ambil"), files=[], actor=petugas_ppid)
    req.refresh_from_db()
    return req


def test_a_softcopy_is_free_on_the_schedule_and_in_the_database(db, petugas_ppid):
    doc = fee_decision(petugas_ppid, items=False)
    with pytest.raises(ValidationError) as refused:
        services.fee_item_add(decision=doc, actor=petugas_ppid, data={
            "name": "PDF", "medium": "softcopy", "unit": "berkas", "amount": 2000})
    assert "gratis" in str(refused.value) or "free" in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeeItem.objects.create(decision=doc, name="PDF", medium="softcopy", unit="berkas",
                               amount=2000)
    sop = services.service_document_save(document=None, actor=petugas_ppid, data={
        "kind": "sop", "title": "SOP Permohonan Informasi", "issued_on": date(2026, 1, 5)})
    with pytest.raises(ValidationError):
        services.fee_item_add(decision=sop, actor=petugas_ppid, data={
            "name": "Fotokopi", "medium": "kertas", "unit": "lembar", "amount": 500})


def test_payment_is_counted_at_the_schedule_price_in_force_and_kept_when_it_changes(
        answered, petugas_ppid):
    old = fee_decision(petugas_ppid, issued_on=date(2026, 1, 5))
    photocopy = old.fee_items.get(medium="kertas")
    with time_machine.travel(datetime(2026, 11, 10, 9, 0, tzinfo=WIB), tick=False):
        payment = services.copy_payment_record(
            request=answered, fee_item=photocopy, quantity=37, paid_on=date(2026, 11, 10),
            receipt_number="KW-0012", actor=petugas_ppid)
    assert (payment.unit_amount, payment.amount) == (500, 18500)
    # A new decision raises the price from 20 November: the payment keeps what was paid,
    # and a payment dated after it must use the new schedule.
    new = fee_decision(petugas_ppid, issued_on=date(2026, 11, 20), items=False)
    services.fee_item_add(decision=new, actor=petugas_ppid, data={
        "name": "Fotokopi A4", "medium": "kertas", "unit": "lembar", "amount": 750})
    payment.refresh_from_db()
    assert payment.amount == 18500
    with (time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=WIB), tick=False),
          pytest.raises(ValidationError) as refused):
        services.copy_payment_record(request=answered, fee_item=photocopy, quantity=2,
                                     paid_on=date(2026, 11, 23), receipt_number="",
                                     actor=petugas_ppid)
    assert "fee_item" in refused.value.message_dict
    assert [e.action for e in audit_trail(answered)].count("ppid.copy_paid") == 1
    with pytest.raises(ValidationError):  # paid for → stays on the schedule
        services.fee_item_remove(item=photocopy, actor=petugas_ppid)


def test_payment_before_the_notice_or_in_the_future_is_refused(answered, petugas_ppid):
    photocopy = fee_decision(petugas_ppid).fee_items.get(medium="kertas")
    with time_machine.travel(datetime(2026, 11, 10, 9, 0, tzinfo=WIB), tick=False):
        for day in (date(2026, 11, 6), date(2026, 11, 11)):
            with pytest.raises(ValidationError) as refused:
                services.copy_payment_record(request=answered, fee_item=photocopy,
                                             quantity=1, paid_on=day, receipt_number="",
                                             actor=petugas_ppid)
            assert "paid_on" in refused.value.message_dict
    assert not CopyPayment.objects.exists()


def test_no_payment_or_handover_when_the_information_was_refused(db, signing, petugas_ppid):
    req = factories.request()
    services.information_request_decide(request=req, data=factories.decision_data(
        outcome="ditolak", given="", withheld="", withheld_reason=""), files=[],
        actor=petugas_ppid)
    req.refresh_from_db()
    actions = {t.action for t in selectors.request_actions(req, {"officer", "main"})}
    assert not actions & {"copy_payment", "handover"}
    with pytest.raises(ValidationError):
        services.handover_record(request=req, handed_over_on=timezone.localdate(),
                                 method="ambil", received_by="Budi", items="-",
                                 actor=petugas_ppid)


def test_handover_is_recorded_once_shown_to_the_requester_and_printed_as_berita_acara(
        answered, petugas_ppid):
    photocopy = fee_decision(petugas_ppid).fee_items.get(medium="kertas")
    with time_machine.travel(datetime(2026, 11, 12, 14, 0, tzinfo=WIB), tick=False):
        services.copy_payment_record(request=answered, fee_item=photocopy, quantity=37,
                                     paid_on=date(2026, 11, 12), receipt_number="KW-0013",
                                     actor=petugas_ppid)
        services.handover_record(
            request=answered, handed_over_on=date(2026, 11, 12), method="ambil",
            received_by="Budi Santoso", items="Daftar 120 menara (37 lembar fotokopi)",
            actor=petugas_ppid, scan=factories.prepare_pdf())
        services.handover_record(
            request=answered, handed_over_on=date(2026, 11, 12), method="ambil",
            received_by="Budi Santoso", items="Daftar 120 menara (37 lembar fotokopi A4)",
            actor=petugas_ppid)
    answered.refresh_from_db()
    assert answered.handover.items.endswith("A4)") and answered.handover.record_scan
    actions = [e.action for e in audit_trail(answered)]
    assert actions.count("ppid.handed_over") == 1
    assert "ppid.handover_corrected" in actions
    public = [e.action for e in audit_trail(answered, public_only=True)]
    assert "ppid.handed_over" in public and "ppid.handover_corrected" not in public

    data = berita_acara_data(answered, officer=petugas_ppid)
    assert data["opening"].startswith("Pada hari ini, Kamis, tanggal 12 November 2026")
    rows = dict(data["rows"])
    assert rows["Biaya salinan yang dibayar"] == "Rp18.500 (delapan belas ribu lima ratus rupiah)"
    assert rows["Cara penyerahan"] == "diambil langsung"
    assert answered.code in data["statement"]
    assert answered.decision.notice.number.full_number in data["statement"]


def test_berita_acara_pdf_reads_as_the_record_both_sides_sign(client, answered, petugas_ppid,
                                                             tmp_path):
    client.force_login(petugas_ppid)
    response = client.get(reverse("ppid:berita_acara", args=[answered.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
                    .split())
    assert "BERITA ACARA SERAH TERIMA INFORMASI PUBLIK" in text
    assert "PIHAK PERTAMA" in text and "PIHAK KEDUA" in text and answered.code in text
    exe = needs_program("pdftoppm")
    (tmp_path / "ba.pdf").write_bytes(data)
    subprocess.run([exe, "-png", "-r", "30", "-singlefile", str(tmp_path / "ba.pdf"),
                    str(tmp_path / "ba")], check=True)
    assert (tmp_path / "ba.png").read_bytes().startswith(b"\x89PNG")


def test_berita_acara_and_handover_scan_are_for_ppid_staff_only(client, answered,
                                                                 operator_opd):
    client.force_login(operator_opd)
    assert client.get(reverse("ppid:berita_acara", args=[answered.pk])).status_code == 403


def test_exemption_decree_review_reminds_the_ppid_once_from_thirty_days_before(
        db, petugas_ppid, agency_pupr):
    decree = services.service_document_save(document=None, actor=petugas_ppid, data={
        "kind": "pengecualian", "title": "Keputusan PPID tentang Informasi yang Dikecualikan",
        "number": "188.45/3/35.73.112/2026", "issued_on": date(2026, 2, 2)})
    entry = factories.dip_entry(agency_pupr, information_class=InformationClass.DIKECUALIKAN,
                                title="Dokumen lelang sebelum pengumuman", exemption="17b",
                                exempt_until=date(2027, 2, 1))
    services.dip_entry_update(entry=entry, data={"decree": decree}, actor=petugas_ppid)
    entry.refresh_from_db()
    assert entry.exemption_decree == "188.45/3/35.73.112/2026"
    # The review date, left empty, is the earliest term of the entries the decree lists.
    decree = services.service_document_save(document=decree, actor=petugas_ppid,
                                            data={"review_on": None})
    assert decree.review_on == date(2027, 2, 1)

    def sweep(day):
        return services.exemption_review_sweep(now=datetime(*day, 8, 0, tzinfo=WIB))

    assert sweep((2026, 12, 31)) == {"reviews": 0}  # 32 days before
    assert sweep((2027, 1, 2)) == {"reviews": 1}
    assert sweep((2027, 1, 3)) == {"reviews": 0}  # once per review date
    mail = Outbox.objects.get(template="ppid_monev")
    assert "Dokumen lelang sebelum pengumuman" in mail.body_text
    assert mail.recipient == petugas_ppid.email
    # A new review date earns a new reminder.
    services.service_document_save(document=decree, actor=petugas_ppid,
                                   data={"review_on": date(2028, 2, 1)})
    assert sweep((2028, 1, 5)) == {"reviews": 1}


def test_monev_rows_mark_missing_documents_and_the_review_date(db, petugas_ppid):
    today = date(2026, 12, 4)

    def marks():
        return {row.label: row.mark for row in selectors.service_document_rows(today=today)}

    assert set(marks().values()) == {RED}
    fee = fee_decision(petugas_ppid, items=False)
    assert marks()[str(ServiceDocument.Kind.FEE_DECISION.label)] == RED  # no schedule
    services.fee_item_add(decision=fee, actor=petugas_ppid, data={
        "name": "Fotokopi A4", "medium": "kertas", "unit": "lembar", "amount": 500})
    assert marks()[str(ServiceDocument.Kind.FEE_DECISION.label)] == GREEN
    services.service_document_save(document=None, actor=petugas_ppid, data={
        "kind": "pengecualian", "title": "SK Pengecualian", "issued_on": date(2026, 2, 2),
        "review_on": today + timedelta(days=20)})
    assert marks()[str(ServiceDocument.Kind.EXEMPTION_DECREE.label)] == AMBER


def test_a_document_cannot_be_dated_in_the_future(db, petugas_ppid):
    with pytest.raises(ValidationError) as refused:
        services.service_document_save(document=None, actor=petugas_ppid, data={
            "kind": "maklumat", "title": "Maklumat Pelayanan",
            "issued_on": timezone.localdate() + timedelta(days=1)})
    assert "issued_on" in refused.value.message_dict


def test_public_page_lists_published_documents_with_the_fee_schedule(client, db, petugas_ppid):
    fee_decision(petugas_ppid)
    services.service_document_save(document=None, actor=petugas_ppid, data={
        "kind": "maklumat", "title": "Maklumat Pelayanan Informasi Publik",
        "issued_on": date(2026, 1, 2)})
    services.service_document_save(document=None, actor=petugas_ppid, data={
        "kind": "sop", "title": "SOP draf yang belum terbit", "issued_on": date(2026, 1, 2),
        "is_published": False})
    page = client.get(reverse("ppid:service_documents")).content.decode()
    assert "Maklumat Pelayanan Informasi Publik" in page
    assert "Fotokopi A4" in page and "Rp500" in page
    assert "SOP draf yang belum terbit" not in page


def test_only_the_ppid_utama_edits_service_documents(client, db, ppid_pembantu, petugas_ppid):
    client.force_login(ppid_pembantu)
    url = reverse("ppid:service_document_create")
    assert client.get(url).status_code == 200  # reads
    assert client.post(url, {"doc-kind": "maklumat", "doc-title": "X",
                             "doc-issued_on": "2026-01-02"}).status_code == 403
    client.force_login(petugas_ppid)
    response = client.post(url, {"doc-kind": "maklumat", "doc-title": "Maklumat Pelayanan",
                                 "doc-issued_on": "2026-01-02", "doc-is_published": "on"})
    assert response.status_code == 302
    assert ServiceDocument.objects.get().title == "Maklumat Pelayanan"
