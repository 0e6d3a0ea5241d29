import pytest

from balai.documents.signing import demo_ca_create


@pytest.fixture(scope="session")
def _demo_signer_dir(tmp_path_factory):
    # One demo CA for the session: EC keys are cheap, but every test sharing one root
    # mirrors production, where letters of different days validate against the same CA.
    directory = tmp_path_factory.mktemp("demo-ca")
    demo_ca_create(directory=directory)
    return directory


@pytest.fixture(autouse=True)
def _documents_settings(settings, tmp_path, _demo_signer_dir):
    settings.DOCUMENTS_DEMO_DIR = str(_demo_signer_dir)
    settings.DOCUMENTS_STORAGE_ROOT = str(tmp_path / "pdf")
    settings.DOCUMENTS_SIGNING_P12 = ""
    settings.SITE_URL = "https://layanan.example.go.id"
