import pytest


@pytest.fixture(autouse=True)
def _files(complaint_files):
    """Complaint photos under the test's tmp folder, as in the complaints tests."""
