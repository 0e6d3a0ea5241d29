import pytest

from balai.accounts.models import Role
from balai.agencies.models import Agency
from conftest import make_user


@pytest.fixture(autouse=True)
def _open_data_files(settings, tmp_path):
    """Uploaded files go to the test's own folder, not var/."""
    settings.OPEN_DATA_FILES_ROOT = str(tmp_path / "open-data")


@pytest.fixture
def walidata(db):
    return make_user("data@example.id", Role.WALIDATA, full_name="Wahyu Walidata")


@pytest.fixture
def dinkes(db):
    agency, _ = Agency.objects.get_or_create(code="dinkes", defaults={
        "name": "Dinas Kesehatan", "short_name": "Dinkes", "level": Agency.Level.KOTA})
    return agency


@pytest.fixture
def dlh_agency(db):
    agency, _ = Agency.objects.get_or_create(code="dlh", defaults={
        "name": "Dinas Lingkungan Hidup", "short_name": "DLH", "level": Agency.Level.KOTA})
    return agency
