"""`balai workdays` (DESIGN.md §3, §6): JSON and readable output, errors, the console script."""

import json
import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from balai.core.calendar import invalidate_work_calendar
from balai.core.models import Holiday

EXPECTED_17_MARCH_PLUS_10 = {
    "start": "2026-03-17",
    "due": "2026-04-08",
    "skipped": [
        {"date": "2026-03-18", "reason": "Cuti Bersama Hari Suci Nyepi"},
        {"date": "2026-03-19", "reason": "Hari Suci Nyepi"},
        {"date": "2026-03-20", "reason": "Cuti Bersama Hari Raya Idul Fitri"},
        {"date": "2026-03-21", "reason": "Hari Raya Idul Fitri (Sabtu)"},
        {"date": "2026-03-22", "reason": "Hari kedua dari Hari Raya Idul Fitri (Minggu)"},
        {"date": "2026-03-23", "reason": "Cuti Bersama Hari Raya Idul Fitri"},
        {"date": "2026-03-24", "reason": "Cuti Bersama Hari Raya Idul Fitri"},
        {"date": "2026-03-28", "reason": "Sabtu"},
        {"date": "2026-03-29", "reason": "Minggu"},
        {"date": "2026-04-03", "reason": "Wafat Yesus Kristus"},
        {"date": "2026-04-04", "reason": "Sabtu"},
        {"date": "2026-04-05", "reason": "Kebangkitan Yesus Kristus (Minggu)"},
    ],
}


@pytest.fixture(autouse=True)
def fresh_calendar(settings):
    settings.OFFICE_HOURS_START = "08:00"
    settings.OFFICE_HOURS_END = "16:00"
    settings.TIME_ZONE = "Asia/Jakarta"
    invalidate_work_calendar()
    yield
    invalidate_work_calendar()


def run(*args) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_add_json_lists_due_date_and_every_skipped_day(db):
    assert json.loads(run("add", "2026-03-17", "10", "--json")) == EXPECTED_17_MARCH_PLUS_10


def test_add_after_office_hours_shows_the_effective_day_zero(db):
    data = json.loads(run("add", "2026-03-17T17:30+07:00", "10", "--json"))
    assert (data["start"], data["due"]) == ("2026-03-25", "2026-04-09")


def test_add_with_a_time_without_offset_reads_it_in_the_installation_zone(db):
    data = json.loads(run("add", "2026-03-17T15:00", "1", "--json"))
    assert (data["start"], data["due"]) == ("2026-03-17", "2026-03-25")


def test_add_on_a_saturday_counts_from_monday(db):
    data = json.loads(run("add", "2026-03-14T09:00+07:00", "1", "--json"))
    assert (data["start"], data["due"]) == ("2026-03-16", "2026-03-17")


def test_add_sees_admin_holiday_rows(db):
    Holiday.objects.create(date=date(2026, 4, 8), name="Hari Jadi Kota",
                           kind=Holiday.Kind.REGIONAL)
    data = json.loads(run("add", "2026-03-17", "10", "--json"))
    assert data["due"] == "2026-04-09"
    assert {"date": "2026-04-08", "reason": "Hari Jadi Kota"} in data["skipped"]


def test_add_without_json_explains_in_indonesian(db):
    text = run("add", "2026-03-17", "10")
    assert "Hari ke-0: Selasa, 2026-03-17" in text
    assert "10 hari kerja kemudian: Rabu, 2026-04-08" in text
    assert "Jumat, 2026-03-20  Cuti Bersama Hari Raya Idul Fitri" in text


def test_add_without_json_says_why_day_zero_moved(db):
    text = run("add", "2026-03-17T17:30+07:00", "1")
    assert "hari ke-0: Rabu, 2026-03-25" in text
    assert "setelah jam kerja" in text
    assert "Sabtu" in run("add", "2026-03-14T09:00+07:00", "1")


def test_between_counts_working_days_after_a_up_to_b(db):
    data = json.loads(run("between", "2026-03-17", "2026-04-08", "--json"))
    assert data["workdays"] == 10
    assert len(data["skipped"]) == 12


def test_between_is_negative_when_b_comes_first(db):
    data = json.loads(run("between", "2026-04-08", "2026-03-17", "--json"))
    assert data["workdays"] == -10


def test_between_without_json_prints_the_count(db):
    assert "2026-04-08: 10" in run("between", "2026-03-17", "2026-04-08")


@pytest.mark.parametrize("args, message", [
    (("add", "2026-13-01", "3"), "Tanggal tidak dikenali"),
    (("add", "kemarin", "3"), "Tanggal tidak dikenali"),
    (("add", "2026-03-17", "-1"), "tidak boleh negatif"),
    (("add", "2026-03-17", "sepuluh"), "bilangan bulat"),
    (("between", "2026-03-17", "2026-02-30"), "Tanggal tidak dikenali"),
])
def test_bad_input_gives_a_clear_error(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_missing_subcommand_is_an_error(db):
    with pytest.raises(CommandError):
        run()


def test_console_script_prints_the_same_json(tmp_path):
    # A fresh, unmigrated database: the command falls back to the national calendar and
    # warns on stderr, so stdout stays clean JSON.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BALAI_VAR_DIR=str(tmp_path), TIME_ZONE="Asia/Jakarta")
    script = Path(sys.executable).with_name("balai")
    result = subprocess.run([str(script), "workdays", "add", "2026-03-17", "10", "--json"],
                            capture_output=True, text=True, env=env, timeout=60, check=True)
    assert json.loads(result.stdout) == EXPECTED_17_MARCH_PLUS_10


def test_console_script_reads_a_migrated_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BALAI_VAR_DIR=str(tmp_path), TIME_ZONE="Asia/Jakarta")
    script = str(Path(sys.executable).with_name("balai"))
    subprocess.run([script, "migrate", "core", "--no-input", "-v", "0"], env=env,
                   capture_output=True, text=True, timeout=120, check=True)
    result = subprocess.run([script, "workdays", "add", "2026-03-17T17:30+07:00", "10",
                             "--json"], capture_output=True, text=True, env=env, timeout=60,
                            check=True)
    assert result.stderr == ""
    assert json.loads(result.stdout)["due"] == "2026-04-09"
