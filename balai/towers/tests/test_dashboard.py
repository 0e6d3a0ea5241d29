"""The tower dashboard and the tower officer's workdesk panels."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from balai.towers import selectors
from balai.towers.models import SitingRequest
from balai.towers.tests import factories

pytestmark = pytest.mark.django_db


def recommended(company, at, *, valid_until, code="REK-2025-0001"):
    return SitingRequest.objects.create(
        code=code, company=company, letter_number="1/2025", letter_date=date(2025, 1, 6),
        lat=at[0], lng=at[1], height_m=Decimal(42), site_type="sst",
        status=SitingRequest.Status.RECOMMENDED, valid_until=valid_until,
        decided_at=datetime(2025, 1, 13, tzinfo=ZoneInfo("Asia/Jakarta")))


def test_the_permit_gap_finds_expired_recommendations_and_towers_built_off_their_point(
        petugas_menara):
    company = factories.company()
    # Recommended at Suhat; the company built 120 m north of the point.
    off = recommended(company, factories.SUHAT, valid_until=date(2026, 1, 13))
    factories.tower("MLG-0001", at=(factories.SUHAT[0] + 0.00108, factories.SUHAT[1]),
                    company=company)
    # Recommended at the Alun-alun, expired, nothing built.
    expired = recommended(company, factories.ALUN_ALUN, valid_until=date(2026, 1, 13),
                          code="REK-2025-0002")
    # Recommended, built on the point with a PBG: no gap.
    ok_point = (-7.9600, 112.6400)
    recommended(company, ok_point, valid_until=date(2026, 1, 13), code="REK-2025-0003")
    built = factories.tower("MLG-0002", at=ok_point, company=company)
    built.permits.create(kind="pbg", number="PBG-2", issued_on=date(2025, 3, 1))
    gaps = selectors.recommendation_gaps(today=date(2026, 12, 4))
    assert [r.code for r in gaps["expired"]] == [expired.code]
    assert [(g["request"].code, g["tower"], g["distance_m"]) for g in gaps["off_point"]] == [
        (off.code, "MLG-0001", 120)]


def test_the_dashboard_shows_the_figures_and_the_map_points(client, petugas_menara,
                                                            django_assert_max_num_queries):
    factories.tower("MLG-0001")
    factories.tower("MLG-0002", status="illegal", at=factories.ALUN_ALUN)
    client.force_login(petugas_menara)
    with django_assert_max_num_queries(20):
        response = client.get("/menara/staf/dasbor/")
    page = response.content.decode()
    assert "Dasbor menara" in page
    assert "2 menara aktif tanpa izin bangunan (PBG/IMB)" not in page  # one is illegal
    assert "1 menara aktif tanpa izin bangunan (PBG/IMB)" in page
    assert '"code": "MLG-0002"' in page and '"status": "illegal"' in page


def test_the_tower_officer_sees_the_tower_panels_on_the_workdesk(client, petugas_menara):
    factories.tower("MLG-0001")
    client.force_login(petugas_menara)
    page = client.get("/meja-kerja/").content.decode()
    assert 'id="panel-towers"' in page and 'href="/menara/staf/dasbor/"' in page
    assert 'id="panel-tower_round"' in page and "Ronde pemeriksaan" in page


def test_the_dashboard_is_refused_to_other_personas(client, verifikator):
    client.force_login(verifikator)
    assert client.get("/menara/staf/dasbor/").status_code == 403
