"""The statutory clocks on real 2026 dates: Nyepi, Idul Fitri and their cuti bersama."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from balai.core.calendar import national_calendar
from balai.lib.workdays import clock, clock_start
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
        return clock(start=date(2026, 3, 16), due=date(2026, 4, 7),
                                     today=today, calendar=CAL)

    assert not state(date(2026, 4, 1)).warn  # 7 of 10
    assert state(date(2026, 4, 2)).warn  # 8 of 10
    assert state(date(2026, 4, 5)).warn  # Easter Sunday: still 8
    assert not state(date(2026, 4, 7)).overdue
    assert state(date(2026, 4, 8)).overdue and not state(date(2026, 4, 8)).warn


def test_objection_and_dispute_windows():
    # Answered Tuesday 7 April 2026: keberatan until 30 working days later (no holiday
    # until 1 May, Ascension 14 May and its cuti bersama 15 May).
    assert deadlines.objection_filing_deadline(date(2026, 4, 7), CAL) == date(2026, 5, 22)
    assert deadlines.dispute_filing_deadline(date(2026, 4, 7), CAL) == date(2026, 4, 27)


def commission(filed_on=date(2026, 3, 9), *, started_on=None, decided_on=None, is_open=True,
               today=date(2026, 3, 9), calendar=CAL):
    return deadlines.commission_timeline(filed_on=filed_on, started_on=started_on,
                                         decided_on=decided_on, is_open=is_open, today=today,
                                         calendar=calendar)


def test_the_commission_begins_within_14_and_settles_within_100_working_days():
    # Filed Monday 9 March 2026 (day 0). Not counted before the start date: 18 March (cuti
    # Nyepi), 19 (Nyepi), 20 (cuti Idul Fitri), 21–22 (Idul Fitri, weekend), 23–24 (cuti
    # Idul Fitri), 3 April (Wafat Yesus Kristus) and the weekends.
    timeline = commission()
    assert timeline.start.due == date(2026, 4, 6) and timeline.start.workdays == 14
    # 100 working days also skip 1 May, 14–15 May (Kenaikan and its cuti), 27–28 May (Idul
    # Adha and its cuti), 1 June (Pancasila) and 16 June (Tahun Baru Islam).
    assert timeline.finish.due == date(2026, 8, 13) and timeline.finish.workdays == 100
    skipped = {d.date: d.reason for d in timeline.finish.skipped}
    assert "Cuti Bersama Hari Raya Idul Fitri" in skipped[date(2026, 3, 23)]
    assert "Hari Lahir Pancasila" in skipped[date(2026, 6, 1)]
    assert date(2026, 3, 25) not in skipped and date(2026, 8, 13) not in skipped
    assert not (timeline.started_late or timeline.not_started or timeline.overdue
                or timeline.decided_late)


def test_without_cuti_bersama_the_commission_must_begin_a_week_earlier():
    timeline = commission(calendar=national_calendar(cuti_bersama=False))
    assert (timeline.start.due, timeline.finish.due) == (date(2026, 3, 30), date(2026, 8, 5))


def test_an_admin_holiday_moves_the_commissions_dates():
    regional = CAL.merged([(date(2026, 3, 10), "Hari jadi kota")])
    timeline = commission(calendar=regional)
    assert timeline.start.due == date(2026, 4, 7)
    assert timeline.finish.due == date(2026, 8, 14)


def test_a_start_after_the_fourteenth_working_day_is_late():
    assert not commission(started_on=date(2026, 4, 6), today=date(2026, 4, 20)).started_late
    assert commission(started_on=date(2026, 4, 7), today=date(2026, 4, 20)).started_late
    # Not begun and the day passed: shown while the dispute is open, not once it is closed.
    assert not commission(today=date(2026, 4, 6)).not_started
    assert commission(today=date(2026, 4, 7)).not_started
    assert not commission(today=date(2026, 4, 7), is_open=False).not_started


def test_an_open_dispute_after_the_hundredth_working_day_is_overdue():
    started = date(2026, 3, 25)
    assert not commission(started_on=started, today=date(2026, 8, 13)).overdue
    assert commission(started_on=started, today=date(2026, 8, 14)).overdue
    decided = commission(started_on=started, decided_on=date(2026, 8, 14), is_open=False,
                         today=date(2026, 9, 1))
    assert decided.decided_late and not decided.overdue
    assert not commission(decided_on=date(2026, 8, 13), is_open=False,
                          today=date(2026, 9, 1)).decided_late
