"""The installation's calendar: package holidays, admin Holiday rows, cache (DESIGN.md §3)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from balai.core import calendar as core_calendar
from balai.core.calendar import (
    deadline_for,
    get_work_calendar,
    invalidate_work_calendar,
    work_calendar,
)
from balai.core.models import Holiday
from balai.lib.workdays import add_workdays

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def fresh_calendar():
    # Rows made in a test are rolled back without a post_delete; start and end clean.
    invalidate_work_calendar()
    yield
    invalidate_work_calendar()


@pytest.fixture
def office_hours(settings):
    settings.OFFICE_HOURS_START = "08:00"
    settings.OFFICE_HOURS_END = "16:00"
    settings.TIME_ZONE = "Asia/Jakarta"


def test_calendar_has_idul_fitri_2026_and_its_cuti_bersama_in_indonesian(db):
    cal = get_work_calendar()
    assert cal.holidays[date(2026, 3, 21)] == "Hari Raya Idul Fitri"
    assert cal.holidays[date(2026, 3, 20)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert cal.holidays[date(2026, 3, 18)] == "Cuti Bersama Hari Suci Nyepi"


def test_cuti_bersama_can_be_left_out_for_regions_that_work_them(db, settings):
    settings.WORKDAYS_CUTI_BERSAMA = False
    cal = get_work_calendar()
    assert cal.is_workday(date(2026, 3, 20))
    assert not cal.is_workday(date(2026, 3, 19))


def test_admin_holiday_row_shifts_the_due_date(db):
    before = add_workdays(date(2026, 4, 6), 3, get_work_calendar())
    assert before == date(2026, 4, 9)
    Holiday.objects.create(date=date(2026, 4, 8), name="Hari Jadi Kota Malang",
                           kind=Holiday.Kind.REGIONAL)
    cal = get_work_calendar()
    assert add_workdays(date(2026, 4, 6), 3, cal) == date(2026, 4, 10)
    assert cal.reason(date(2026, 4, 8)) == "Hari Jadi Kota Malang"


def test_deleting_an_admin_holiday_brings_the_day_back(db):
    row = Holiday.objects.create(date=date(2026, 4, 8), name="Kantor tutup")
    assert not get_work_calendar().is_workday(date(2026, 4, 8))
    row.delete()
    assert get_work_calendar().is_workday(date(2026, 4, 8))


def test_renaming_an_admin_holiday_renames_the_reason(db):
    row = Holiday.objects.create(date=date(2026, 4, 8), name="Kantor tutup")
    assert get_work_calendar().reason(date(2026, 4, 8)) == "Kantor tutup"
    row.name = "Kantor tutup (pindah gedung)"
    row.save(update_fields=["name", "updated_at"])
    assert get_work_calendar().reason(date(2026, 4, 8)) == "Kantor tutup (pindah gedung)"


def test_saving_a_holiday_drops_the_cached_calendar_at_once(db):
    get_work_calendar()
    assert core_calendar._cached is not None
    Holiday.objects.create(date=date(2026, 4, 8), name="Kantor tutup")
    assert core_calendar._cached is None


def test_calendar_is_reused_while_holidays_are_unchanged(db, django_assert_num_queries):
    first = get_work_calendar()
    with django_assert_num_queries(1):  # the fingerprint, no rebuild
        assert get_work_calendar() is first


def test_change_made_elsewhere_is_seen_without_a_signal(db):
    # Another process (or a bulk write) changes the table: no signal reaches this one.
    get_work_calendar()
    Holiday.objects.bulk_create([Holiday(date=date(2026, 4, 8), name="Libur daerah")])
    assert not get_work_calendar().is_workday(date(2026, 4, 8))


def test_rolled_back_holiday_does_not_linger_in_the_cache(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        Holiday.objects.create(date=date(2026, 4, 8), name="Batal")
        assert not get_work_calendar().is_workday(date(2026, 4, 8))
        raise RuntimeError("rollback")
    assert get_work_calendar().is_workday(date(2026, 4, 8))


def test_admin_holiday_on_a_national_holiday_keeps_both_names(db):
    Holiday.objects.create(date=date(2026, 3, 19), name="Libur daerah")
    assert work_calendar().holidays[date(2026, 3, 19)] == "Hari Suci Nyepi; Libur daerah"


def test_holiday_without_a_name_is_explained_by_its_kind(db):
    Holiday.objects.create(date=date(2026, 4, 8), name="", kind=Holiday.Kind.OFFICE_CLOSURE)
    assert get_work_calendar().reason(date(2026, 4, 8)) == str(
        Holiday.Kind.OFFICE_CLOSURE.label)


def test_deadline_for_request_after_office_hours_starts_after_lebaran(db, office_hours):
    deadline = deadline_for(datetime(2026, 3, 17, 17, 30, tzinfo=WIB), 10)
    assert deadline.start == date(2026, 3, 25)
    assert deadline.due == date(2026, 4, 9)


def test_deadline_for_request_on_saturday_starts_monday(db, office_hours):
    deadline = deadline_for(datetime(2026, 3, 14, 9, 0, tzinfo=WIB), 10)
    assert deadline.start == date(2026, 3, 16)
    # 17 Mar, then 25, 26, 27, 30, 31 Mar, 1, 2, 6, 7 Apr.
    assert deadline.due == date(2026, 4, 7)


def test_deadline_for_a_date_takes_it_as_day_zero(db):
    assert deadline_for(date(2026, 3, 17), 10).due == date(2026, 4, 8)


def test_office_hours_come_from_settings(db, settings):
    settings.OFFICE_HOURS_END = "18:00"
    deadline = deadline_for(datetime(2026, 3, 17, 17, 30, tzinfo=WIB), 1)
    assert deadline.start == date(2026, 3, 17)
    assert deadline.due == date(2026, 3, 25)


def test_receipt_day_is_read_in_the_installation_zone(db, settings):
    settings.TIME_ZONE = "Asia/Jayapura"  # WIT, UTC+9: 15:30 WIB is 17:30 WIT
    deadline = deadline_for(datetime(2026, 3, 16, 15, 30, tzinfo=WIB), 1)
    assert deadline.start == date(2026, 3, 17)


@time_machine.travel(datetime(2026, 3, 17, 17, 30, tzinfo=WIB), tick=False)
def test_request_received_now_after_hours_on_17_march_2026(db, office_hours):
    deadline = deadline_for(timezone.now(), 10)
    assert (deadline.start, deadline.due) == (date(2026, 3, 25), date(2026, 4, 9))


@time_machine.travel(datetime(2026, 3, 21, 10, 0, tzinfo=WIB), tick=False)
def test_request_received_now_on_idul_fitri_counts_from_25_march(db, office_hours):
    assert deadline_for(timezone.now(), 0).start == date(2026, 3, 25)


@time_machine.travel(datetime(2031, 1, 1, tzinfo=WIB), tick=False)
def test_calendar_does_not_depend_on_today(db):
    assert get_work_calendar().holidays[date(2026, 3, 19)] == "Hari Suci Nyepi"
