"""Finding personal data in a table before it is published (pure rules, no ORM).

A dataset on the portal never carries a person (UU 27/2022 on personal data; Perpres 39/2019
publishes data, not people): a column named like a personal field, or a cell that reads like a
NIK, a phone number or an e-mail address, stops the upload with the column and row named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

NIK = re.compile(r"(?<!\d)[1-9]\d{15}(?!\d)")
PHONE = re.compile(r"(?<![\d.,])(?:\+62|62|0)8\d{7,11}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PERSONAL_COLUMNS = re.compile(
    r"^(nik|no_?ktp|nomor_?ktp|kk|no_?kk|nama_?(pelapor|pemohon|warga|pasien|penduduk)|"
    r"(no_?)?(hp|telepon|telp|wa|whatsapp)|e_?mail|alamat_?(rumah|pelapor|pemohon)|"
    r"tanggal_?lahir|tgl_?lahir)$")


@dataclass(frozen=True)
class Finding:
    column: str
    row: int  # 1 = the header row
    kind: str  # "column", "nik", "phone", "email"


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def scan(headers: Sequence[str], rows: Iterable[Sequence], *, limit: int = 20) -> list[Finding]:
    """Up to `limit` findings: personal column names first, then cells row by row."""
    findings = [Finding(h, 1, "column") for h in headers if PERSONAL_COLUMNS.match(_norm(h))]
    for number, row in enumerate(rows, start=2):
        for header, cell in zip(headers, row, strict=False):
            text = "" if cell is None else str(cell)
            for kind, pattern in (("nik", NIK), ("phone", PHONE), ("email", EMAIL)):
                if pattern.search(text):
                    findings.append(Finding(header, number, kind))
                    break
        if len(findings) >= limit:
            break
    return findings[:limit]
