"""Spreadsheet exports (CSV and XLSX) that every register and staff list shares.

Cells that a spreadsheet would run as a formula (text starting with =, +, -, @, tab or
carriage return) are written with a leading apostrophe: a citizen's complaint text must
never become a formula on an officer's machine (CSV/formula injection, OWASP).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")


def cell_safe(value):
    """The value as a spreadsheet should store it: text never starts a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) \
            else value
    return value


def _csv_text(value) -> str:
    value = cell_safe(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]):
    """Stream rows as CSV (UTF-8 with BOM so Excel reads the Indonesian text right)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(headers)
        for row in rows:
            yield writer.writerow([_csv_text(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """One sheet, a bold frozen header row; written in openpyxl's streaming mode."""
    from openpyxl import Workbook  # noqa: PLC0415 — heavy, only for exports
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for name in headers:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([cell_safe(v) for v in row])
    with tempfile.TemporaryFile() as handle:
        book.save(handle)
        handle.seek(0)
        return handle.read()


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]):
    response = FileResponse(
        io.BytesIO(xlsx_bytes(title, headers, rows)), as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return response


def export_response(fmt: str, filename: str, title: str, headers: Sequence[str],
                    rows: Iterable[Sequence]):
    """An export as a download no cache keeps: registers and complaint lists carry names,
    contacts and NIKs (issue 23: private downloads answer Cache-Control: no-store)."""
    if fmt == "xlsx":
        response = xlsx_response(filename, title, headers, rows)
    else:
        response = csv_response(filename, headers, rows)
    response["Cache-Control"] = "private, no-store"
    return response
