"""Sengketa: recorded within 14 working days of the atasan's answer, followed to a decision."""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.core.calendar import get_work_calendar
from balai.core.tests.programs import pdf_text
from balai.documents.storage import documents_storage
from balai.ppid import services
from balai.ppid.errors import PpidTransitionError
from balai.ppid.models import Dispute, InformationRequest
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def at(day, month):
    return time_machine.travel(datetime(2026, month, day, 10, 0, tzinfo=WIB), tick=False)


def refused_and_objected(officer, *, received: date, decided: date, objected: date,
                         delivery: str = "email"):
    """A request partly refused on Art. 17(h), and a keberatan on ground 35(1)(a)."""
    with at(received.day, received.month):
        req, secret = services.information_request_submit(
            submission=factories.submission(delivery_method=delivery),
            documents=factories.prepared_ktp())
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=officer,
                                         now=datetime.combine(decided, time(10), tzinfo=WIB))
    with at(objected.day, objected.month):
        objection = services.objection_file(request=req, ground="35_1a", ground_date=decided,
                                            case_summary="Nama pemilik lahan harus dibuka.")
    return req, secret, objection


@pytest.fixture
def objected(signing, petugas_ppid):
    return refused_and_objected(petugas_ppid, received=date(2026, 3, 16),
                                decided=date(2026, 4, 7), objected=date(2026, 4, 8))


def record(req, **extra):
    values = {"filed_by": "pemohon", "filed_on": date(2026, 5, 4),
              "commission": "Komisi Informasi Provinsi Jawa Timur"}
    values.update(extra)
    return services.dispute_record(request=req, **values)


def decide(objection, atasan):
    return services.objection_decide(objection=objection, outcome="ditolak", actor=atasan,
                                     reasons="Pengecualian data pribadi sudah tepat.",
                                     now=datetime(2026, 4, 20, 10, tzinfo=WIB))


def test_dispute_within_fourteen_working_days_of_the_atasans_decision(objected, atasan_ppid):
    req, _secret, objection = objected
    decide(objection, atasan_ppid)
    with at(4, 5):
        dispute = record(req)
    assert dispute.filing_deadline == date(2026, 5, 11) and dispute.objection == objection
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.DISPUTE
    with at(12, 5), pytest.raises(PpidTransitionError):
        record(req)  # one open dispute at a time


def test_a_late_dispute_is_refused_with_the_last_day(objected, atasan_ppid):
    req, _secret, objection = objected
    decide(objection, atasan_ppid)
    with at(12, 5), pytest.raises(ValidationError, match="11 Mei 2026"):
        record(req, filed_on=date(2026, 5, 12))


def test_no_dispute_before_the_atasan_had_the_chance_to_decide(objected):
    req, _secret, _objection = objected
    with at(20, 4), pytest.raises(PpidTransitionError, match="keberatan"):
        record(req, filed_on=date(2026, 4, 20))
    # The atasan's 30 working days ran out on 25 May 2026 with no decision.
    with at(27, 5):
        dispute = record(req, filed_on=date(2026, 5, 27))
    # 14 working days from 25 May 2026, past Idul Adha (27–28 May), Pancasila (1 June) and
    # Tahun Baru Islam (16 June).
    assert dispute.filing_deadline == date(2026, 6, 18)


def test_stages_to_a_decision_close_the_request(objected, atasan_ppid, petugas_ppid):
    req, _secret, objection = objected
    decide(objection, atasan_ppid)
    with at(4, 5):
        dispute = record(req, filed_by="petugas")
        services.dispute_update(dispute=dispute, stage="teregistrasi", actor=petugas_ppid,
                                registration_number="012/V/KI-JATIM-PS/2026")
        services.dispute_update(dispute=dispute, stage="mediasi", actor=petugas_ppid,
                                settlement_started_on=date(2026, 5, 4),
                                mediation_result="Mediasi gagal; lanjut ajudikasi.")
        with pytest.raises(ValidationError):
            services.dispute_update(dispute=dispute, stage="teregistrasi", actor=petugas_ppid)
        with pytest.raises(ValidationError):
            services.dispute_update(dispute=dispute, stage="diputus", actor=petugas_ppid)
        with pytest.raises(ValidationError, match="tidak boleh di masa depan"):
            services.dispute_update(dispute=dispute, stage="diputus", actor=petugas_ppid,
                                    decision_date=date(2026, 8, 3),
                                    decision_summary="Permohonan pemohon ditolak.")
        with pytest.raises(ValidationError, match="sebelum sengketa diajukan"):
            services.dispute_update(dispute=dispute, stage="diputus", actor=petugas_ppid,
                                    decision_date=date(2026, 4, 1),
                                    decision_summary="Permohonan pemohon ditolak.")
    with at(3, 8):
        services.dispute_update(dispute=dispute, stage="diputus", actor=petugas_ppid,
                                decision_date=date(2026, 8, 3),
                                decision_summary="Permohonan pemohon ditolak.")
    dispute.refresh_from_db()
    req.refresh_from_db()
    assert dispute.stage == Dispute.Stage.DECIDED
    assert dispute.registration_number == "012/V/KI-JATIM-PS/2026"
    assert req.status == InformationRequest.Status.CLOSED
    actions = [e.action for e in audit_trail(req).order_by("id")]
    assert actions[-4:] == ["ppid.dispute_updated", "ppid.dispute_updated",
                            "ppid.dispute_updated", "ppid.closed"]


def test_requester_records_through_the_link_and_sees_it(client, objected, atasan_ppid):
    req, secret, objection = objected
    decide(objection, atasan_ppid)
    url = reverse("ppid:dispute_form", args=[req.code])
    assert client.get(url).status_code == 404
    with at(4, 5):
        response = client.post(f"{url}?k={secret}", {
            "commission": "Komisi Informasi Provinsi Jawa Timur", "filed_on": "2026-05-04",
            "registration_number": ""})
        assert response.status_code == 302
        html = client.get(reverse("ppid:track_detail", args=[req.code])
                          ).content.decode()
    assert "Komisi Informasi Provinsi Jawa Timur" in html
    assert req.disputes.get().filed_by == "pemohon"


@pytest.fixture
def disputed(objected, atasan_ppid):
    """A dispute filed at the commission on Monday 4 May 2026, registered."""
    req, secret, objection = objected
    decide(objection, atasan_ppid)
    with at(4, 5):
        dispute = record(req, registration_number="012/V/KI-JATIM-PS/2026")
    return req, secret, dispute


def test_mediation_is_recorded_with_the_day_the_commission_began(disputed, petugas_ppid):
    _req, _secret, dispute = disputed

    def update(day, month, **values):
        with at(day, month):
            return services.dispute_update(dispute=dispute, actor=petugas_ppid, **values)

    with pytest.raises(ValidationError, match="hari Komisi Informasi mulai") as missing:
        update(20, 5, stage="mediasi")
    assert list(missing.value.message_dict) == ["settlement_started_on"]
    with pytest.raises(ValidationError, match="sebelum sengketa diajukan pada 4 Mei 2026"):
        update(20, 5, stage="mediasi", settlement_started_on=date(2026, 5, 1))
    with pytest.raises(ValidationError, match="masa depan"):
        update(20, 5, stage="mediasi", settlement_started_on=date(2026, 5, 21))
    with pytest.raises(ValidationError, match="mediasi atau ajudikasi"):
        update(20, 5, stage="teregistrasi", settlement_started_on=date(2026, 5, 19))
    update(20, 5, stage="mediasi", settlement_started_on=date(2026, 5, 19))
    # Adjudication after mediation keeps the first start; a decision cannot precede it.
    update(2, 6, stage="ajudikasi")
    with pytest.raises(ValidationError, match="19 Mei 2026"):
        update(3, 8, stage="diputus", decision_date=date(2026, 5, 18), decision_summary="x")
    dispute.refresh_from_db()
    assert dispute.stage == "ajudikasi"
    assert dispute.settlement_started_on == date(2026, 5, 19)
    entry = audit_trail(dispute).filter(action="ppid.dispute_updated").first()
    assert entry.data["settlement_started_on"] == "2026-05-19"


def staff_page(client, req):
    return client.get(reverse("ppid:staff_detail", args=[req.pk])
                      ).content.decode()


def test_the_staff_page_shows_the_commissions_dates_and_a_late_start(client, disputed,
                                                                     petugas_ppid):
    req, _secret, dispute = disputed
    client.force_login(petugas_ppid)
    with at(20, 5):
        html = staff_page(client, req)
    # 14 and 100 working days from 4 May 2026, past Kenaikan (14–15 May), Idul Adha (27–28
    # May), Pancasila (1 June), Tahun Baru Islam (16 June), 17 and 25 August.
    assert "Selasa, 26 Mei 2026" in html and "Kamis, 1 Oktober 2026" in html
    assert "Cuti Bersama Hari Raya Idul Adha" in html and "Maulid Nabi Muhammad" in html
    assert "melewati batas Pasal 38" not in html.lower()
    with at(27, 5):
        assert "Belum dimulai, melewati batas Pasal 38(1)" in staff_page(client, req)
    url = reverse("ppid:staff_action", args=[req.pk, "dispute_update"])
    with at(29, 5):
        response = client.post(url, {"dispute_update-stage": "mediasi",
                                     "dispute_update-settlement_started_on": "2026-05-27"},
                               follow=True)
    html = response.content.decode()
    assert "Dimulai melewati batas Pasal 38(1)" in html and "dimulai 27 Mei 2026" in html
    dispute.refresh_from_db()
    assert dispute.settlement_started_on == date(2026, 5, 27)


def test_a_dispute_still_open_after_a_hundred_working_days_is_flagged(client, disputed,
                                                                      petugas_ppid):
    req, _secret, dispute = disputed
    client.force_login(petugas_ppid)
    url = reverse("ppid:staff_action", args=[req.pk, "dispute_update"])
    with at(20, 5):
        response = client.post(url, {"dispute_update-stage": "mediasi"}, follow=True)
    assert "Masukkan hari Komisi Informasi mulai" in response.content.decode()
    with at(20, 5):
        client.post(url, {"dispute_update-stage": "mediasi",
                          "dispute_update-settlement_started_on": "2026-05-19"})
    with at(1, 10):
        assert "Melewati batas Pasal 38(2)" not in staff_page(client, req)
    with at(2, 10):
        assert "Melewati batas Pasal 38(2)" in staff_page(client, req)
        services.dispute_update(dispute=dispute, stage="diputus", actor=petugas_ppid,
                                decision_date=date(2026, 10, 2),
                                decision_summary="Informasi dinyatakan terbuka.")
        html = staff_page(client, req)
    assert "Diputus melewati batas Pasal 38(2)" in html
    assert "Melewati batas Pasal 38(2)" not in html


def test_the_requester_sees_when_the_commission_must_act(client, disputed):
    req, secret, _dispute = disputed
    url = reverse("ppid:track_detail", args=[req.code])
    with at(20, 5):
        html = client.get(url, {"k": secret}).content.decode()
        public = Client().get(url).content.decode()  # no link, no session
    assert "Komisi Informasi harus mulai paling lambat" in html
    assert "Selasa, 26 Mei 2026" in html and "Kamis, 1 Oktober 2026" in html
    assert "100 hari kerja" in html and "Cuti Bersama Kenaikan Yesus Kristus" in html
    assert "1 Oktober 2026" not in public  # without the link: status and dates only


def test_a_dispute_after_a_second_lapsed_objection_counts_from_that_objection(
        signing, petugas_ppid, atasan_ppid):
    """Issue 13, defect 2: keberatan 1 decided on 20 January 2026 (window to 9 February);
    keberatan 2 filed 2 February lapsed unanswered on 25 March (window to 15 April): a
    dispute filed 30 March is about keberatan 2 and is in time."""
    req, _secret, first = refused_and_objected(
        petugas_ppid, received=date(2026, 1, 5), decided=date(2026, 1, 12),
        objected=date(2026, 1, 13))
    services.objection_decide(objection=first, outcome="ditolak", actor=atasan_ppid,
                              reasons="Pengecualian data pribadi sudah tepat.",
                              now=datetime(2026, 1, 20, 10, tzinfo=WIB))
    with at(20, 1):
        assert services.dispute_window(req, get_work_calendar()) == (first, date(2026, 2, 9))
    with at(2, 2):
        second = services.objection_file(request=req, ground="35_1d",
                                         ground_date=date(2026, 1, 12),
                                         case_summary="Daftar yang diberikan tidak memuat "
                                                      "lokasi menara yang diminta.")
    assert second.due_date == date(2026, 3, 25)
    with at(30, 3):
        dispute = record(req, filed_on=date(2026, 3, 30))
    assert dispute.objection == second
    assert dispute.filing_deadline == date(2026, 4, 15)


def letter_text(objection) -> str:
    path = documents_storage().path(objection.decision_document.pdf_path)
    return re.sub(r"\s+", " ", pdf_text(path))


def test_an_answer_sent_electronically_counts_as_received_on_the_day_it_was_sent(
        client, objected, atasan_ppid):
    req, secret, objection = objected
    decided = decide(objection, atasan_ppid)
    assert decided.answer_delivery == "elektronik"
    assert decided.answer_received_on == date(2026, 4, 20)
    # 14 working days from Monday 20 April 2026 (1 May is a holiday).
    assert decided.dispute_deadline == date(2026, 5, 11)
    text = letter_text(decided)
    assert "paling lambat 11 Mei 2026" in text
    assert "dikirim kepada Saudara secara elektronik pada 20 April 2026" in text
    html = client.get(reverse("ppid:track_detail", args=[req.code]),
                      {"k": secret}).content.decode()
    assert "Senin, 11 Mei 2026" in html and "hari dikirimnya" in html


def test_an_answer_sent_by_post_counts_from_the_delivery_date_the_staff_record(
        client, signing, petugas_ppid, atasan_ppid):
    """Issue 13, defect 3: the 14 working days run from the requester's receipt of the
    atasan's answer (UU 14/2008 Pasal 37(2)), not from the decision."""
    req, secret, objection = refused_and_objected(
        petugas_ppid, received=date(2026, 3, 16), decided=date(2026, 4, 7),
        objected=date(2026, 4, 8), delivery="pos")
    decided = decide(objection, atasan_ppid)  # Monday 20 April 2026
    assert decided.answer_delivery == "pos" and decided.answer_received_on is None
    assert decided.dispute_deadline is None
    assert "tanggal penerimaan pada tanda terima" in letter_text(decided)
    track = reverse("ppid:track_detail", args=[req.code])
    assert "tanggal penerimaan pada tanda terima" in client.get(
        track, {"k": secret}).content.decode()
    client.force_login(petugas_ppid)
    url = reverse("ppid:objection_received", args=[objection.pk])
    with at(28, 4):
        response = client.post(url, {"received_on": "2026-04-19"})
        assert "antara putusan (20 April 2026) dan hari ini" in response.content.decode()
        response = client.post(url, {"received_on": "2026-04-27"})
    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.answer_received_on == date(2026, 4, 27)
    # 14 working days from Monday 27 April 2026, past 1 May and 14–15 May.
    assert decided.dispute_deadline == date(2026, 5, 20)
    assert audit_trail(req).filter(action="ppid.objection_answer_received").exists()
    client.logout()
    html = client.get(track, {"k": secret}).content.decode()
    assert "27 April 2026" in html and "Rabu, 20 Mei 2026" in html
    with at(19, 5):
        dispute = record(req, filed_on=date(2026, 5, 19))
    assert dispute.filing_deadline == date(2026, 5, 20)
