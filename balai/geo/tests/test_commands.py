import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from balai.demo.loader import BOUNDARIES
from balai.geo.models import Area


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def malang(db):
    run("import_areas", str(BOUNDARIES), "--no-progress")


def test_import_areas_prints_the_report_with_the_repair(db):
    out = run("import_areas", str(BOUNDARIES), "--no-progress")
    assert "63 created" in out and "35.73.03.1005" in out
    assert "63 unchanged" in run("import_areas", str(BOUNDARIES), "--no-progress")


def test_import_areas_turns_a_bad_file_into_a_command_error(db, tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text("[]")
    with pytest.raises(CommandError, match="FeatureCollection"):
        run("import_areas", str(path), "--no-progress")
    assert Area.objects.count() == 0


def test_locate_json_shape_with_a_negative_latitude(malang):
    data = json.loads(run("locate", "-7.9826", "112.6308", "--json"))
    assert set(data) == {"inside", "areas", "road"}
    assert data["inside"] is True
    assert data["areas"][-1] == {"code": "35.73.02.1004", "name": "Kiduldalem",
                                 "level": "kelurahan"}
    assert all(set(a) == {"code", "name", "level"} for a in data["areas"])
    assert data["road"] is None  # no roads imported here


def test_locate_json_outside(malang):
    data = json.loads(run("locate", "-6.9025", "107.6188", "--json"))
    assert data == {"inside": False, "areas": [], "road": None}


def test_locate_readable_output(malang):
    out = run("locate", "-7.9525", "112.6144")
    assert "Ketawanggede" in out and "35.73.05.1006" in out


def test_locate_rejects_nonsense(malang):
    with pytest.raises(CommandError):
        run("locate", "abc", "112.6")


def test_console_script_accepts_a_negative_latitude(tmp_path):
    """The installed `balai` entry point, on its own SQLite file."""
    balai = Path(sys.executable).parent / "balai"
    env = {"SQLITE_PATH": str(tmp_path / "cli.sqlite3"), "PATH": "/usr/bin:/bin",
           "BALAI_VAR_DIR": str(tmp_path)}
    subprocess.run([balai, "migrate", "-v0"], check=True, env=env, capture_output=True)
    subprocess.run([balai, "import-areas", str(BOUNDARIES), "--no-progress"], check=True,
                   env=env, capture_output=True)
    out = subprocess.run([balai, "locate", "-7.9826", "112.6308", "--json"], check=True,
                         env=env, capture_output=True, text=True).stdout
    assert json.loads(out)["areas"][-1]["code"] == "35.73.02.1004"


def test_locate_json_reports_the_demo_road_at_the_alun_alun(malang):
    from balai.agencies.models import Agency
    from balai.demo.loader import ROADS

    for code in ["bbpjn-jatim", "dpu-bm-jatim", "pupr", "dpupr-kab-malang", "kec-klojen",
                 "kec-blimbing", "kec-kedungkandang", "kec-sukun", "kec-lowokwaru"]:
        Agency.objects.create(code=code, name=f"Kantor {code}")
    assert "20 created" in run("import_roads", str(ROADS), "--no-progress")
    data = json.loads(run("locate", "-7.9826", "112.6308", "--json"))
    assert set(data["road"]) == {"name", "status", "agency", "distance_m"}
    assert data["road"]["status"] == "kota" and data["road"]["agency"] == "Kantor pupr"
    assert 0 < data["road"]["distance_m"] < 15
