import socket

import pytest
from django.utils import timezone

from balai.agencies.models import Agency
from balai.complaints import services as complaint_services
from balai.complaints.models import Category
from balai.complaints.tests import factories
from balai.forwarding import services


@pytest.fixture(autouse=True)
def _files(complaint_files):
    """Photos under the test's tmp folder."""


@pytest.fixture(autouse=True)
def _desk_contact(settings):
    settings.FORWARDING_CONTACT_EMAIL = "desk@kota.example"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def province(malang):
    """The outside body (Dinas PU Bina Marga Jatim in the test city's agencies)."""
    return malang["dpu-bm-jatim"]


@pytest.fixture
def their_category(cats, malang):
    """A service only "their" side offers: the mapping has to translate ours into it."""
    infra = cats["jalan"].group
    return Category.objects.create(code="JLN-PROV", name="Jalan provinsi rusak", group=infra,
                                   agency=malang["pupr"])


@pytest.fixture
def their_key(db, admin):
    from balai.open311.services import api_client_issue

    _client, key = api_client_issue(name="Balai Kota Malang", actor=admin)
    return key


@pytest.fixture
def closed_port():
    """A local port nobody listens on: the outside body is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def endpoint_for(province, their_category, admin):
    def make(base_url: str, key: str = "", mapping=None):
        return services.endpoint_save(
            agency=province, base_url=base_url, jurisdiction_id="", api_key=key,
            service_map={"jalan-rusak": "JLN-PROV"} if mapping is None else mapping,
            actor=admin)
    return make


@pytest.fixture
def complaint_with_photo(cats):
    def make(**extra):
        complaint, _secret = complaint_services.complaint_submit(
            submission=factories.submission(cats["jalan"], **extra),
            photos=[factories.jpeg_with_gps()], now=timezone.now())
        factories.run_photo_worker()
        complaint.refresh_from_db()
        return complaint
    return make


@pytest.fixture
def forward(verifikator, province):
    def make(complaint):
        return complaint_services.complaint_forward(
            complaint=complaint, to_agency=province, reason="Jalan provinsi",
            actor=verifikator)
    return make


@pytest.fixture
def agency_province(province) -> Agency:
    return province
