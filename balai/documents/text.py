"""Indonesian wording for letters: dates and amounts in words. Pure, no Django."""

from __future__ import annotations

from datetime import date

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")

_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
          "sembilan", "sepuluh", "sebelas")
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def hari_indonesia(day: date) -> str:
    """`Jumat`: the weekday's name, as a berita acara opens ("Pada hari ini, Jumat, ...")."""
    return DAYS[day.weekday()]


def tanggal_indonesia(day: date) -> str:
    """`23 November 2026`: the date as written on a Tata Naskah Dinas letter."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _below_thousand(n: int) -> str:
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
    return head + (f" {_below_thousand(rest)}" if rest else "")


def terbilang(n: int) -> str:
    """An integer in Indonesian words (`1500` -> `seribu lima ratus`), for amounts."""
    if n < 0:
        return f"minus {terbilang(-n)}"
    if n < 1000:
        return _below_thousand(n)
    for scale, word in _SCALES:
        if n >= scale:
            head, rest = divmod(n, scale)
            if head >= 1000:
                spoken = f"{terbilang(head)} {word}"
            else:
                spoken = f"{_below_thousand(head)} {word}"
            return spoken + (f" {terbilang(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "seribu" if thousands == 1 else f"{_below_thousand(thousands)} ribu"
    return head + (f" {terbilang(rest)}" if rest else "")
