import pytest


@pytest.fixture(autouse=True)
def _files(complaint_files):
    """Every complaint test keeps its photos under its own tmp folder (the city and its
    categories, `malang` and `cats`, come from the root conftest.py)."""
