"""The code structure and the amounts of a budget line, as SIPD and officers write them."""

import pytest

from balai.budget import codes


@pytest.mark.parametrize(("text", "amount"), [
    ("1.250.000", 1_250_000), ("1.250.000,00", 1_250_000), ("1250000", 1_250_000),
    ("1250000.0", 1_250_000), ("Rp 1.250.000", 1_250_000), ("1,250,000", 1_250_000),
    ("1.000", 1000), ("0", 0), ("1.25e6", 1_250_000),
])
def test_amounts_as_people_and_spreadsheets_write_them(text, amount):
    assert codes.parse_amount(text) == amount


@pytest.mark.parametrize("text", ["", "-5000", "12,5", "1.5", "satu juta", "1.250.000,50",
                                  "12.34.567"])
def test_amounts_that_are_not_whole_rupiah_are_refused(text):
    assert codes.parse_amount(text) is None


def test_each_level_of_the_programme_nests_in_the_one_above():
    assert codes.is_program("2.16.02")
    assert codes.is_kegiatan("2.16.02.2.01")
    assert codes.is_sub_kegiatan("2.16.02.2.01.0005")
    assert codes.is_sub_kegiatan("2.16.02.2.01.05")  # older two-digit exports
    assert codes.parent_of("2.16.02.2.01.0005") == "2.16.02.2.01"
    assert codes.parent_of("2.16.02.2.01") == "2.16.02"
    assert not codes.is_program("2.16.02.2.01")
    assert not codes.is_kegiatan("2.16.02")
    assert codes.is_program("X.XX.01")  # the support program shared by every urusan


def test_account_codes_start_with_their_group():
    assert codes.is_account("5.1.02.01.01.0024")
    assert codes.is_account("4.1.01")
    assert not codes.is_account("7.1.01")
    assert not codes.is_account("5.1.02.01.01.0024.1")
    assert codes.account_group("6.1.01.01.01.0001") == codes.FINANCING
