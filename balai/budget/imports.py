"""Reading an APBD export (CSV or XLSX from SIPD or the finance office) and checking it row by
row before anything is saved; the service imports all rows or none.

Columns (headers matched without case; SIPD's and common aliases accepted):
kode_skpd, nama_skpd, kode_program, nama_program, kode_kegiatan, nama_kegiatan,
kode_sub_kegiatan, nama_sub_kegiatan, kode_rekening, nama_rekening, nilai.
The year and the stage are chosen on the import form, not read from the rows.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from balai.budget import codes
from balai.core.imports import ImportRow, read_rows

MAX_ROWS = 200_000
HEADERS = ("kode_skpd", "nama_skpd", "kode_program", "nama_program", "kode_kegiatan",
           "nama_kegiatan", "kode_sub_kegiatan", "nama_sub_kegiatan", "kode_rekening",
           "nama_rekening", "nilai")
REQUIRED = ("nama_skpd", "kode_rekening", "nilai")
ALIASES = {
    "skpd": "nama_skpd", "opd": "nama_skpd", "perangkat_daerah": "nama_skpd",
    "nama_opd": "nama_skpd", "unit": "nama_skpd", "kode_opd": "kode_skpd",
    "kode_unit": "kode_skpd", "program": "nama_program", "kegiatan": "nama_kegiatan",
    "sub_kegiatan": "nama_sub_kegiatan", "subkegiatan": "nama_sub_kegiatan",
    "kode_subkegiatan": "kode_sub_kegiatan", "nama_subkegiatan": "nama_sub_kegiatan",
    "kode_akun": "kode_rekening", "akun": "nama_rekening", "kode_rek": "kode_rekening",
    "rekening": "nama_rekening", "uraian": "nama_rekening", "uraian_rekening": "nama_rekening",
    "nama_akun": "nama_rekening", "pagu": "nilai", "anggaran": "nilai", "jumlah": "nilai",
    "realisasi": "nilai", "nilai_rp": "nilai", "total": "nilai",
}


def parse(name: str, data: bytes, *, agencies: dict[str, int]) -> list[ImportRow]:
    """Every row of the file, checked; `agencies` maps a casefolded agency code, name or
    short name to the agency's id (the service builds it)."""
    return check_rows([check_row(number, raw, agencies=agencies) for number, raw in read_rows(
        name, data, columns=HEADERS, required=REQUIRED, aliases=ALIASES, max_rows=MAX_ROWS)])


def _code(raw: dict, column: str) -> str:
    return raw.get(column, "").strip().replace(" ", "")


def check_row(number: int, raw: dict, *, agencies: dict[str, int]) -> ImportRow:
    row = ImportRow(number=number)
    err = row.errors.append
    v = row.values
    v["skpd_code"] = _code(raw, "kode_skpd")[:40]
    skpd = raw.get("nama_skpd", "").strip()
    v["agency_id"] = agencies.get(skpd.casefold()) or agencies.get(v["skpd_code"].casefold())
    if not skpd:
        err(_("nama_skpd: the agency is missing."))
    elif v["agency_id"] is None:
        err(_("nama_skpd: \"%(name)s\" is not an agency in balai. Write its name or short "
              "name as the agency list has it, or add the agency first.") % {"name": skpd})
    v["account_code"] = _code(raw, "kode_rekening")
    v["account_name"] = raw.get("nama_rekening", "").strip()[:300]
    if not codes.is_account(v["account_code"]):
        err(_("kode_rekening: \"%(code)s\" is not an account code; it starts with 4 "
              "(pendapatan), 5 (belanja) or 6 (pembiayaan), for example 5.1.02.01.01.0024.")
            % {"code": v["account_code"]})
    for level in ("program", "kegiatan", "sub_kegiatan"):
        v[f"{level}_code"] = _code(raw, f"kode_{level}")
        v[f"{level}_name"] = raw.get(f"nama_{level}", "").strip()[:300]
    spending = codes.account_group(v["account_code"]) == codes.SPENDING
    if spending:
        _check_programme(v, err)
    elif any(v[f"{level}_code"] for level in ("program", "kegiatan", "sub_kegiatan")):
        err(_("kode_program: pendapatan and pembiayaan are not spent under a program; leave "
              "the program, kegiatan and sub-kegiatan columns empty on this row."))
    text = raw.get("nilai", "")
    v["amount"] = codes.parse_amount(text)
    if v["amount"] is None:
        err(_("nilai: \"%(value)s\" is not an amount in whole rupiah, for example "
              "1.250.000 or 1250000.") % {"value": text})
    return row


def _check_programme(v: dict, err) -> None:
    """A spending row sits under a sub-kegiatan whose codes nest."""
    checks = (("program", codes.is_program, "2.16.02"),
              ("kegiatan", codes.is_kegiatan, "2.16.02.2.01"),
              ("sub_kegiatan", codes.is_sub_kegiatan, "2.16.02.2.01.0005"))
    valid = True
    for level, is_valid, example in checks:
        code = v[f"{level}_code"]
        if not is_valid(code):
            valid = False
            err(_("kode_%(level)s: \"%(code)s\" is not a %(level)s code (for example "
                  "%(example)s); belanja rows need the program, kegiatan and sub-kegiatan.")
                % {"level": level, "code": code, "example": example})
    if not valid:
        return
    if codes.parent_of(v["sub_kegiatan_code"]) != v["kegiatan_code"]:
        err(_("kode_sub_kegiatan: %(sub)s is not under kegiatan %(kegiatan)s.")
            % {"sub": v["sub_kegiatan_code"], "kegiatan": v["kegiatan_code"]})
    if codes.parent_of(v["kegiatan_code"]) != v["program_code"]:
        err(_("kode_kegiatan: %(kegiatan)s is not under program %(program)s.")
            % {"kegiatan": v["kegiatan_code"], "program": v["program_code"]})


def check_rows(rows: list[ImportRow]) -> list[ImportRow]:
    """Add the errors only the whole file shows: one code with two names, or the same line
    twice (agency, sub-kegiatan and account)."""
    names: dict[tuple[str, str], tuple[str, int]] = {}
    lines: dict[tuple, int] = {}
    for row in rows:
        v = row.values
        for level in ("program", "kegiatan", "sub_kegiatan"):
            code, name = v.get(f"{level}_code"), v.get(f"{level}_name")
            if not code or not name:
                continue
            known = names.setdefault((level, code), (name, row.number))
            if known[0].casefold() != name.casefold():
                row.errors.append(
                    _("nama_%(level)s: %(code)s is named \"%(other)s\" on row %(row)s; one code "
                      "has one name.") % {"level": level, "code": code, "other": known[0],
                                          "row": known[1]})
        key = (v.get("agency_id"), v.get("sub_kegiatan_code"), v.get("account_code"))
        if None not in key and key in lines:
            row.errors.append(_("kode_rekening: the same account of the same sub-kegiatan and "
                                "agency is also on row %(row)s; add the amounts into one row.")
                              % {"row": lines[key]})
        else:
            lines.setdefault(key, row.number)
    return rows
