"""Shape check of a Nomor Induk Kependudukan (NIK): pure, no Django, no clock.

A NIK has 16 digits: province (2), kabupaten/kota (2), kecamatan (2), birth date as
DDMMYY with 40 added to the day for women (6), and a serial number (4). This checks the
shape only: whether the person exists is for Dukcapil, not for a public form.

The province codes are Kemendagri's (Kepmendagri 300.2.2-2430/2025, the code list the
geo data follows), including the Papuan provinces formed in 2022; residents keep the NIK
they were given, so the older codes stay valid too.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

PROVINCES = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau",
    "15": "Jambi", "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung",
    "19": "Kepulauan Bangka Belitung", "21": "Kepulauan Riau", "31": "DKI Jakarta",
    "32": "Jawa Barat", "33": "Jawa Tengah", "34": "DI Yogyakarta", "35": "Jawa Timur",
    "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat", "62": "Kalimantan Tengah", "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara",
    "75": "Gorontalo", "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara",
    "91": "Papua", "92": "Papua Barat", "93": "Papua Selatan", "94": "Papua Tengah",
    "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}

# Error codes; the form turns each into a message that says how to fix it.
LENGTH, DIGITS, PROVINCE, REGION, BIRTH_DATE, SERIAL = (
    "length", "digits", "province", "region", "birth_date", "serial")


@dataclass(frozen=True)
class NikCheck:
    nik: str  # digits only, as entered without spaces, dots or dashes
    error: str | None = None
    province: str = ""
    female: bool | None = None
    birth_day: int | None = None
    birth_month: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def normalise(value: str) -> str:
    """The NIK without the spaces, dots and dashes people type to group its digits."""
    return "".join(ch for ch in (value or "") if ch not in " .-\t")


def _date_exists(day: int, month: int, yy: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    # The century is not in the NIK: 29 February is fine if either century had it.
    longest = max(calendar.monthrange(1900 + yy, month)[1], calendar.monthrange(2000 + yy,
                                                                                 month)[1])
    return day <= longest


def nik_check(value: str) -> NikCheck:
    """Check a NIK's shape: 16 digits, a real province, a valid birth date part."""
    nik = normalise(value)
    if not nik.isascii() or not nik.isdigit():
        return NikCheck(nik, DIGITS)
    if len(nik) != 16:
        return NikCheck(nik, LENGTH)
    province = PROVINCES.get(nik[:2])
    if province is None:
        return NikCheck(nik, PROVINCE)
    if nik[2:4] == "00" or nik[4:6] == "00":
        return NikCheck(nik, REGION, province=province)
    dd, mm, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = dd > 40
    day = dd - 40 if female else dd
    if not _date_exists(day, mm, yy):
        return NikCheck(nik, BIRTH_DATE, province=province)
    if nik[12:] == "0000":
        return NikCheck(nik, SERIAL, province=province)
    return NikCheck(nik, None, province=province, female=female, birth_day=day,
                    birth_month=mm)


def nik_mask(value: str) -> str:
    """A NIK shown to people who may not read it: province and last two digits only."""
    nik = normalise(value)
    if len(nik) < 6:
        return "•" * len(nik)
    return nik[:2] + "•" * (len(nik) - 4) + nik[-2:]
