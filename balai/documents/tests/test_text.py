from datetime import date

import pytest

from balai.documents.text import tanggal_indonesia, terbilang


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 11, 23), "23 November 2026"),
    (date(2026, 1, 1), "1 Januari 2026"),
    (date(2024, 8, 17), "17 Agustus 2024"),
    (date(2025, 5, 31), "31 Mei 2025"),
])
def test_dates_use_indonesian_month_names(day, expected):
    assert tanggal_indonesia(day) == expected


@pytest.mark.parametrize(("n", "words"), [
    (0, "nol"),
    (1, "satu"),
    (10, "sepuluh"),
    (11, "sebelas"),
    (12, "dua belas"),
    (19, "sembilan belas"),
    (20, "dua puluh"),
    (21, "dua puluh satu"),
    (100, "seratus"),
    (101, "seratus satu"),
    (111, "seratus sebelas"),
    (250, "dua ratus lima puluh"),
    (1000, "seribu"),
    (1500, "seribu lima ratus"),
    (2005, "dua ribu lima"),
    (11000, "sebelas ribu"),
    (100000, "seratus ribu"),
    (1_000_000, "satu juta"),
    (2_750_000, "dua juta tujuh ratus lima puluh ribu"),
    (1_000_000_000, "satu miliar"),
    (1_234_567_890_123,
     "satu triliun dua ratus tiga puluh empat miliar lima ratus enam puluh tujuh juta "
     "delapan ratus sembilan puluh ribu seratus dua puluh tiga"),
    (-5, "minus lima"),
])
def test_amounts_in_indonesian_words(n, words):
    assert terbilang(n) == words
