"""The statutory clocks on real 2026 dates: Nyepi, Idul Fitri and their cuti bersama."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from balai.core.calendar import national_calendar
from balai.lib.workdays import clock_start
from balai.ppid import deadlines

CAL = national_calendar()
WIB = ZoneInfo("Asia/Jakarta")


def test_ten_working_days_skip_nyepi_idul_fitri_cuti_bersama_and_good_friday():
    # Monday 16 March 2026 is day 0. Not counted: 18 (cuti Nyepi), 19 (Nyepi), 20 (cuti
    # Idul Fitri), 21–22 (Idul Fitri, weekend), 23–24 (cuti Idul Fitri), 28–29, 3 April
    # (Wafat Yesus Kristus), 4–5.
    deadline = deadlines.answer_deadline(date(2026, 3, 16), CAL)
    assert deadline.due == date(2026, 4, 7)
    skipped = {d.date: d.reason for d in deadline.skipped}
    assert "Cuti Bersama Hari Raya Idul Fitri" in skipped[date(2026, 3, 23)]
    assert "Hari Suci Nyepi" in skipped[date(2026, 3, 19)]
    assert "Wafat Yesus Kristus" in skipped[date(2026, 4, 3)]
    assert date(2026, 3, 17) not in skipped and date(2026, 3, 25) not in skipped


def test_without_cuti_bersama_the_same_request_is_due_earlier():
    without = national_calendar(cuti_bersama=False)
    assert deadlines.answer_deadline(date(2026, 3, 16), without).due == date(2026, 3, 31)


def test_extension_adds_seven_working_days_and_explains_from_day_zero():
    extended = deadlines.extended_deadline(date(2026, 3, 16), date(2026, 4, 7), CAL)
    assert extended.due == date(2026, 4, 16)
    assert extended.workdays == 17
    assert date(2026, 3, 23) in {d.date for d in extended.skipped}


def test_a_request_after_office_hours_on_the_eve_of_the_holidays_starts_after_them():
    # Tuesday 17 March 2026 at 16:30 WIB: the next working day is Wednesday 25 March.
    start = clock_start(datetime(2026, 3, 17, 16, 30, tzinfo=WIB), CAL,
                        office_start=datetime(2026, 1, 1, 8).time(),
                        office_end=datetime(2026, 1, 1, 16).time(), tz=WIB)
    assert start == date(2026, 3, 25)
    assert deadlines.answer_deadline(start, CAL).due == date(2026, 4, 9)


def test_reminder_at_eighty_percent_and_overdue_the_day_after_the_due_date():
    def state(today):
        return deadlines.clock_state(start=date(2026, 3, 16), due=date(2026, 4, 7),
                                     today=today, calendar=CAL)

    assert not state(date(2026, 4, 1)).remind  # 7 of 10
    assert state(date(2026, 4, 2)).remind  # 8 of 10
    assert state(date(2026, 4, 5)).remind  # Easter Sunday: still 8
    assert not state(date(2026, 4, 7)).overdue
    assert state(date(2026, 4, 8)).overdue and not state(date(2026, 4, 8)).remind


def test_objection_and_dispute_windows():
    # Answered Tuesday 7 April 2026: keberatan until 30 working days later (no holiday
    # until 1 May, Ascension 14 May and its cuti bersama 15 May).
    assert deadlines.objection_filing_deadline(date(2026, 4, 7), CAL) == date(2026, 5, 22)
    assert deadlines.dispute_filing_deadline(date(2026, 4, 7), CAL) == date(2026, 4, 27)
