import pytest

from balai.accounts.models import Role
from balai.agencies.models import Agency, Membership
from conftest import make_user


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PPID_PRIVATE_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def diskominfo(db):
    return Agency.objects.get_or_create(code="diskominfo", defaults={
        "name": "Dinas Komunikasi dan Informatika", "short_name": "Diskominfo"})[0]


@pytest.fixture
def ppid_pembantu(db, agency_pupr):
    """The PPID pembantu of Dinas PUPR."""
    user = make_user("ppid.pupr@example.id", Role.PETUGAS_PPID, full_name="Yusuf PUPR")
    Membership.objects.create(user=user, agency=agency_pupr, role=Membership.Role.PPID_OFFICER)
    return user


@pytest.fixture
def ppid_pembantu_other(db, agency_dlh):
    """The PPID pembantu of another OPD (DLH), who must see nothing of PUPR's."""
    user = make_user("ppid.dlh@example.id", Role.PETUGAS_PPID, full_name="Dewi DLH")
    Membership.objects.create(user=user, agency=agency_dlh, role=Membership.Role.PPID_OFFICER)
    return user
