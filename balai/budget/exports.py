"""The published budget as files: one table of lines (CSV/XLSX) and a Fiscal Data Package
(OpenSpending's datapackage.json beside the same CSV, reference/registries-and-portal.md §4)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.conf import settings

from balai.budget import selectors

COLUMNS = ("tahun", "tahap", "kode_skpd", "nama_skpd", "kode_program", "nama_program",
           "kode_kegiatan", "nama_kegiatan", "kode_sub_kegiatan", "nama_sub_kegiatan",
           "kode_rekening", "nama_rekening", "nilai")


def rows(year: int):
    for line in selectors.export_lines(year).iterator(chunk_size=2000):
        yield (line.year, line.stage, line.skpd_code, line.agency.name, line.program_code,
               line.program_name, line.kegiatan_code, line.kegiatan_name,
               line.sub_kegiatan_code, line.sub_kegiatan_name, line.account_code,
               line.account_name, line.amount)


def _field(name: str, title: str, kind: str = "string") -> dict:
    return {"name": name, "title": title, "type": kind}


def descriptor(year: int, *, installation: str) -> dict:
    """datapackage.json of the Fiscal Data Package (profile 0.3: a schema for the CSV and a
    model naming the measure and the dimensions), so OpenSpending-style tools read it."""
    fields = [
        _field("tahun", "Tahun anggaran", "integer"), _field("tahap", "Tahap"),
        _field("kode_skpd", "Kode SKPD"), _field("nama_skpd", "Perangkat daerah"),
        _field("kode_program", "Kode program"), _field("nama_program", "Program"),
        _field("kode_kegiatan", "Kode kegiatan"), _field("nama_kegiatan", "Kegiatan"),
        _field("kode_sub_kegiatan", "Kode sub kegiatan"),
        _field("nama_sub_kegiatan", "Sub kegiatan"),
        _field("kode_rekening", "Kode rekening"), _field("nama_rekening", "Rekening"),
        _field("nilai", "Nilai (Rp)", "integer"),
    ]
    return {
        "name": f"apbd-{year}",
        "title": f"APBD {installation} {year}",
        "profile": "fiscal-data-package",
        "countryCode": "ID",
        "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "licenses": [{"name": "CC-BY-4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [{
            "name": "apbd", "path": f"apbd-{year}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": {"fields": fields},
        }],
        "model": {
            "measures": {"nilai": {"source": "nilai", "currency": "IDR"}},
            "dimensions": {
                "tahun": {"dimensionType": "datetime", "primaryKey": ["tahun"],
                          "attributes": {"tahun": {"source": "tahun"}}},
                "tahap": {"dimensionType": "other", "primaryKey": ["tahap"],
                          "attributes": {"tahap": {"source": "tahap"}}},
                "skpd": {"dimensionType": "entity", "primaryKey": ["kode_skpd", "nama_skpd"],
                         "attributes": {"kode_skpd": {"source": "kode_skpd"},
                                        "nama_skpd": {"source": "nama_skpd"}}},
                "program": {"dimensionType": "activity", "primaryKey": ["kode_program"],
                            "attributes": {"kode_program": {"source": "kode_program"},
                                           "nama_program": {"source": "nama_program",
                                                            "labelfor": "kode_program"}}},
                "kegiatan": {"dimensionType": "activity", "primaryKey": ["kode_kegiatan"],
                             "attributes": {"kode_kegiatan": {"source": "kode_kegiatan",
                                                              "parent": "kode_program"},
                                            "nama_kegiatan": {"source": "nama_kegiatan",
                                                              "labelfor": "kode_kegiatan"}}},
                "sub_kegiatan": {
                    "dimensionType": "activity", "primaryKey": ["kode_sub_kegiatan"],
                    "attributes": {"kode_sub_kegiatan": {"source": "kode_sub_kegiatan",
                                                         "parent": "kode_kegiatan"},
                                   "nama_sub_kegiatan": {"source": "nama_sub_kegiatan",
                                                         "labelfor": "kode_sub_kegiatan"}}},
                "rekening": {"dimensionType": "classification", "classificationType": "functional",
                             "primaryKey": ["kode_rekening"],
                             "attributes": {"kode_rekening": {"source": "kode_rekening"},
                                            "nama_rekening": {"source": "nama_rekening",
                                                              "labelfor": "kode_rekening"}}},
            },
        },
    }


def data_package(year: int) -> bytes:
    """A ZIP with datapackage.json and the year's lines as CSV."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    writer.writerows(rows(year))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(
            descriptor(year, installation=settings.BALAI_INSTALLATION["pemda_name"]), indent=2,
            ensure_ascii=False))
        archive.writestr(f"apbd-{year}.csv", text.getvalue())
    return out.getvalue()
