import pytest
from django.test import RequestFactory

from balai.core.models import Holiday
from balai.core.pagination import CappedPaginator, capped_count, page_of


@pytest.fixture
def holidays(db):
    Holiday.objects.bulk_create(
        Holiday(date=f"2026-{m:02d}-{d:02d}", name=f"Libur {m}-{d}")
        for m in range(1, 13) for d in range(1, 6))
    return Holiday.objects.order_by("date")


def test_below_the_cap_it_counts_and_pages_like_django(holidays):
    paginator = CappedPaginator(holidays, 25, cap=100)
    assert (paginator.count, paginator.num_pages, paginator.capped) == (60, 3, False)
    assert [h.name for h in paginator.page(3)][-1] == "Libur 12-5"


def test_above_the_cap_it_stops_counting_and_offers_no_deeper_page(holidays):
    paginator = CappedPaginator(holidays, 10, cap=30)
    assert paginator.count == 31 and paginator.capped
    assert paginator.num_pages == 3
    assert capped_count(holidays, cap=30) == 31


def test_a_bad_or_too_deep_page_number_gives_a_page_not_an_error(holidays):
    request = RequestFactory().get("/", {"page": "999"})
    page = page_of(holidays, request, 10, cap=30)
    assert page.number == 3
    assert page_of(holidays, RequestFactory().get("/", {"page": "x"}), 10).number == 1
