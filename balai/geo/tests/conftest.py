import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the import and CLI messages in their English source text; the
    Indonesian catalogue (the default language) is exercised by the UI tests."""
    with translation.override("en"):
        yield
