import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from balai.accounts.models import Role
from balai.agencies.models import Membership
from balai.api.services import staff_token_issue
from balai.complaints import services as complaint_services
from balai.complaints.tests import factories
from balai.ppid.tests import conftest as ppid_conftest
from conftest import make_user

# The PPID tests' private-file folder and the PPID pembantu of PUPR and of DLH.
_private_files = ppid_conftest._private_files
diskominfo = ppid_conftest.diskominfo
ppid_pembantu = ppid_conftest.ppid_pembantu
ppid_pembantu_other = ppid_conftest.ppid_pembantu_other


@pytest.fixture(autouse=True)
def _files(complaint_files):
    """Complaint photos under the test's tmp folder (`malang`, `cats`: root conftest.py)."""


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def submit(cats):
    """A complaint through the real service; `verify_as` disposes it as that verifier."""
    def make(category="jalan", *, verify_as=None, at=factories.ALUN_ALUN, now=None, **extra):
        complaint, _secret = complaint_services.complaint_submit(
            submission=factories.submission(cats[category], at=at, **extra),
            now=now or timezone.now())
        if verify_as is not None:
            complaint = complaint_services.complaint_verify(complaint=complaint,
                                                            actor=verify_as)
        return complaint
    return make


@pytest.fixture
def token_for(admin):
    """`token_for(user)` issues a token as the admin does and returns an API client using it."""
    def make(user, *, scheme="Token"):
        _token, key = staff_token_issue(user=user, name="uji", actor=admin)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"{scheme} {key}")
        client.key = key
        return client
    return make


@pytest.fixture
def kepala_opd(db, agency_pupr):
    user = make_user("kepala.pupr@example.id", Role.KEPALA_OPD)
    Membership.objects.create(user=user, agency=agency_pupr, role=Membership.Role.HEAD)
    return user


@pytest.fixture
def petugas_112(db):
    return make_user("petugas112@example.id", Role.PETUGAS_112)
