"""Reading an export of SP4N-LAPOR! dispositions (CSV or XLSX) and checking it row by row.

LAPOR! publishes no upload or export layout (reference/indonesia-rules.md §1.3), so balai
reads the columns its admin panel shows for a report, by name, without case, with the
aliases operators write (docs/lapor.md lists them):

  nomor_tiket (required), tanggal_laporan (required), judul (required),
  isi_laporan (required), kategori, kelurahan, latitude, longitude, status,
  tindak_lanjut, anonim, rahasia, nama_pelapor, nomor_balai

Each row becomes one plan: a new complaint (LAPOR! disposed the report to us), a link
(the row names our tracking code in `nomor_balai`: a complaint we forwarded through
LAPOR! got its LAPOR! number), an update of a case already imported, or nothing. The
service carries out all plans or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from shapely.geometry import shape

from balai.complaints.models import Category, Complaint
from balai.core.imports import ImportRow, read_rows
from balai.core.tracking import code_normalise
from balai.geo.models import Area
from balai.geo.selectors import locate
from balai.lapor.models import LaporCase

MAX_ROWS = 2000
HEADERS = ("nomor_tiket", "tanggal_laporan", "judul", "isi_laporan", "kategori", "kelurahan",
           "latitude", "longitude", "status", "tindak_lanjut", "anonim", "rahasia",
           "nama_pelapor", "nomor_balai")
REQUIRED = ("nomor_tiket", "tanggal_laporan", "judul", "isi_laporan")
ALIASES = {
    "tracking_id": "nomor_tiket", "no_tiket": "nomor_tiket", "tiket": "nomor_tiket",
    "nomor_laporan": "nomor_tiket", "id_laporan": "nomor_tiket", "no_laporan": "nomor_tiket",
    "tanggal": "tanggal_laporan", "tgl_laporan": "tanggal_laporan",
    "judul_laporan": "judul", "isi": "isi_laporan", "laporan": "isi_laporan",
    "topik": "kategori", "lat": "latitude", "lng": "longitude", "lon": "longitude",
    "status_laporan": "status", "tanggapan": "tindak_lanjut",
    "tindak_lanjut_terakhir": "tindak_lanjut", "nama": "nama_pelapor",
    "kode_balai": "nomor_balai", "referensi_balai": "nomor_balai",
}
YES = {"ya", "y", "yes", "1", "true"}
NO = {"", "tidak", "t", "no", "0", "false"}
TRACKING = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/.\-]{2,39}$")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M",
                "%d/%m/%Y %H:%M:%S")
# LAPOR!'s words for a report whose handling is over.
FINISHED = {"selesai", "ditutup", "closed", "tuntas"}


class Plan:
    CREATE, LINK, UPDATE, UNCHANGED = "create", "link", "update", "unchanged"


@dataclass
class Lookups:
    """What the checks read from the database, once per file."""

    categories: dict[str, Category]
    kelurahan: dict[str, Area]
    default_category: Category | None


def lookups(default_category: Category | None = None) -> Lookups:
    return Lookups(
        categories={c.name.casefold(): c for c in Category.objects.filter(is_active=True)},
        kelurahan={a.name.casefold(): a for a in Area.objects.filter(level="kelurahan")},
        default_category=default_category)


def parse(name: str, data: bytes, *, default_category: Category | None = None
          ) -> list[ImportRow]:
    found = lookups(default_category)
    rows = [check_row(number, raw, found) for number, raw in read_rows(
        name, data, columns=HEADERS, required=REQUIRED, aliases=ALIASES, max_rows=MAX_ROWS)]
    return plan_rows(rows)


def _date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _flag(text: str, column: str, err) -> bool:
    value = text.strip().casefold()
    if value in YES:
        return True
    if value not in NO:
        err(_("%(column)s: write \"Ya\" or \"Tidak\", not \"%(value)s\".")
            % {"column": column, "value": text})
    return False


def _point_of(area: Area) -> tuple[float, float]:
    """A point surely inside the kelurahan (its middle may lie outside a crescent)."""
    point = shape(area.geometry).representative_point()
    return point.y, point.x


def check_row(number: int, raw: dict, found: Lookups) -> ImportRow:
    """The row's own checks; the database is read only through `found`."""
    row = ImportRow(number=number)
    err, v = row.errors.append, row.values
    v["tracking_id"] = raw.get("nomor_tiket", "").strip()
    if not TRACKING.match(v["tracking_id"]):
        err(_("nomor_tiket: write LAPOR!'s tracking number (3 to 40 letters, digits, "
              "'-', '/' or '.')."))
    v["reported_on"] = _date(raw.get("tanggal_laporan", ""))
    if v["reported_on"] is None:
        err(_("tanggal_laporan: write the date as 2026-11-30 or 30/11/2026."))
    v["title"] = " ".join(raw.get("judul", "").split())
    if not v["title"]:
        err(_("judul: the report has no title."))
    elif len(v["title"]) > 150:
        err(_("judul: at most 150 characters (this one has %(n)s).")
            % {"n": len(v["title"])})
    v["description"] = raw.get("isi_laporan", "").strip()
    if not v["description"]:
        err(_("isi_laporan: the report has no text."))
    v["status"] = " ".join(raw.get("status", "").split())[:80]
    v["follow_up"] = raw.get("tindak_lanjut", "").strip()
    v["anonymous"] = _flag(raw.get("anonim", ""), "anonim", err)
    v["confidential"] = _flag(raw.get("rahasia", ""), "rahasia", err)
    v["reporter_name"] = "" if v["anonymous"] else raw.get("nama_pelapor", "").strip()[:200]
    v["balai_code"] = code_normalise(raw.get("nomor_balai", "")) \
        if raw.get("nomor_balai", "").strip() else ""
    wanted = raw.get("kategori", "").strip()
    v["category"] = found.categories.get(wanted.casefold()) or found.default_category
    v["category_text"] = wanted
    v["kelurahan_text"] = raw.get("kelurahan", "").strip()
    v["kelurahan"] = found.kelurahan.get(v["kelurahan_text"].casefold())
    v["lat"] = v["lng"] = None
    lat, lng = raw.get("latitude", "").strip(), raw.get("longitude", "").strip()
    if lat or lng:
        try:
            v["lat"], v["lng"] = float(lat.replace(",", ".")), float(lng.replace(",", "."))
        except ValueError:
            err(_("latitude, longitude: write both as decimal degrees, e.g. -7.98 and "
                  "112.63."))
    return row


def _location_errors(v: dict) -> list[str]:
    """A new complaint needs a pin inside our territory."""
    if v["lat"] is not None:
        if not locate(v["lat"], v["lng"]).inside:
            return [_("latitude, longitude: the point lies outside the territory this "
                      "installation serves.")]
        return []
    if v["kelurahan"] is not None:
        v["lat"], v["lng"] = _point_of(v["kelurahan"])
        return []
    if v["kelurahan_text"]:
        return [_("kelurahan: \"%(name)s\" is not a kelurahan of this territory; write its "
                  "name as balai's map shows it, or give latitude and longitude.")
                % {"name": v["kelurahan_text"]}]
    return [_("kelurahan: a new complaint needs a place; give the kelurahan, or latitude "
              "and longitude.")]


def plan_rows(rows: list[ImportRow]) -> list[ImportRow]:
    """What each row will do, from what is stored; a row that cannot be carried out gets
    its reason. Reads the database once for the whole file."""
    ids = [r.values["tracking_id"] for r in rows]
    known = {c.tracking_id: c for c in
             LaporCase.objects.filter(tracking_id__in=ids).select_related("complaint")}
    codes = [r.values["balai_code"] for r in rows if r.values["balai_code"]]
    ours = {c.code: c for c in Complaint.objects.filter(code__in=codes)
            .select_related("lapor_case")}
    seen: dict[str, int] = {}
    for row in rows:
        v, err = row.values, row.errors.append
        tracking = v["tracking_id"]
        if tracking in seen:
            err(_("nomor_tiket: %(id)s is already in row %(row)s of this file.")
                % {"id": tracking, "row": seen[tracking]})
            continue
        seen[tracking] = row.number
        case = known.get(tracking)
        if case is not None:
            v["case"] = case
            v["plan"] = Plan.UPDATE if (v["status"], v["follow_up"]) != (
                case.lapor_status, case.follow_up) else Plan.UNCHANGED
            continue
        if v["balai_code"]:
            complaint = ours.get(v["balai_code"])
            if complaint is None:
                err(_("nomor_balai: no complaint has the code %(code)s.")
                    % {"code": v["balai_code"]})
            elif hasattr(complaint, "lapor_case"):
                err(_("nomor_balai: %(code)s is already LAPOR! report %(id)s.")
                    % {"code": complaint.code, "id": complaint.lapor_case.tracking_id})
            else:
                v["complaint"], v["plan"] = complaint, Plan.LINK
            continue
        v["plan"] = Plan.CREATE
        if v["category"] is None:
            err(_("kategori: \"%(name)s\" is none of our categories; choose, on the import "
                  "form, a category for such rows.") % {"name": v["category_text"]}
                if v["category_text"] else
                _("kategori: the row has none; choose, on the import form, a category for "
                  "such rows."))
        if not any(e.startswith("latitude") for e in row.errors):
            row.errors.extend(_location_errors(v))
    return rows


def is_finished(status: str) -> bool:
    return status.strip().casefold() in FINISHED
