import pytest

from balai.public_services import standard
from balai.public_services.tests import factories


def test_fourteen_components_six_and_eight():
    assert len(standard.COMPONENTS) == 14
    parts = [c.part for c in standard.COMPONENTS]
    assert parts.count(standard.DELIVERY) == 6 and parts.count(standard.MANUFACTURING) == 8


@pytest.mark.django_db
def test_complete_standard_misses_nothing(agency_pupr, admin):
    service = factories.service(agency_pupr, admin)
    assert standard.missing(standard.snapshot(service)) == []


@pytest.mark.django_db
def test_empty_standard_misses_all_fourteen(agency_pupr, admin):
    service = factories.service(agency_pupr, admin, complete=False)
    assert len(standard.missing(standard.snapshot(service))) == 14


def test_rupiah_uses_dots():
    assert standard.rupiah(1500000) == "Rp1.500.000"


def test_diff_shows_the_line_that_changed():
    old = {"persyaratan": "KTP-el\nKartu Keluarga", "biaya": "Gratis"}
    new = {"persyaratan": "KTP-el\nAkta kelahiran", "biaya": "Gratis"}
    changes = standard.diff(old, new)
    assert [c.code for c in changes] == ["persyaratan"]
    assert ("-", "Kartu Keluarga") in changes[0].lines
    assert ("+", "Akta kelahiran") in changes[0].lines
    assert (" ", "KTP-el") in changes[0].lines
