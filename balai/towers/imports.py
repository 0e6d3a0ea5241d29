"""Reading a tower list (CSV or XLSX) and checking it row by row, before anything is saved.

The columns follow the public datasets pemdas publish (reference/indonesia-rules.md §2.3):
kode, nama_site, lat, lng, alamat, tipe_site, tinggi_m, tahun, perusahaan, nib, status,
bersama, operator (several operators separated by ";"). Headers are matched without case,
and a few common aliases are accepted. `check_rows` reads the database only to find plate
codes already registered; the service imports all rows or none.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from balai.core.imports import ImportRow, read_rows
from balai.towers.models import SiteType, Tower, code_validator, nib_validator

MAX_ROWS = 5000
HEADERS = ("kode", "nama_site", "lat", "lng", "alamat", "tipe_site", "tinggi_m", "tahun",
           "perusahaan", "nib", "status", "bersama", "operator")
ALIASES = {
    "kode_menara": "kode", "code": "kode", "id_site": "kode",
    "nama": "nama_site", "latitude": "lat", "longitude": "lng", "lon": "lng",
    "lokasi": "alamat", "type_menara": "tipe_site", "tipe": "tipe_site",
    "tower_height": "tinggi_m", "tinggi": "tinggi_m", "tahun_bangun": "tahun",
    "nama_perusahaan": "perusahaan", "pemilik": "perusahaan", "operator_penyewa": "operator",
}
SITE_TYPES = {v: v for v in SiteType.values} | {
    "gf": "greenfield", "rooftop pole": "rooftop", "rtp": "rooftop", "mp": "monopole",
    "self supporting tower": "sst", "kamuflase": "camouflage", "mikrosel": "microcell",
    "microcell pole": "microcell", "guyed mast": "guyed"}
STATUSES = {v: v for v in Tower.Status.values} | {
    "rencana": "planned", "aktif": "active", "dibongkar": "dismantled", "ilegal": "illegal"}
YES = {"ya", "y", "yes", "1", "true", "bersama"}
NO = {"", "tidak", "t", "no", "0", "false"}


REQUIRED = ("kode", "lat", "lng", "tipe_site", "tinggi_m", "perusahaan")


def parse(name: str, data: bytes) -> list[ImportRow]:
    return [check_row(number, raw) for number, raw in read_rows(
        name, data, columns=HEADERS, required=REQUIRED, aliases=ALIASES, max_rows=MAX_ROWS)]


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ".").strip())


def check_row(number: int, raw: dict) -> ImportRow:
    row = ImportRow(number=number)
    err = row.errors.append
    v = row.values
    v["code"] = raw.get("kode", "").strip().upper()
    try:
        code_validator(v["code"])
    except ValidationError:
        err(_("kode: write the plate code with 3 to 30 capital letters, digits or dashes "
              "(for example MLG-0001)."))
    v["name"] = raw.get("nama_site", "")[:200]
    v["address"] = raw.get("alamat", "")[:300]
    for key, column, low, high in (("lat", "lat", -11.5, 6.5), ("lng", "lng", 94.0, 141.5)):
        try:
            v[key] = float(_number(raw.get(column, "")))
        except (InvalidOperation, ValueError):
            v[key] = None
            err(_("%(column)s: write the coordinate as a decimal number, for example "
                  "-7.9666 or 112.6326.") % {"column": column})
            continue
        if not low <= v[key] <= high:
            err(_("%(column)s: %(value)s is outside Indonesia; check that latitude and "
                  "longitude are not swapped.") % {"column": column, "value": raw[column]})
    site = raw.get("tipe_site", "").strip().lower()
    v["site_type"] = SITE_TYPES.get(site, "")
    if not v["site_type"]:
        err(_("tipe_site: \"%(value)s\" is not a site type; use one of %(types)s.")
            % {"value": raw.get("tipe_site", ""), "types": ", ".join(SiteType.values)})
    try:
        v["height_m"] = _number(raw.get("tinggi_m", ""))
        if not Decimal(1) <= v["height_m"] <= Decimal(400):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        v["height_m"] = None
        err(_("tinggi_m: write the height in metres, between 1 and 400."))
    year = raw.get("tahun", "").strip()
    v["year_built"] = None
    if year:
        if year.isdigit() and 1950 <= int(year) <= 2100:
            v["year_built"] = int(year)
        else:
            err(_("tahun: write the year built as four digits, for example 2015."))
    v["company"] = raw.get("perusahaan", "").strip()[:200]
    if not v["company"]:
        err(_("perusahaan: the owner company is missing."))
    v["nib"] = raw.get("nib", "").strip()
    if v["nib"]:
        try:
            nib_validator(v["nib"])
        except ValidationError:
            err(_("nib: the NIB has 13 digits."))
    status = raw.get("status", "").strip().lower() or "active"
    v["status"] = STATUSES.get(status, "")
    if not v["status"]:
        err(_("status: use aktif, rencana, dibongkar or ilegal."))
    shared = raw.get("bersama", "").strip().lower()
    v["is_shared"] = shared in YES
    if shared not in YES | NO:
        err(_("bersama: write ya or tidak."))
    v["operators"] = [op.strip()[:100] for op in raw.get("operator", "").split(";")
                      if op.strip()]
    return row


def check_rows(rows: list[ImportRow]) -> list[ImportRow]:
    """Add the errors only the whole file shows: a plate code twice, or already taken."""
    seen: dict[str, int] = {}
    for row in rows:
        code = row.values.get("code")
        if not code:
            continue
        if code in seen:
            row.errors.append(_("kode: %(code)s is also on row %(row)s.")
                              % {"code": code, "row": seen[code]})
        else:
            seen[code] = row.number
    taken = set(Tower.objects.filter(code__in=list(seen)).values_list("code", flat=True))
    for row in rows:
        if row.values.get("code") in taken:
            row.errors.append(_("kode: %(code)s is already in the registry.")
                              % {"code": row.values["code"]})
    return rows
