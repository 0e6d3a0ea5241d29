import pytest


@pytest.fixture(autouse=True)
def _documents_settings(settings, tmp_path, _demo_signer_ca):
    # One demo CA for the session (the root conftest's): EC keys are cheap, but every test
    # sharing one root mirrors production, where letters of different days validate
    # against the same CA.
    settings.DOCUMENTS_DEMO_DIR = str(_demo_signer_ca)
    settings.DOCUMENTS_STORAGE_ROOT = str(tmp_path / "pdf")
    settings.DOCUMENTS_SIGNING_P12 = ""
    settings.SITE_URL = "https://layanan.example.go.id"
