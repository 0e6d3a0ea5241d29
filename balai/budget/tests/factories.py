"""Budget files as officers upload them, built from rows the tests can sum themselves."""

from __future__ import annotations

import csv
import io

from balai.budget import imports

HEADER = imports.HEADERS


def csv_bytes(rows, header=HEADER, delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows, header=HEADER) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def line(agency: str, sub: str, account: str, amount, *, names: dict | None = None,
         skpd_code: str = "2.16.0.00.0.00.01.0000"):
    """A belanja row under `sub` (its kegiatan and program taken from its code)."""
    names = names or {}
    kegiatan = sub.rsplit(".", 1)[0]
    program = kegiatan.rsplit(".", 2)[0]
    return (skpd_code, agency, program, names.get(program, f"Program {program}"), kegiatan,
            names.get(kegiatan, f"Kegiatan {kegiatan}"), sub,
            names.get(sub, f"Sub kegiatan {sub}"), account, f"Rekening {account}", amount)


def revenue(agency: str, account: str, amount):
    return ("5.02.0.00.0.00.01.0000", agency, "", "", "", "", "", "", account,
            f"Pendapatan {account}", amount)
