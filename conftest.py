"""Personas shared by every app's tests (STYLE.md, Tests)."""

import pytest

from balai.accounts.models import Role, User
from balai.agencies.models import Agency, Membership

PASSWORD = "rahasia-uji-123"  # noqa: S105


def make_user(email: str, role: str, **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD,
                                    full_name=extra.pop("full_name", email.split("@")[0]),
                                    role=role, **extra)
    return user


@pytest.fixture(autouse=True)
def _fresh_work_calendar():
    """Each test starts with the working-day calendar rebuilt from its own database."""
    from balai.core.calendar import invalidate_work_calendar

    invalidate_work_calendar()
    yield
    invalidate_work_calendar()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def agency_pupr(db):
    return Agency.objects.create(code="pupr", name="Dinas Pekerjaan Umum dan Penataan Ruang",
                                 short_name="Dinas PUPR", level=Agency.Level.KOTA)


@pytest.fixture
def agency_dlh(db):
    return Agency.objects.create(code="dlh", name="Dinas Lingkungan Hidup", short_name="DLH",
                                 level=Agency.Level.KOTA)


@pytest.fixture
def warga(db):
    return make_user("warga@example.id", Role.WARGA, full_name="Siti Warga",
                     phone="081234567890")


@pytest.fixture
def verifikator(db):
    return make_user("verifikator@example.id", Role.VERIFIKATOR)


@pytest.fixture
def operator_opd(db, agency_pupr):
    user = make_user("operator.pupr@example.id", Role.OPERATOR_OPD)
    Membership.objects.create(user=user, agency=agency_pupr, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def operator_other_opd(db, agency_dlh):
    user = make_user("operator.dlh@example.id", Role.OPERATOR_OPD)
    Membership.objects.create(user=user, agency=agency_dlh, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def petugas_ppid(db):
    return make_user("ppid@example.id", Role.PETUGAS_PPID)


@pytest.fixture
def atasan_ppid(db):
    return make_user("atasan.ppid@example.id", Role.ATASAN_PPID)


@pytest.fixture
def kepala_dinas(db):
    return make_user("kadis@example.id", Role.KEPALA_DINAS)


@pytest.fixture
def admin(db):
    return User.objects.create_superuser(email="admin@example.id", password=PASSWORD)
