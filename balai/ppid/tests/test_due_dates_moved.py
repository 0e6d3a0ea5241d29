"""Due dates follow the holiday table (issue 13, defect 8): when an SKB is amended mid-year
(an admin adds or removes a day), every running PPID clock is counted again, the change is
audited with the days that entered or left the count and shown to the requester; dates
counted on holidays that are not fixed yet (2027 onwards) say so on the page."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.core.calendar import get_work_calendar
from balai.core.models import Holiday
from balai.notifications.models import Outbox
from balai.ppid import services
from balai.ppid.clock import ppid_due_dates_refresh
from balai.ppid.models import InformationRequest
from balai.ppid.tasks import refresh_alarms
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def at(day, month, year=2026, hour=10):
    return time_machine.travel(datetime(year, month, day, hour, 0, tzinfo=WIB), tick=False)


def submitted(day, month, year=2026):
    with at(day, month, year):
        req, secret = services.information_request_submit(
            submission=factories.submission(), documents=factories.prepared_ktp())
    return req, secret


def test_a_cuti_bersama_added_mid_year_moves_the_due_date_audited_and_told(client):
    # Day 0 Mon 2 November 2026: 10 working days, due Mon 16 November.
    req, secret = submitted(2, 11)
    assert req.due_date == date(2026, 11, 16)
    Holiday.objects.create(date=date(2026, 11, 6), name="Cuti bersama tambahan (SKB "
                           "perubahan)", kind=Holiday.Kind.CUTI_BERSAMA,
                           legal_basis="SKB 3 Menteri perubahan 2026")
    assert refresh_alarms.call() == 1  # what the worker runs after the holiday is saved
    req.refresh_from_db()
    assert req.due_date == req.original_due_date == date(2026, 11, 17)
    assert "2026-11-06" in [d["date"] for d in req.deadline_facts["answer"]["skipped"]]
    entry = audit_trail(req).get(action="ppid.due_date_moved")
    assert entry.public
    assert entry.data["from"] == "2026-11-16" and entry.data["to"] == "2026-11-17"
    assert entry.data["added"] == ["2026-11-06 Cuti bersama tambahan (SKB perubahan)"]
    assert Outbox.objects.filter(recipient=req.email, body_text__contains="17 November 2026"
                                 ).exists()
    with at(9, 11):
        html = " ".join(client.get(reverse("ppid:track_detail", args=[req.code]),
                                   {"k": secret}).content.decode().split())
    assert "Dari 16 November 2026 ke 17 November 2026" in html
    assert "Cuti bersama tambahan (SKB perubahan)" in html


def test_a_day_taken_out_of_the_calendar_brings_the_due_date_back():
    row = Holiday.objects.create(date=date(2026, 11, 6), name="Libur daerah")
    req, _secret = submitted(2, 11)
    assert req.due_date == date(2026, 11, 17)
    row.delete()
    assert ppid_due_dates_refresh() == {"requests": 1, "objections": 0}
    req.refresh_from_db()
    assert req.due_date == date(2026, 11, 16)
    entry = audit_trail(req).get(action="ppid.due_date_moved")
    assert entry.data["removed"] == ["2026-11-06 Libur daerah"]
    # Counted again with nothing new: nothing moves, nothing is logged twice.
    assert ppid_due_dates_refresh() == {"requests": 0, "objections": 0}
    assert audit_trail(req).filter(action="ppid.due_date_moved").count() == 1


def test_an_extended_request_keeps_its_seven_days_after_the_new_first_due_date(petugas_ppid):
    req, _secret = submitted(2, 11)
    with at(12, 11):
        services.information_request_extend(request=req, actor=petugas_ppid,
                                             reason="Dokumen tersebar di tiga bidang.")
    req.refresh_from_db()
    assert req.due_date == date(2026, 11, 25)
    Holiday.objects.create(date=date(2026, 11, 20), name="Kantor tutup")
    ppid_due_dates_refresh()
    req.refresh_from_db()
    assert (req.original_due_date, req.due_date) == (date(2026, 11, 16), date(2026, 11, 26))


def test_the_atasans_thirty_days_move_too(signing, petugas_ppid):
    req, _secret = submitted(2, 11)
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid,
                                         now=datetime(2026, 11, 10, 10, tzinfo=WIB))
    with at(11, 11):
        objection = services.objection_file(
            request=req, ground="35_1a", ground_date=date(2026, 11, 10),
            case_summary="Nama pemilik lahan seharusnya tidak dihitamkan.")
    before = objection.due_date
    Holiday.objects.create(date=date(2026, 11, 30), name="Kantor tutup")
    assert ppid_due_dates_refresh() == {"requests": 0, "objections": 1}
    objection.refresh_from_db()
    assert objection.due_date > before
    assert audit_trail(req).filter(action="ppid.objection_due_date_moved", public=True).exists()


def test_answered_requests_are_not_counted_again(signing, petugas_ppid):
    req, _secret = submitted(2, 11)
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid,
                                         now=datetime(2026, 11, 10, 10, tzinfo=WIB))
    Holiday.objects.create(date=date(2026, 11, 6), name="Kantor tutup")
    assert ppid_due_dates_refresh() == {"requests": 0, "objections": 0}
    req.refresh_from_db()
    assert req.due_date == date(2026, 11, 16)


def test_a_date_counted_on_estimated_holidays_says_it_may_move(client):
    # Received Mon 1 March 2027: the span crosses Idul Fitri 2027, an estimate until the
    # government fixes it.
    req, secret = submitted(1, 3, 2027)
    with at(2, 3, 2027):
        html = " ".join(client.get(reverse("ppid:track_detail", args=[req.code]),
                                   {"k": secret}).content.decode().split())
    assert "Tanggal ini masih dapat berubah" in html
    assert "Hari Raya Idul Fitri (perkiraan), 10 Maret 2027" in html


def test_a_date_on_the_decreed_2026_calendar_is_not_marked(client):
    req, secret = submitted(2, 11)
    with at(3, 11):
        html = client.get(reverse("ppid:track_detail", args=[req.code]),
                          {"k": secret}).content.decode()
    assert "deadline-estimated" not in html


def test_the_pinned_holidays_package_carries_the_2026_skb(db):
    cal = get_work_calendar()
    days = [(d, n) for d, n in cal.holidays.items() if d.year == 2026]
    cuti = [d for d, n in days if n.startswith("Cuti Bersama")]
    assert len(days) == 25 and len(cuti) == 8
    assert InformationRequest.objects.count() == 0
