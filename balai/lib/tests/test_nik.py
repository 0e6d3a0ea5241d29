import pytest

from balai.lib.nik import nik_check, nik_mask, normalise

GOOD_MALE = "3573011708900001"  # Kota Malang, born 17-08-(19)90
GOOD_FEMALE = "3573015708900002"  # the same date for a woman: day + 40


def test_a_well_formed_nik_passes_and_reads_the_birth_date():
    check = nik_check(GOOD_MALE)
    assert check.ok
    assert check.province == "Jawa Timur"
    assert (check.birth_day, check.birth_month, check.female) == (17, 8, False)


def test_women_have_forty_added_to_the_day():
    check = nik_check(GOOD_FEMALE)
    assert check.ok and check.female and check.birth_day == 17


def test_spaces_dots_and_dashes_are_ignored():
    assert nik_check("3573 0117 0890 0001").ok
    assert normalise("35.73.01-170890-0001") == GOOD_MALE


@pytest.mark.parametrize(("value", "error"), [
    ("357301170890001", "length"),
    ("35730117089000011", "length"),
    ("3573O11708900001", "digits"),
    ("٣573011708900001", "digits"),  # Arabic-Indic digit: isdigit() but not ASCII
    ("9973011708900001", "province"),
    ("2073011708900001", "province"),
    ("3500011708900001", "region"),
    ("3573001708900001", "region"),
    ("3573013208900001", "birth_date"),  # day 32
    ("3573017208900001", "birth_date"),  # woman, day 32
    ("3573011713900001", "birth_date"),  # month 13
    ("3573013102900001", "birth_date"),  # 31 February
    ("3573010008900001", "birth_date"),  # day 0
    ("3573011708900000", "serial"),
])
def test_malformed_niks_say_what_is_wrong(value, error):
    assert nik_check(value).error == error


def test_29_february_is_accepted_when_either_century_was_a_leap_year():
    assert nik_check("3573012902000001").ok  # 2000 (and 1900 was not)
    assert nik_check("3573012902960001").ok  # 1996
    assert nik_check("3573012902970001").error == "birth_date"


def test_the_new_papuan_provinces_are_real():
    assert nik_check("9501011708900001").province == "Papua Pegunungan"


def test_mask_keeps_only_the_province_and_the_last_two_digits():
    assert nik_mask(GOOD_MALE) == "35" + "•" * 12 + "01"
