"""Reading a spreadsheet that an officer uploads (CSV or XLSX) as rows of text cells.

The counterpart of `core.exports`: each register's import module (towers, budget) reads the
cells here and checks its own columns row by row, so that its service imports all rows or none.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass
class ImportRow:
    """One row of an upload as its import module checked it."""

    number: int  # the row number as the spreadsheet shows it (the header is row 1)
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


class ImportFileError(ValidationError):
    """The file as a whole cannot be read (wrong type, no header, too many rows)."""


def read_table(name: str, data: bytes) -> list[list[str]]:
    """The file's cells as text, first row the header."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook  # noqa: PLC0415

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise ImportFileError(_("The XLSX file could not be read. Save it again from "
                                    "the spreadsheet program and retry.")) from exc
        sheet = book.worksheets[0]
        return [["" if c is None else str(c).strip() for c in row]
                for row in sheet.iter_rows(values_only=True)]
    if name.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:  # one column, or nothing to tell the delimiter by
            dialect = csv.excel
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    raise ImportFileError(_("Upload a CSV or XLSX file."))


def column_key(header: str, aliases: dict[str, str]) -> str:
    """A header as a column name: lower case, words joined by "_", a known alias resolved."""
    key = re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")
    return aliases.get(key, key)


def read_rows(name: str, data: bytes, *, columns: Sequence[str], required: Sequence[str],
              aliases: dict[str, str], max_rows: int) -> Iterator[tuple[int, dict[str, str]]]:
    """Each non-empty row of the file as (its row number, {column: text}), once the header is
    known to name every `required` column and the file is not longer than `max_rows`."""
    table = [row for row in read_table(name, data) if any(cell for cell in row)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [column_key(h, aliases) for h in table[0]]
    missing = [h for h in required if h not in header]
    if missing:
        raise ImportFileError(_("The header row lacks the columns: %(columns)s. The first "
                                "row must name the columns, for example %(example)s.")
                              % {"columns": ", ".join(missing), "example": ", ".join(columns)})
    if len(table) - 1 > max_rows:
        raise ImportFileError(_("The file has more than %(n)s rows; split it.")
                              % {"n": max_rows})
    for number, cells in enumerate(table[1:], start=2):
        yield number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)}
