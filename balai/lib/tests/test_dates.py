from datetime import date, datetime
from zoneinfo import ZoneInfo

from balai.lib.dates import days_range

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")


def test_a_day_range_covers_whole_local_days():
    start, end = days_range(date(2026, 11, 1), date(2026, 11, 30), WIB)
    assert start == datetime(2026, 11, 1, 0, 0, tzinfo=WIB)
    assert end == datetime(2026, 12, 1, 0, 0, tzinfo=WIB)
    # 23:59 WIB on the 30th is inside; 00:00 WIB on 1 December is not
    assert start <= datetime(2026, 11, 30, 23, 59, tzinfo=WIB) < end
    assert not datetime(2026, 11, 30, 17, 0, tzinfo=ZoneInfo("UTC")) < end


def test_open_ends_stay_open_and_the_zone_is_the_offices():
    assert days_range(None, None, WIB) == (None, None)
    start, end = days_range(date(2026, 1, 1), None, WIT)
    assert end is None and start.utcoffset().total_seconds() == 9 * 3600
