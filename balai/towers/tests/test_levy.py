"""The legacy tower levy: the Perda's dates on real 2026 dates, the formula, and the ledger's
services (new assessments refused without a Perda article, payments, the surat teguran
that restarts the 3 years, the lapse)."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from balai.core.audit import audit_trail
from balai.core.tests.programs import pdf_text
from balai.documents.storage import documents_storage
from balai.towers import levy, services
from balai.towers.models import LevyAssessment
from balai.towers.tests import factories

JKT = ZoneInfo("Asia/Jakarta")
FORMULA = levy.Formula(visits=12, unit_cost=Decimal("150000"), zone=Decimal("1.2"),
                       height=Decimal("1.5"), type=Decimal("1"), distance=Decimal("1.1"))


def test_an_skrd_of_2_january_2026_is_due_on_17_january():
    assert levy.due_date(date(2026, 1, 2)) == date(2026, 1, 17)


def test_the_reminder_may_go_7_days_after_the_due_date_and_gives_7_days():
    assert levy.reminder_from(date(2026, 1, 17)) == date(2026, 1, 24)
    assert levy.reminder_pay_by(date(2026, 1, 26)) == date(2026, 2, 2)


def test_an_objection_runs_two_months_and_ends_on_the_months_last_day_when_shorter():
    assert levy.objection_until(date(2026, 1, 2)) == date(2026, 3, 2)
    assert levy.objection_until(date(2026, 12, 31)) == date(2027, 2, 28)


def test_interest_is_2_percent_a_month_with_a_started_month_counted_whole():
    due = date(2026, 1, 17)
    assert levy.months_late(due, date(2026, 1, 17)) == 0
    assert levy.months_late(due, date(2026, 1, 18)) == 1
    assert levy.months_late(due, date(2026, 2, 17)) == 1
    assert levy.months_late(due, date(2026, 3, 20)) == 3
    assert levy.interest(Decimal("2970000"), due, date(2026, 3, 20)) == Decimal("178200")


def test_collection_lapses_three_years_after_the_skrd_or_after_the_reminder():
    assert levy.lapses_on(date(2026, 1, 2)) == date(2029, 1, 2)
    assert levy.lapses_on(date(2026, 1, 2), date(2026, 1, 26)) == date(2029, 1, 26)


def test_the_formula_is_recorded_as_the_perda_states_it():
    assert FORMULA.amount == Decimal("3564000")
    assert FORMULA.text == ("12 kunjungan × Rp150.000 × koef. zona 1.2 × koef. tinggi 1.5 × "
                            "koef. jenis 1 × koef. jarak 1.1 = Rp3.564.000")


@pytest.mark.django_db
def test_a_new_assessment_is_refused_without_a_perda_article(petugas_menara, settings):
    settings.TOWERS_LEVY_PERDA_ARTICLE = ""
    with pytest.raises(ValidationError) as exc:
        services.levy_assessment_issue(tower=factories.tower(), year=2026, formula=FORMULA,
                                       actor=petugas_menara)
    assert "TOWERS_LEVY_PERDA_ARTICLE" in exc.value.messages[0]
    assert "UU 1/2022" in exc.value.messages[0]
    with pytest.raises(ValidationError):  # a paper SKRD dated after the old Perdas lapsed
        services.levy_assessment_record(tower=factories.tower("MLG-0002"), number="973/1",
                                        year=2024, formula=FORMULA,
                                        issued_on=date(2024, 2, 1),
                                        legal_basis="Perda 1/2011 Pasal 7",
                                        actor=petugas_menara)
    assert not LevyAssessment.objects.exists()


@pytest.mark.django_db
def test_the_refusal_reaches_the_officer_as_a_clear_message(client, petugas_menara, settings):
    settings.TOWERS_LEVY_PERDA_ARTICLE = ""
    factories.tower()
    client.force_login(petugas_menara)
    response = client.post("/menara/staf/retribusi/baru/", {
        "tower_code": "MLG-0001", "year": "2026", "visits": "12", "unit_cost": "150000"})
    assert response.status_code == 400
    assert "Penetapan retribusi baru dimatikan" in response.content.decode()


@pytest.mark.django_db
def test_a_paper_skrd_its_payments_and_its_arrears(petugas_menara, client):
    row = services.levy_assessment_record(
        tower=factories.tower(), number="973/045/35.73.403/2023", year=2023, formula=FORMULA,
        issued_on=date(2023, 3, 1), legal_basis="Perda Kota Malang 4/2012 Pasal 9",
        actor=petugas_menara)
    assert row.due_on == date(2023, 3, 16) and row.lapses_on == date(2026, 3, 1)
    services.levy_payment_record(assessment=row, paid_on=date(2023, 3, 10),
                                 amount=Decimal("1000000"), reference="SSRD 12",
                                 actor=petugas_menara)
    row.refresh_from_db()
    assert row.status == LevyAssessment.Status.UNPAID and row.unpaid == Decimal("2564000")
    client.force_login(petugas_menara)
    page = client.get("/menara/staf/retribusi/").content.decode()
    assert "PT Menara Bersama Nusantara" in page and "2.564.000" in page
    services.levy_payment_record(assessment=row, paid_on=date(2023, 4, 1),
                                 amount=Decimal("2564000"), reference="SSRD 30",
                                 actor=petugas_menara)
    row.refresh_from_db()
    assert row.status == LevyAssessment.Status.PAID
    assert [e.action for e in audit_trail(row)] == [
        "towers.levy_assessed", "towers.levy_paid", "towers.levy_paid"]


@pytest.mark.django_db
def test_the_reminder_is_a_letter_and_restarts_the_three_years(petugas_menara, signing):
    row = services.levy_assessment_record(
        tower=factories.tower(), number="973/046/35.73.403/2023", year=2023, formula=FORMULA,
        issued_on=date(2023, 11, 1), legal_basis="Perda Kota Malang 4/2012 Pasal 9",
        actor=petugas_menara)
    with pytest.raises(ValidationError, match="23/11/2023"):
        services.levy_reminder_issue(assessment=row, actor=petugas_menara,
                                     now=datetime(2023, 11, 20, 9, tzinfo=JKT))
    reminded = services.levy_reminder_issue(assessment=row, actor=petugas_menara,
                                            now=datetime(2026, 1, 26, 9, tzinfo=JKT))
    assert reminded.reminder_on == date(2026, 1, 26)
    assert reminded.lapses_on == date(2029, 1, 26)
    text = re.sub(r"\s+", " ", pdf_text(documents_storage().path(
        reminded.reminder_letter.pdf_path)))
    assert "973/046/35.73.403/2023" in text
    assert "paling lambat 2 Februari 2026" in text
    assert "Rp3.564.000" in text


@pytest.mark.django_db
def test_an_unpaid_assessment_lapses_once_after_three_years(petugas_menara):
    row = services.levy_assessment_record(
        tower=factories.tower(), number="973/001/2021", year=2021, formula=FORMULA,
        issued_on=date(2021, 2, 1), legal_basis="Perda Kota Malang 4/2012 Pasal 9",
        actor=petugas_menara)
    assert services.levy_lapse_sweep(today=date(2024, 1, 31)) == 0
    assert services.levy_lapse_sweep(today=date(2024, 2, 1)) == 1
    assert services.levy_lapse_sweep(today=date(2024, 2, 2)) == 0
    row.refresh_from_db()
    assert row.status == LevyAssessment.Status.LAPSED
    with pytest.raises(ValidationError):
        services.levy_payment_record(assessment=row, paid_on=date(2024, 3, 1),
                                     amount=Decimal(1), reference="x", actor=petugas_menara)


@pytest.mark.django_db
def test_the_ledger_is_refused_to_other_personas(client, operator_opd):
    client.force_login(operator_opd)
    assert client.get("/menara/staf/retribusi/").status_code == 403


# --- objections (keberatan) --------------------------------------------------------------

def paper_skrd(officer, number="973/070/35.73.403/2023", issued_on=date(2023, 11, 1)):
    return services.levy_assessment_record(
        tower=factories.tower(), number=number, year=issued_on.year, formula=FORMULA,
        issued_on=issued_on, legal_basis="Perda Kota Malang 4/2012 Pasal 9", actor=officer)


@pytest.mark.django_db
def test_an_objection_in_time_lowered_in_part_and_a_payment_that_covers_it(petugas_menara):
    row = paper_skrd(petugas_menara)
    assert row.objection_until == date(2024, 1, 1)
    services.levy_payment_record(assessment=row, paid_on=date(2023, 11, 10),
                                 amount=Decimal("3000000"), reference="SSRD 7",
                                 actor=petugas_menara)
    objection = services.levy_objection_file(
        assessment=row, received_on=date(2023, 12, 28), letter_number="MBN/LGL/112/2023",
        grounds="Koefisien ketinggian salah: menara 32 m, bukan 52 m.", actor=petugas_menara,
        today=date(2023, 12, 28))
    assert objection.decide_by == date(2024, 6, 28)
    with pytest.raises(ValidationError) as exc:
        services.levy_objection_decide(objection=objection, decision="partly",
                                       decision_number="188.45/12/35.73.112/2024",
                                       decided_on=date(2024, 3, 4), amount=Decimal("4000000"),
                                       actor=petugas_menara)
    assert exc.value.message_dict["amount"] == [
        "Isi jumlah yang lebih rendah yang ditetapkan keputusan, di atas nol dan di bawah "
        "Rp3.564.000."]
    services.levy_objection_decide(objection=objection, decision="partly",
                                   decision_number="188.45/12/35.73.112/2024",
                                   decided_on=date(2024, 3, 4), amount=Decimal("2376000"),
                                   actor=petugas_menara)
    row.refresh_from_db()
    objection.refresh_from_db()
    assert objection.status == "partly" and objection.amount_after == Decimal("2376000")
    assert row.status == LevyAssessment.Status.PAID and row.amount == Decimal("2376000")
    decided = list(audit_trail(row))[-1]
    assert decided.action == "towers.levy_objection_decided"
    assert decided.data["refund_due"] == "624000"


@pytest.mark.django_db
def test_a_late_objection_needs_the_reason_it_came_late(petugas_menara):
    row = paper_skrd(petugas_menara)
    with pytest.raises(ValidationError) as exc:
        services.levy_objection_file(assessment=row, received_on=date(2024, 1, 2),
                                     letter_number="MBN/LGL/1/2024", grounds="Salah hitung.",
                                     actor=petugas_menara, today=date(2024, 1, 2))
    assert "01/01/2024" in exc.value.message_dict["late_reason"][0]
    objection = services.levy_objection_file(
        assessment=row, received_on=date(2024, 1, 2), letter_number="MBN/LGL/1/2024",
        grounds="Salah hitung.", late_reason="Kantor cabang tutup karena banjir.",
        actor=petugas_menara, today=date(2024, 1, 2))
    assert list(audit_trail(row))[-1].data["late"] is True
    with pytest.raises(ValidationError, match="sudah dicatat"):
        services.levy_objection_file(assessment=row, received_on=date(2024, 1, 3),
                                     letter_number="x", grounds="y", actor=petugas_menara,
                                     today=date(2024, 1, 3))
    services.levy_objection_decide(objection=objection, decision="refuse",
                                   decision_number="188.45/2/2024", decided_on=date(2024, 2, 1),
                                   note="Koefisien sesuai Perda.", actor=petugas_menara)
    row.refresh_from_db()
    assert row.status == LevyAssessment.Status.UNPAID and row.amount == FORMULA.amount


@pytest.mark.django_db
def test_an_objection_not_decided_in_six_months_is_deemed_granted_once(petugas_menara,
                                                                       settings):
    settings.TOWERS_LEVY_PERDA_ARTICLE = "Perda Kota Malang 1/2025 Pasal 12"
    row = paper_skrd(petugas_menara, number="973/010/2026", issued_on=date(2026, 1, 5))
    objection = services.levy_objection_file(
        assessment=row, received_on=date(2026, 2, 27), letter_number="MBN/LGL/9/2026",
        grounds="Menara tidak lagi dipakai sejak 2025.", actor=petugas_menara,
        today=date(2026, 2, 27))
    assert objection.decide_by == date(2026, 8, 27)
    assert services.levy_objection_deemed_sweep(today=date(2026, 8, 27)) == 0
    assert services.levy_objection_deemed_sweep(today=date(2026, 8, 28)) == 1
    assert services.levy_objection_deemed_sweep(today=date(2026, 8, 29)) == 0
    row.refresh_from_db()
    objection.refresh_from_db()
    assert (objection.status, objection.deemed, objection.decided_on) == (
        "granted", True, date(2026, 8, 28))
    assert row.status == LevyAssessment.Status.WITHDRAWN
    assert list(audit_trail(row))[-1].action == "towers.levy_objection_deemed"


@pytest.mark.django_db
def test_the_officer_records_an_objection_and_its_decision_on_the_skrd_page(
        client, petugas_menara, settings):
    settings.TOWERS_LEVY_PERDA_ARTICLE = "Perda Kota Malang 1/2025 Pasal 12"
    row = paper_skrd(petugas_menara, number="973/011/2026", issued_on=date(2026, 1, 5))
    client.force_login(petugas_menara)
    url = f"/menara/staf/retribusi/{row.pk}/"
    assert "Catat keberatan" in client.get(url).content.decode()
    bad = client.post(url + "keberatan/", {"objection-received_on": "",
                                           "objection-letter_number": "MBN/3",
                                           "objection-grounds": ""})
    assert bad.status_code == 400
    assert "Tulis alasan yang diajukan perusahaan." in bad.content.decode()
    ok = client.post(url + "keberatan/", {"objection-received_on": "2026-02-02",
                                          "objection-letter_number": "MBN/3",
                                          "objection-grounds": "Tarif zona keliru."})
    assert ok.status_code == 302
    page = client.get(url).content.decode()
    assert "Keberatan tidak menunda kewajiban membayar" in page
    assert "2 Agustus 2026" in page  # decided by: six months after receipt
    done = client.post(url + "keberatan/putusan/", {
        "decision-decision": "grant", "decision-decision_number": "188.45/20/2026",
        "decision-decided_on": "2026-03-02", "decision-note": "Zona salah diterapkan."})
    assert done.status_code == 302
    row.refresh_from_db()
    assert row.status == LevyAssessment.Status.WITHDRAWN


# --- STRD --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_strd_bills_the_interest_on_real_2026_dates_and_its_letter_says_so(
        petugas_menara, signing, settings, client):
    settings.TOWERS_LEVY_PERDA_ARTICLE = "Perda Kota Malang 1/2025 Pasal 12"
    row = paper_skrd(petugas_menara, number="973/012/2026", issued_on=date(2026, 1, 5))
    assert row.due_on == date(2026, 1, 20)
    with pytest.raises(ValidationError, match="20/01/2026"):
        services.levy_bill_issue(assessment=row, actor=petugas_menara,
                                 now=datetime(2026, 1, 20, 15, tzinfo=JKT))
    # 20 January -> 25 March: two whole months and a part of a third, so 3 × 2 %.
    bill = services.levy_bill_issue(assessment=row, actor=petugas_menara,
                                    now=datetime(2026, 3, 25, 9, tzinfo=JKT))
    assert (bill.months_late, bill.principal, bill.interest, bill.total) == (
        3, Decimal("3564000"), Decimal("213840"), Decimal("3777840"))
    text = re.sub(r"\s+", " ", pdf_text(documents_storage().path(bill.letter.pdf_path)))
    assert "STRD" in text and "973/012/2026" in text
    assert "20 Januari 2026" in text and "Rp213.840" in text and "Rp3.777.840" in text
    with pytest.raises(ValidationError, match="sudah diterbitkan hari ini"):
        services.levy_bill_issue(assessment=row, actor=petugas_menara,
                                 now=datetime(2026, 3, 25, 14, tzinfo=JKT))
    row.refresh_from_db()
    assert row.lapses_on == date(2029, 1, 5)  # an STRD does not restart the 3 years
    client.force_login(petugas_menara)
    page = client.get(f"/menara/staf/retribusi/{row.pk}/").content.decode()
    assert bill.letter.number.full_number in page and "3.777.840" in page


@pytest.mark.django_db
def test_an_strd_that_cannot_be_recorded_has_its_letter_number_cancelled(
        petugas_menara, signing, settings, monkeypatch):
    from balai.documents.models import LetterNumber
    from balai.towers.models import LevyBill

    settings.TOWERS_LEVY_PERDA_ARTICLE = "Perda Kota Malang 1/2025 Pasal 12"
    row = paper_skrd(petugas_menara, number="973/013/2026", issued_on=date(2026, 1, 5))

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(LevyBill.objects, "create", broken)
    with pytest.raises(RuntimeError):
        services.levy_bill_issue(assessment=row, actor=petugas_menara,
                                 now=datetime(2026, 3, 25, 9, tzinfo=JKT))
    number = LetterNumber.objects.get()
    assert number.status == LetterNumber.Status.CANCELLED
    assert number.cancel_reason == "STRD not recorded (RuntimeError: disk full)"
