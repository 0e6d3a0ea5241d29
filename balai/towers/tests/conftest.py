import pytest

from balai.accounts.models import Role
from conftest import make_user


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.TOWERS_PRIVATE_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def petugas_menara(db):
    return make_user("menara@example.id", Role.PETUGAS_MENARA, full_name="Fajar Menara")


@pytest.fixture(scope="session")
def _towers_demo_signer_dir(tmp_path_factory):
    from balai.documents.signing import demo_ca_create

    directory = tmp_path_factory.mktemp("towers-demo-ca")
    demo_ca_create(directory=directory)
    return directory


@pytest.fixture
def signing(settings, tmp_path, _towers_demo_signer_dir):
    """Letters signed by a demo CA and stored under tmp."""
    settings.DOCUMENTS_DEMO_DIR = str(_towers_demo_signer_dir)
    settings.DOCUMENTS_STORAGE_ROOT = str(tmp_path / "pdf")
    settings.DOCUMENTS_SIGNING_P12 = ""
    settings.DOCUMENTS_PDF_STANDARD = ""
