"""The code structure of a regional budget line, as SIPD exports it (pure rules, no ORM).

Program, kegiatan and sub-kegiatan codes follow the nomenclature of Permendagri 90/2019 as
updated by Kepmendagri 050-5889/2021: a program is urusan.bidang.program ("2.16.02"), a
kegiatan adds its kind and number ("2.16.02.2.01"), a sub-kegiatan adds its number
("2.16.02.2.01.0005"; older exports write two digits, "2.16.02.2.01.05"). Each level starts
with the code of the level above. The account (kode rekening) says what the money is:
4 pendapatan (revenue), 5 belanja (spending), 6 pembiayaan (financing), written in up to six
levels ("5.1.02.01.01.0024"). Spending sits under a sub-kegiatan; revenue and financing do
not, so their rows carry no program codes.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

PROGRAM = re.compile(r"^(?:[0-9X]\.[0-9X]{2})\.[0-9]{2}$")
KEGIATAN = re.compile(r"^(?:[0-9X]\.[0-9X]{2})\.[0-9]{2}\.[0-9]\.[0-9]{2}$")
SUB_KEGIATAN = re.compile(r"^(?:[0-9X]\.[0-9X]{2})\.[0-9]{2}\.[0-9]\.[0-9]{2}\.[0-9]{2,4}$")
ACCOUNT = re.compile(r"^[4-6](?:\.[0-9]{1,4}){0,5}$")

REVENUE, SPENDING, FINANCING = "4", "5", "6"
ACCOUNT_GROUPS = {REVENUE: "pendapatan", SPENDING: "belanja", FINANCING: "pembiayaan"}


def account_group(account: str) -> str:
    """'4', '5' or '6': the first digit of the account code."""
    return account[:1]


def is_program(code: str) -> bool:
    return bool(PROGRAM.match(code))


def is_kegiatan(code: str) -> bool:
    return bool(KEGIATAN.match(code))


def is_sub_kegiatan(code: str) -> bool:
    return bool(SUB_KEGIATAN.match(code))


def is_account(code: str) -> bool:
    return bool(ACCOUNT.match(code))


def parent_of(code: str) -> str:
    """The code one level up: sub-kegiatan → kegiatan → program."""
    if is_sub_kegiatan(code):
        return code.rsplit(".", 1)[0]
    if is_kegiatan(code):
        return code.rsplit(".", 2)[0]
    return ""


def parse_amount(text: str) -> int | None:
    """An amount in whole rupiah from what a spreadsheet or a person writes.

    "1.250.000", "1.250.000,00", "1250000", "1250000.0" (a number cell) and
    "Rp 1.250.000" all read 1250000. A fraction of a rupiah other than ,00 is refused (the
    APBD is kept in whole rupiah); so are negative amounts and text. None when unreadable.
    """
    text = text.strip().replace("Rp", "").replace("rp", "").replace(" ", "")
    if not text:
        return None
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?(e\+?[0-9]+)?", text, re.IGNORECASE) and (
            text.count(".") == 0 or not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", text)):
        # A plain number as a spreadsheet cell gives it: 1250000 or 1250000.0
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
    elif re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?", text):
        # Indonesian writing: dots between thousands, a comma before the decimals.
        value = Decimal(text.replace(".", "").replace(",", "."))
    elif re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", text):
        # English writing: commas between thousands.
        value = Decimal(text.replace(",", ""))
    else:
        return None
    if value != value.to_integral_value():
        return None
    return int(value)
