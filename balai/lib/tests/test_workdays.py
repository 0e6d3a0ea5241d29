"""Working-day arithmetic (DESIGN.md §3): properties on generated calendars, real 2026 dates."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.lib.workdays import (
    SkippedDay,
    WorkCalendar,
    add_workdays,
    alarms,
    clock,
    clock_start,
    explain,
    skipped_days,
    workdays_between,
)

WIB = ZoneInfo("Asia/Jakarta")
HOURS = {"office_start": time(8, 0), "office_end": time(16, 0), "tz": WIB}

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@st.composite
def calendars(draw):
    weekend = draw(st.sets(st.integers(0, 6), max_size=3))
    holiday_days = draw(st.lists(days, max_size=80))
    return WorkCalendar(holidays={d: f"Libur {d}" for d in holiday_days},
                        weekend=frozenset(weekend))


def naive_add(start, n, calendar):
    """Reference implementation: walk day by day."""
    day = start
    while n:
        day += timedelta(days=1)
        if calendar.is_workday(day):
            n -= 1
    return day if calendar.is_workday(day) else naive_add(day, 1, calendar)


@pytest.fixture(scope="module")
def id_2026():
    source = holidays.country_holidays("ID", years=2026, categories=("public", "government"),
                                       language="id")
    return WorkCalendar(holidays=dict(source.items()))


# Properties on generated calendars.

@given(calendars(), days, st.integers(1, 400))
def test_due_date_is_never_a_non_working_day(calendar, start, n):
    assert calendar.is_workday(add_workdays(start, n, calendar))


@given(calendars(), days, st.integers(0, 400))
def test_workdays_between_inverts_add_workdays_from_a_working_day(calendar, start, n):
    start = add_workdays(start, 0, calendar)  # a working day
    assert workdays_between(start, add_workdays(start, n, calendar), calendar) == n


@given(calendars(), days, st.integers(1, 300), st.integers(1, 50))
def test_due_date_grows_strictly_with_n(calendar, start, n, more):
    assert add_workdays(start, n, calendar) < add_workdays(start, n + more, calendar)


@given(calendars(), days)
def test_zero_workdays_is_never_later_than_one(calendar, start):
    # Equal only when start is not a working day: day 0 rolls forward to the same day.
    zero, one = add_workdays(start, 0, calendar), add_workdays(start, 1, calendar)
    assert zero < one or (zero == one and not calendar.is_workday(start))


@given(calendars(), days, st.integers(0, 400))
@settings(max_examples=200)
def test_add_workdays_agrees_with_a_day_by_day_walk(calendar, start, n):
    assert add_workdays(start, n, calendar) == naive_add(start, n, calendar)


@given(calendars(), days, days)
def test_skipped_and_working_days_account_for_the_whole_span(calendar, a, b):
    a, b = min(a, b), max(a, b)
    skipped = skipped_days(a, b, calendar)
    assert workdays_between(a, b, calendar) + len(skipped) == (b - a).days
    assert all(a < s.date <= b and not calendar.is_workday(s.date) and s.reason
               for s in skipped)


@given(calendars(), days, days)
def test_workdays_between_is_antisymmetric(calendar, a, b):
    assert workdays_between(a, b, calendar) == -workdays_between(b, a, calendar)


@given(calendars(), days, st.integers(0, 120))
def test_explanation_lists_exactly_the_days_not_counted(calendar, start, n):
    deadline = explain(start, n, calendar)
    assert deadline.due == add_workdays(start, n, calendar)
    span = (deadline.due - start).days
    assert len(deadline.skipped) == span - workdays_between(start, deadline.due, calendar)


# Edges and contract.

def test_zero_workdays_from_a_working_day_is_that_day():
    cal = WorkCalendar()
    assert add_workdays(date(2026, 3, 17), 0, cal) == date(2026, 3, 17)


def test_zero_workdays_from_a_saturday_rolls_forward_to_monday():
    assert add_workdays(date(2026, 3, 14), 0, WorkCalendar()) == date(2026, 3, 16)


def test_counting_from_a_saturday_counts_days_after_it():
    assert add_workdays(date(2026, 3, 14), 1, WorkCalendar()) == date(2026, 3, 16)


def test_negative_workdays_are_refused():
    with pytest.raises(ValueError):
        add_workdays(date(2026, 3, 17), -1, WorkCalendar())


def test_a_week_without_working_days_is_refused():
    with pytest.raises(ValueError):
        WorkCalendar(weekend=frozenset(range(7)))


def test_calendar_cannot_be_changed_after_it_is_built():
    cal = WorkCalendar(holidays={date(2026, 1, 1): "Tahun Baru Masehi"})
    with pytest.raises(TypeError):
        cal.holidays[date(2026, 1, 2)] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        cal.weekend = frozenset()  # type: ignore[misc]


def test_merged_keeps_both_reasons_for_a_shared_date():
    cal = WorkCalendar(holidays={date(2026, 3, 19): "Hari Suci Nyepi"})
    merged = cal.merged([(date(2026, 3, 19), "Libur daerah"), (date(2026, 3, 25), "Tutup")])
    assert merged.holidays[date(2026, 3, 19)] == "Hari Suci Nyepi; Libur daerah"
    assert not merged.is_workday(date(2026, 3, 25))
    assert cal.is_workday(date(2026, 3, 25))


def test_weekend_reasons_are_indonesian_day_names():
    assert skipped_days(date(2026, 3, 27), date(2026, 3, 30), WorkCalendar()) == [
        SkippedDay(date(2026, 3, 28), "Sabtu"), SkippedDay(date(2026, 3, 29), "Minggu")]


def test_dense_holidays_and_long_deadlines_match_a_day_by_day_walk():
    cal = WorkCalendar(holidays={date(2026, 1, 1) + timedelta(days=3 * i): "x"
                                 for i in range(300)})
    start = date(2026, 1, 1)
    for n in range(0, 500, 7):
        assert add_workdays(start, n, cal) == naive_add(start, n, cal)


# The real 2026 calendar: SKB 3 Menteri 2026 as the holidays package carries it.

def test_package_carries_nyepi_and_idul_fitri_2026_with_cuti_bersama(id_2026):
    h = id_2026.holidays
    assert h[date(2026, 3, 18)] == "Cuti Bersama Hari Suci Nyepi"
    assert h[date(2026, 3, 19)] == "Hari Suci Nyepi"
    assert h[date(2026, 3, 20)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert h[date(2026, 3, 21)] == "Hari Raya Idul Fitri"
    assert h[date(2026, 3, 22)] == "Hari kedua dari Hari Raya Idul Fitri"
    assert h[date(2026, 3, 23)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert h[date(2026, 3, 24)] == "Cuti Bersama Hari Raya Idul Fitri"


def test_package_has_17_holidays_and_8_cuti_bersama_in_2026(id_2026):
    cuti = [d for d, name in id_2026.holidays.items() if name.startswith("Cuti Bersama")]
    assert len(cuti) == 8
    assert len(id_2026.holidays) - len(cuti) == 17


def test_ten_workdays_from_17_march_2026_skip_nyepi_lebaran_and_good_friday(id_2026):
    # By hand: 18-24 Mar are Nyepi, Lebaran and cuti bersama; then 25, 26, 27, 30, 31 Mar,
    # 1, 2 Apr (3 Apr is Good Friday), 6, 7, 8 Apr.
    deadline = explain(date(2026, 3, 17), 10, id_2026)
    assert deadline.due == date(2026, 4, 8)
    assert [d.date.isoformat() for d in deadline.skipped] == [
        "2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21", "2026-03-22", "2026-03-23",
        "2026-03-24", "2026-03-28", "2026-03-29", "2026-04-03", "2026-04-04", "2026-04-05"]
    assert deadline.skipped[3].reason == "Hari Raya Idul Fitri (Sabtu)"
    assert deadline.skipped[7].reason == "Sabtu"


def test_first_workday_after_17_march_2026_is_25_march(id_2026):
    assert add_workdays(date(2026, 3, 17), 1, id_2026) == date(2026, 3, 25)
    assert workdays_between(date(2026, 3, 17), date(2026, 3, 24), id_2026) == 0


def test_received_after_office_hours_counts_from_next_working_day(id_2026):
    received = datetime(2026, 3, 17, 17, 30, tzinfo=WIB)
    assert clock_start(received, id_2026, **HOURS) == date(2026, 3, 25)


def test_received_during_office_hours_counts_that_day(id_2026):
    received = datetime(2026, 3, 17, 15, 59, tzinfo=WIB)
    assert clock_start(received, id_2026, **HOURS) == date(2026, 3, 17)


def test_received_at_the_closing_minute_counts_as_after_hours(id_2026):
    received = datetime(2026, 3, 17, 16, 0, tzinfo=WIB)
    assert clock_start(received, id_2026, **HOURS) == date(2026, 3, 25)


def test_received_before_opening_counts_that_day(id_2026):
    received = datetime(2026, 3, 17, 6, 0, tzinfo=WIB)
    assert clock_start(received, id_2026, **HOURS) == date(2026, 3, 17)


def test_received_on_a_saturday_counts_from_monday(id_2026):
    received = datetime(2026, 3, 14, 10, 0, tzinfo=WIB)
    assert clock_start(received, id_2026, **HOURS) == date(2026, 3, 16)


def test_received_on_nyepi_counts_from_after_lebaran_leave(id_2026):
    received = datetime(2026, 3, 19, 9, 0, tzinfo=WIB)
    assert clock_start(received, id_2026, **HOURS) == date(2026, 3, 25)


def test_receipt_day_is_the_local_day_not_the_utc_day(id_2026):
    # 23:30 UTC on Sunday 15 March is 06:30 WIB on Monday 16 March.
    received = datetime(2026, 3, 15, 23, 30, tzinfo=UTC)
    assert clock_start(received, id_2026, **HOURS) == date(2026, 3, 16)


def test_naive_receipt_time_is_refused(id_2026):
    with pytest.raises(ValueError):
        clock_start(datetime(2026, 3, 17, 10, 0), id_2026, **HOURS)


@settings(max_examples=300, deadline=None)
@given(calendars(), days, st.integers(0, 40), st.integers(-5, 80))
def test_stored_alarms_agree_with_the_live_clock_on_every_day(calendar, start, n, offset):
    """A sweep selects on the stored warn_on/overdue_on; the pages compute the clock live.
    Both must say the same thing on every day, holidays and weekends included."""
    due = add_workdays(start, n, calendar)
    stored = alarms(start=start, due=due, calendar=calendar)
    today = start + timedelta(days=offset)
    live = clock(start=start, due=due, today=today, calendar=calendar)
    assert live.overdue == (today >= stored.overdue_on)
    assert live.warn == (stored.warn_on is not None and stored.warn_on <= today
                         < stored.overdue_on)


def test_ten_working_day_clock_warns_on_the_eighth_and_is_overdue_after_the_tenth():
    calendar = WorkCalendar(holidays={})
    start = date(2026, 3, 2)  # Monday
    due = add_workdays(start, 10, calendar)
    assert due == date(2026, 3, 16)
    stored = alarms(start=start, due=due, calendar=calendar)
    assert stored.warn_on == date(2026, 3, 12)  # the 8th working day after the Monday
    assert stored.overdue_on == date(2026, 3, 17)
