import pytest
from django.db import transaction
from django.test import override_settings

from balai.demo.loader import load_demo_city
from balai.demo.ppid import KINDS


@pytest.fixture(scope="module")
def _demo_files(tmp_path_factory):
    """The demo signs PPID letters and stores KTP scans and photos: keep them out of var/, in
    one folder per module (the demo city is loaded once per module), and keep the demo small
    (one information request of each kind the story tells) so the tests stay quick."""
    root = tmp_path_factory.mktemp("demo")
    with override_settings(DOCUMENTS_DEMO_DIR=str(root / "demo-ca"),
                           DOCUMENTS_STORAGE_ROOT=str(root / "pdf"),
                           DOCUMENTS_SIGNING_P12="", DOCUMENTS_PDF_STANDARD="",
                           PPID_PRIVATE_ROOT=str(root / "private"),
                           CORRESPONDENCE_PRIVATE_ROOT=str(root / "correspondence-private"),
                           MEDIA_PARTNERSHIP_PRIVATE_ROOT=str(root / "media-private"),
                           COMPLAINT_ORIGINALS_ROOT=str(root / "originals"),
                           BUDGET_FILES_ROOT=str(root / "budget"),
                           OPEN_DATA_FILES_ROOT=str(root / "open-data"),
                           MEDIA_ROOT=root / "media", DEMO_PPID_REQUESTS=len(KINDS),
                           DEMO_CORRESPONDENCE_LETTERS=40):
        yield root


@pytest.fixture(scope="module")
def _demo_city_once(_demo_files, django_db_setup, django_db_blocker):
    """The demo city loaded once for the module's tests (what `balai demo` does), inside a
    transaction rolled back after the module; each test runs in a savepoint of it, so what
    a test writes is undone."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo_city(progress=False)
        transaction.set_rollback(True)


@pytest.fixture
def demo_city(_demo_city_once, db):
    """The demo city (Kota Malang) as `make run` loads it: the loader's report."""
    return _demo_city_once


@pytest.fixture(autouse=True)
def _demo_settings(_demo_files):
    """Tests without the demo city write their files in the module's folder too."""
