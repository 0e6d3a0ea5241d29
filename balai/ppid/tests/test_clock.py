"""The stored clock with frozen time: extension, delegation, reminders, overdue."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.notifications.models import Outbox
from balai.ppid import services
from balai.ppid.clock import ppid_deadline_sweep
from balai.ppid.errors import PpidTransitionError
from balai.ppid.models import InformationRequest
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
MON_16_MARCH = datetime(2026, 3, 16, 10, 0, tzinfo=WIB)


def at(day: int, month: int = 4, hour: int = 9):
    return time_machine.travel(datetime(2026, month, day, hour, 0, tzinfo=WIB), tick=False)


@pytest.fixture
def req(db):
    with time_machine.travel(MON_16_MARCH, tick=False):
        return factories.request()


def test_due_date_is_stored_with_the_days_skipped(req):
    assert req.clock_start == date(2026, 3, 16)
    assert req.due_date == req.original_due_date == date(2026, 4, 7)
    skipped = {d["date"] for d in req.deadline_facts["answer"]["skipped"]}
    assert "2026-03-23" in skipped and "2026-04-03" in skipped


def test_requester_sees_the_due_date_and_the_days_not_counted(client, req):
    html = client.get(reverse("ppid:track_detail", args=[req.code]),
                      {"k": "x"}).content.decode()
    assert "7 April 2026" in html  # everyone sees the date
    with time_machine.travel(MON_16_MARCH, tick=False):
        r2, secret = services.information_request_submit(
            submission=factories.submission(), documents=factories.prepared_ktp())
    html = client.get(reverse("ppid:track_detail", args=[r2.code]),
                      {"k": secret}).content.decode()
    assert "Cuti Bersama Hari Raya Idul Fitri" in html
    assert "Wafat Yesus Kristus" in html


def test_extension_once_with_a_reason(req, petugas_ppid):
    with at(6):
        services.information_request_extend(request=req, actor=petugas_ppid,
                                            reason="Dokumen tersebar di tiga bidang.")
    req.refresh_from_db()
    assert req.due_date == date(2026, 4, 16) and req.original_due_date == date(2026, 4, 7)
    assert req.deadline_facts["extended"]["due"] == "2026-04-16"
    entry = audit_trail(req).filter(action="ppid.extended").get()
    assert entry.public and entry.data["reason"] == "Dokumen tersebar di tiga bidang."
    mail = Outbox.objects.get(dedupe_key__startswith=f"ppid:{req.pk}:extended:email")
    assert "16 April 2026" in mail.body_text and "tiga bidang" in mail.body_text
    with at(7), pytest.raises(PpidTransitionError, match="satu kali perpanjangan"):
        services.information_request_extend(request=req, actor=petugas_ppid,
                                            reason="Sekali lagi, mohon maaf.")


def test_extension_needs_a_written_reason_and_comes_before_the_due_date(req, petugas_ppid):
    with at(6), pytest.raises(Exception, match="alasan"):
        services.information_request_extend(request=req, actor=petugas_ppid, reason="  ")
    with at(8), pytest.raises(PpidTransitionError, match="sudah lewat"):
        services.information_request_extend(request=req, actor=petugas_ppid,
                                            reason="Terlambat mengajukan perpanjangan.")
    req.refresh_from_db()
    assert req.extended_at is None


def test_delegation_keeps_the_clock_and_tells_the_pembantu(req, petugas_ppid, ppid_pembantu,
                                                          agency_pupr):
    with at(20, month=3):
        services.information_request_delegate(request=req, agency=agency_pupr,
                                              note="Mohon siapkan data menara.",
                                              actor=petugas_ppid)
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.IN_PROGRESS
    assert req.delegated_to == agency_pupr and req.due_date == date(2026, 4, 7)
    assert Outbox.objects.filter(recipient=ppid_pembantu.email,
                                 body_text__contains="7 April 2026").exists()


def test_reminder_at_eighty_percent_once_and_overdue_flag(req, petugas_ppid):
    with at(1):
        assert ppid_deadline_sweep() == {"reminded": 0, "overdue": 0}
    with at(2):
        assert ppid_deadline_sweep() == {"reminded": 1, "overdue": 0}
        assert ppid_deadline_sweep() == {"reminded": 0, "overdue": 0}  # claimed once
    assert Outbox.objects.filter(recipient=petugas_ppid.email,
                                 subject__contains="hampir tiba").count() == 1
    with at(7, hour=15):
        assert ppid_deadline_sweep()["overdue"] == 0
    with at(8):
        assert ppid_deadline_sweep() == {"reminded": 0, "overdue": 1}
        assert ppid_deadline_sweep() == {"reminded": 0, "overdue": 0}
    req.refresh_from_db()
    assert req.overdue_flagged_for == date(2026, 4, 7)
    assert [e.action for e in audit_trail(req)][-2:] == ["ppid.reminder", "ppid.overdue"]


def test_an_extension_earns_a_new_reminder_for_the_new_due_date(req, petugas_ppid):
    with at(2):
        ppid_deadline_sweep()
        services.information_request_extend(request=req, actor=petugas_ppid,
                                            reason="Perlu konsultasi dengan bidang hukum.")
    with at(14):  # 15 of 17 working days
        assert ppid_deadline_sweep() == {"reminded": 1, "overdue": 0}


def test_reminder_goes_to_the_pembantu_once_delegated(req, petugas_ppid, ppid_pembantu,
                                                      ppid_pembantu_other, agency_pupr):
    services_delegate = services.information_request_delegate
    with at(20, month=3):
        services_delegate(request=req, agency=agency_pupr, actor=petugas_ppid)
    with at(2):
        ppid_deadline_sweep()
    reminded = set(Outbox.objects.filter(subject__contains="hampir tiba")
                   .values_list("recipient", flat=True))
    assert reminded == {ppid_pembantu.email}


def test_the_worker_runs_the_sweep():
    from balai.core.periodic import REGISTRY

    assert "ppid.deadline_sweep" in REGISTRY


def _agrees_with_the_clock(case, first: date, days: int = 40) -> None:
    """On every day, the stored alarm days say what the live clock says."""
    from balai.core.calendar import get_work_calendar
    from balai.lib.workdays import clock

    case.refresh_from_db()
    for n in range(days):
        day = date.fromordinal(first.toordinal() + n)
        live = clock(start=case.clock_start, due=case.due_date, today=day,
                     calendar=get_work_calendar())
        assert live.overdue == (day >= case.overdue_on), day
        assert live.warn == (case.warn_on <= day < case.overdue_on), day


def test_the_alarm_days_are_stored_with_the_due_date_and_move_with_the_extension(
        req, petugas_ppid):
    # Day 0 Mon 16 March, due Tue 7 April 2026 (10 working days across Nyepi, Idul Fitri
    # and Good Friday): the reminder from the 8th working day, overdue from 8 April.
    assert (req.warn_on, req.overdue_on) == (date(2026, 4, 2), date(2026, 4, 8))
    _agrees_with_the_clock(req, date(2026, 3, 16))
    with at(6):
        services.information_request_extend(request=req, actor=petugas_ppid,
                                            reason="Dokumen tersebar di tiga bidang.")
    req.refresh_from_db()
    assert req.overdue_on == date(2026, 4, 17)  # the day after the new due date
    _agrees_with_the_clock(req, date(2026, 3, 16))


def test_a_new_holiday_moves_the_overdue_day(req, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from balai.core.models import Holiday
    from balai.ppid.tasks import refresh_alarms

    with django_capture_on_commit_callbacks(execute=True):
        Holiday.objects.create(date=date(2026, 4, 8), name="Hari jadi kota")
    assert DBTaskResult.objects.filter(task_path="balai.ppid.tasks.refresh_alarms").exists()
    assert refresh_alarms.call() == 1  # what the worker runs
    req.refresh_from_db()
    assert req.overdue_on == date(2026, 4, 9)
    with at(8):
        assert ppid_deadline_sweep()["overdue"] == 0
    with at(9):
        assert ppid_deadline_sweep()["overdue"] == 1
