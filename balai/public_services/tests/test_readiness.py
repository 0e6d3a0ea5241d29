from datetime import date

import pytest
from django.urls import reverse

from balai.public_services import readiness, standard
from balai.public_services.tests import factories

TODAY = date(2026, 12, 4)
FULL = {c.code: "ada" for c in standard.COMPONENTS}


def test_complete_standard_adopted_and_consulted_is_green_at_100():
    r = readiness.assess(FULL, decree_date=date(2025, 1, 10),
                         consultation_date=date(2024, 12, 1), today=TODAY)
    assert (r.score, r.zone.code, r.missing, r.stale) == (100, "hijau", [], [])


def test_each_missing_component_and_stale_part_costs_points():
    snap = FULL | {"biaya": "", "produk": "", "evaluasi": ""}
    r = readiness.assess(snap, decree_date=None, consultation_date=None, today=TODAY)
    assert [c.code for c in r.missing] == ["biaya", "produk", "evaluasi"]
    assert r.stale == ["no_decree", "no_consultation"]
    assert r.score == round(100 * 11 / 14) - 10 == 69
    assert r.zone.code == "kuning"


def test_a_decree_older_than_the_review_period_is_stale_from_its_anniversary():
    just_in = readiness.assess(FULL, decree_date=date(2023, 12, 5),
                               consultation_date=date(2023, 11, 1), today=TODAY)
    out = readiness.assess(FULL, decree_date=date(2023, 12, 4),
                           consultation_date=date(2023, 11, 1), today=TODAY)
    assert just_in.stale == [] and out.stale == ["old_decree"]


def test_zones_follow_the_ombudsman_bands():
    assert [readiness.zone_for(s).code for s in (100, 81, 80, 51, 50, 0)] == [
        "hijau", "hijau", "kuning", "kuning", "merah", "merah"]


def test_an_empty_standard_is_red():
    r = readiness.assess({}, decree_date=None, consultation_date=None, today=TODAY)
    assert (r.score, r.zone.code, len(r.missing)) == (0, "merah", 14)


def test_summary_of_an_office_is_the_mean_and_names_what_is_missing_most():
    a = readiness.assess(FULL | {"biaya": ""}, decree_date=date(2025, 1, 1),
                         consultation_date=date(2025, 1, 1), today=TODAY)
    b = readiness.assess(FULL | {"biaya": "", "produk": ""}, decree_date=None,
                         consultation_date=None, today=TODAY)
    s = readiness.summarise([a, b])
    assert s.score == round((a.score + b.score) / 2)
    assert [(c.code, n) for c, n in s.most_missing] == [("biaya", 2), ("produk", 1)]
    assert s.by_zone == {"hijau": 1, "kuning": 1, "merah": 0}
    assert readiness.summarise([]) is None


@pytest.mark.django_db
def test_readiness_pages_list_offices_weakest_first_and_each_gap(client, agency_pupr,
                                                                 agency_dlh, admin):
    factories.service(agency_pupr, admin, decree_date=date(2025, 3, 1),
                      consultation_date=date(2025, 2, 1))
    factories.service(agency_dlh, admin, complete=False, name="Uji emisi", slug="uji-emisi")
    page = client.get(reverse("public_services:readiness")).content.decode()
    assert page.index("Dinas Lingkungan Hidup") < page.index("Dinas Pekerjaan Umum")
    assert "Zona merah" in page and "Zona hijau" in page
    page = client.get(reverse("public_services:readiness_agency", args=["dlh"])
                      ).content.decode()
    assert "Belum ada: Persyaratan" in page and "Belum ditetapkan dengan keputusan" in page


@pytest.mark.django_db
def test_readiness_report_query_count(client, agency_pupr, admin,
                                      django_assert_max_num_queries):
    for n in range(5):
        factories.service(agency_pupr, admin, name=f"Layanan {n}", slug=f"layanan-{n}")
    with django_assert_max_num_queries(8):
        client.get(reverse("public_services:readiness"))
