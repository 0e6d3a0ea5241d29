"""Personal data found in a table before it can be published."""

import pytest

from balai.open_data import privacy


@pytest.mark.parametrize(("cell", "kind"), [
    ("3573024107900001", "nik"), ("NIK 3573024107900001", "nik"),
    ("081234567890", "phone"), ("+6281234567890", "phone"), ("telp 6285755512345", "phone"),
    ("siti@example.id", "email"),
])
def test_cells_that_identify_a_person_are_found(cell, kind):
    [finding] = privacy.scan(["keterangan"], [["ok"], [cell]])
    assert (finding.row, finding.column, finding.kind) == (3, "keterangan", kind)


@pytest.mark.parametrize("header", ["NIK", "Nama Pelapor", "No HP", "e-mail", "tgl_lahir",
                                    "Alamat Rumah"])
def test_columns_named_like_personal_fields_are_found(header):
    assert privacy.scan([header, "jumlah"], [["-", 1]])[0].kind == "column"


@pytest.mark.parametrize("cell", ["2450000000000", "35.73.02.1004", "2026-11-30", "0,85",
                                  "Rp1.250.000", "12.345.678.901.234.567"])
def test_amounts_codes_and_dates_are_not_people(cell):
    assert privacy.scan(["nilai"], [[cell]]) == []
