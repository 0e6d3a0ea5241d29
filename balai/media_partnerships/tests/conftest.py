import pytest

from balai.accounts.models import Role
from balai.agencies.models import Membership
from conftest import make_user


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.MEDIA_PARTNERSHIP_PRIVATE_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def petugas_media(db):
    return make_user("media@example.id", Role.PETUGAS_MEDIA, full_name="Rudi Media")


@pytest.fixture
def tim_verifikasi(db):
    return make_user("tim.media@example.id", Role.TIM_VERIFIKASI_MEDIA,
                     full_name="Lina Verifikasi")


@pytest.fixture
def kepala_pupr(db, agency_pupr):
    user = make_user("kepala.pupr@example.id", Role.KEPALA_OPD, full_name="Hendra PUPR")
    Membership.objects.create(user=user, agency=agency_pupr, role=Membership.Role.HEAD)
    return user
