import pytest


@pytest.fixture(autouse=True)
def _demo_files_in_tmp(settings, tmp_path):
    """The demo signs PPID letters and stores KTP scans: keep them out of var/, and keep
    the demo small (one information request in each state) so the tests stay quick."""
    settings.DOCUMENTS_DEMO_DIR = str(tmp_path / "demo-ca")
    settings.DOCUMENTS_STORAGE_ROOT = str(tmp_path / "pdf")
    settings.DOCUMENTS_SIGNING_P12 = ""
    settings.DOCUMENTS_PDF_STANDARD = ""
    settings.PPID_PRIVATE_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMO_PPID_REQUESTS = 14
