"""The demo office of the correspondence tests: a head, two kabid, four staff and the
front office, all of Diskominfo."""

from dataclasses import dataclass

import pytest

from balai.accounts.models import Role
from balai.agencies.models import Agency
from balai.correspondence.models import Position
from balai.documents.models import Classification
from conftest import make_user


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.CORRESPONDENCE_PRIVATE_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Office:
    agency: Agency
    head: object
    kabid_ikp: object
    kabid_aptika: object
    staff_ikp1: object
    staff_ikp2: object
    staff_aptika1: object
    staff_aptika2: object
    front: object

    @property
    def officials(self):
        return [self.head, self.kabid_ikp, self.kabid_aptika, self.staff_ikp1,
                self.staff_ikp2, self.staff_aptika1, self.staff_aptika2]


def _place(user, agency, title, parent=None):
    return Position.objects.create(user=user, agency=agency, title=title, parent=parent,
                                   unit_code="DISKOMINFO")


@pytest.fixture
def office(db):
    agency, _ = Agency.objects.get_or_create(
        code="diskominfo", defaults={"name": "Dinas Komunikasi dan Informatika",
                                     "short_name": "Diskominfo", "level": Agency.Level.KOTA})
    head = make_user("kadis.surat@example.id", Role.KEPALA_DINAS, full_name="Dr. Hadi Kepala")
    k1 = make_user("kabid.ikp@example.id", Role.OPERATOR_OPD, full_name="Kabid IKP")
    k2 = make_user("kabid.aptika@example.id", Role.OPERATOR_OPD, full_name="Kabid Aptika")
    s = [make_user(f"staf{i}@example.id", Role.OPERATOR_OPD, full_name=f"Staf {i}")
         for i in range(1, 5)]
    front = make_user("surat@example.id", Role.PETUGAS_SURAT, full_name="Front Office")
    ph = _place(head, agency, "Kepala Dinas")
    p1 = _place(k1, agency, "Kepala Bidang IKP", ph)
    p2 = _place(k2, agency, "Kepala Bidang Aptika", ph)
    _place(s[0], agency, "Pranata Humas", p1)
    _place(s[1], agency, "Pengelola Informasi", p1)
    _place(s[2], agency, "Pranata Komputer", p2)
    _place(s[3], agency, "Analis Jaringan", p2)
    return Office(agency, head, k1, k2, *s, front)


@pytest.fixture
def classification(db):
    row, _ = Classification.objects.get_or_create(
        code="000.1.2", defaults={"name": "Tata naskah dinas: surat masuk"})
    return row
