import pytest

from balai.accounts.models import Role
from balai.agencies.models import Agency
from conftest import make_user


@pytest.fixture(autouse=True)
def _budget_files(settings, tmp_path):
    """Published PDFs go to the test's own folder, not var/."""
    settings.BUDGET_FILES_ROOT = str(tmp_path / "budget")


@pytest.fixture
def walidata(db):
    return make_user("data@example.id", Role.WALIDATA, full_name="Wahyu Walidata")


@pytest.fixture
def opds(db):
    """Three agencies a budget file names (by name, short name or code)."""
    made = {}
    for code, name, short in (
            ("diskominfo", "Dinas Komunikasi dan Informatika", "Diskominfo"),
            ("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR"),
            ("bpkad", "Badan Pengelola Keuangan dan Aset Daerah", "BPKAD")):
        made[code], _ = Agency.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": short,
                                 "level": Agency.Level.KOTA})
    return made
