"""Importing a budget stage: every row checked, a file with one bad row imports nothing and
says what to correct on which row; a good file replaces the stage whole."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from balai.budget import imports, services
from balai.budget.models import BudgetImport, BudgetLine, Stage
from balai.budget.tests import factories as f
from balai.core.audit import audit_trail
from balai.core.imports import ImportFileError

pytestmark = pytest.mark.django_db

SUB_A = "2.16.02.2.01.0005"
SUB_B = "2.16.03.2.02.0006"


def _parse(data: bytes, name="apbd.csv"):
    return imports.parse(name, data, agencies=services.agency_lookup())


def _import(data, walidata, *, year=2026, stage=Stage.MURNI, name="apbd.csv"):
    rows = _parse(data, name)
    return services.budget_stage_import(year=year, stage=stage, rows=rows, filename=name,
                                        data=data, actor=walidata)


def good_rows():
    return [
        f.line("Diskominfo", SUB_A, "5.1.02.02.01.0063", "150.000.000"),
        f.line("Dinas Komunikasi dan Informatika", SUB_A, "5.1.02.01.01.0024", "12.500.000"),
        f.line("pupr", "1.03.10.2.01.0013", "5.2.04.01.01.0012", "2.450.000.000",
               skpd_code="1.03.0.00.0.00.01.0000"),
        f.revenue("BPKAD", "4.1.01.07.01.0001", "138.000.000.000"),
    ]


def test_a_good_file_becomes_the_published_stage(opds, walidata):
    batch = _import(f.csv_bytes(good_rows()), walidata)
    assert batch.rows == 4 and batch.total == 150_000_000 + 12_500_000 + 2_450_000_000 + \
        138_000_000_000
    lines = BudgetLine.objects.filter(budget_import=batch)
    assert sorted(lines.values_list("agency__code", flat=True)) == \
        ["bpkad", "diskominfo", "diskominfo", "pupr"]
    [entry] = audit_trail(batch)
    assert entry.action == "budget.imported" and entry.data["rows"] == 4


def test_a_file_with_one_bad_row_imports_nothing_and_names_every_error(opds, walidata):
    _import(f.csv_bytes(good_rows()), walidata)
    rows = good_rows() + [
        f.line("Dinas Rahasia", SUB_A, "5.1.02.01.01.0052", "1.000.000"),  # unknown agency
        f.line("Diskominfo", "2.16.02.2.01", "5.1.02.01.01.0052", "1.000.000"),  # bad sub code
        f.line("Diskominfo", SUB_B, "9.9", "satu juta"),  # bad account and amount
        f.revenue("BPKAD", "4.1.01.06.01.0001", "-5"),
    ]
    # a sub-kegiatan that is not under its kegiatan
    row = list(f.line("Diskominfo", SUB_A, "5.1.02.01.01.0035", "5.000.000"))
    row[6] = "2.16.03.2.02.0005"
    rows.append(tuple(row))
    checked = _parse(f.csv_bytes(rows))
    bad = {row.number: " ".join(row.errors) for row in checked if row.errors}
    assert sorted(bad) == [6, 7, 8, 9, 10]
    assert "Dinas Rahasia" in bad[6] and "bukan perangkat daerah" in bad[6]
    assert "kode_sub_kegiatan" in bad[7]
    assert "kode_rekening" in bad[8] and "nilai" in bad[8]
    assert "nilai" in bad[9]
    assert "tidak berada di bawah kegiatan" in bad[10]
    with pytest.raises(ValidationError):
        services.budget_stage_import(year=2026, stage=Stage.MURNI, rows=checked, data=b"x",
                                     filename="apbd.csv", actor=walidata)
    # The stage as published before is untouched.
    assert BudgetImport.objects.filter(is_current=True).count() == 1
    assert BudgetLine.objects.count() == 4


def test_a_second_import_replaces_the_stage_whole(opds, walidata):
    first = _import(f.csv_bytes(good_rows()), walidata)
    second = _import(f.csv_bytes(good_rows()[:2]), walidata)
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert BudgetLine.objects.count() == 2
    assert audit_trail(second)[0].data["replaced"] == [first.pk]


def test_stages_and_years_stay_apart(opds, walidata):
    _import(f.csv_bytes(good_rows()), walidata, stage=Stage.MURNI)
    _import(f.csv_bytes(good_rows()[:1]), walidata, stage=Stage.REALISASI)
    _import(f.csv_bytes(good_rows()[:3]), walidata, year=2025)
    assert BudgetImport.objects.filter(is_current=True).count() == 3
    assert BudgetLine.objects.count() == 4 + 1 + 3


def test_an_xlsx_export_with_sipd_headers_and_number_cells_is_read(opds, walidata):
    header = ("Kode SKPD", "SKPD", "Kode Program", "Program", "Kode Kegiatan", "Kegiatan",
              "Kode Sub Kegiatan", "Sub Kegiatan", "Kode Akun", "Nama Akun", "Pagu")
    rows = [(*row[:-1], int(row[-1].replace(".", ""))) for row in good_rows()]
    batch = _import(f.xlsx_bytes(rows, header=header), walidata, name="apbd.xlsx")
    assert batch.total == sum(row[-1] for row in rows)


def test_a_semicolon_csv_from_an_indonesian_excel_is_read(opds, walidata):
    batch = _import(f.csv_bytes(good_rows(), delimiter=";"), walidata)
    assert batch.rows == 4


def test_one_code_with_two_names_and_a_line_twice_are_refused(opds, walidata):
    rows = [f.line("Diskominfo", SUB_A, "5.1.02.01.01.0024", "1.000.000"),
            f.line("Diskominfo", SUB_A, "5.1.02.01.01.0024", "2.000.000"),
            f.line("Diskominfo", SUB_A, "5.1.02.01.01.0052", "3.000.000",
                   names={SUB_A: "Nama lain"})]
    checked = _parse(f.csv_bytes(rows))
    assert "baris 2" in " ".join(checked[1].errors)
    assert "Nama lain" not in " ".join(checked[2].errors)
    assert "nama_sub_kegiatan" in " ".join(checked[2].errors)


def test_a_file_without_the_required_columns_is_refused_as_a_whole(opds):
    with pytest.raises(ImportFileError) as exc:
        _parse(f.csv_bytes([("x", "y")], header=("opd", "jumlah_anggaran")))
    assert "kode_rekening" in exc.value.messages[0]


def test_only_the_data_officer_imports(opds, kepala_dinas):
    rows = _parse(f.csv_bytes(good_rows()))
    with pytest.raises(PermissionDenied):
        services.budget_stage_import(year=2026, stage=Stage.MURNI, rows=rows, data=b"",
                                     filename="apbd.csv", actor=kepala_dinas)
