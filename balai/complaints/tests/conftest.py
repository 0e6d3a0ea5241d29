import pytest

from balai.complaints.tests import factories


@pytest.fixture
def malang(db, tmp_path):
    """Kota Malang's boundaries plus one made-up city road through the Alun-alun."""
    rows = factories.agencies()
    lat, lng = factories.ALUN_ALUN
    factories.load_malang(tmp_path, roads=[
        factories.road_through(lat, lng, code="T-KOTA", status="kota", agency="pupr",
                               offset_m=6, name="Jalan Merdeka Selatan"),
    ])
    return rows


@pytest.fixture
def cats(malang):
    return factories.categories(malang)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COMPLAINT_ORIGINALS_ROOT = tmp_path / "private"
