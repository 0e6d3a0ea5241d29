import pytest
from django.utils import timezone

from balai.complaints import services as complaint_services
from balai.complaints.tests import factories


@pytest.fixture(autouse=True)
def _files(complaint_files):
    """Photos under the test's tmp folder, as in the complaint tests (the city and its
    categories, `malang` and `cats`, come from the root conftest.py)."""


@pytest.fixture
def submit(cats, verifikator):
    """A complaint through the real service; `verified=True` makes it public."""
    def make(category="sampah", *, verified=True, at=factories.ALUN_ALUN, now=None,
             photos=(), **extra):
        complaint, _secret = complaint_services.complaint_submit(
            submission=factories.submission(cats[category], at=at, **extra),
            photos=photos, now=now or timezone.now())
        factories.run_photo_worker()  # the photos are re-encoded in the background
        if verified:
            complaint = complaint_services.complaint_verify(complaint=complaint,
                                                            actor=verifikator)
        return complaint
    return make


@pytest.fixture
def api_key(db, admin):
    """An active Open311 client's key, issued through the service as the admin does."""
    from balai.open311.services import api_client_issue

    _client, key = api_client_issue(name="Aplikasi Warga", actor=admin)
    return key


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def client_en(client, settings):
    """A client that chose English with the language switch (Indonesian is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
