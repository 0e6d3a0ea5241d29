"""The staff queue: search by code, title or contact; filters; query count (issue 11)."""

from django.urls import reverse

from balai.complaints import services
from balai.complaints.tests import factories


def _submit(cats, **extra):
    return services.complaint_submit(submission=factories.submission(cats["jalan"],
                                                                     **extra))[0]


def codes(response) -> set[str]:
    return {c.code for c in response.context["page"]}


def test_the_desk_finds_a_case_by_code_title_or_contact(client, cats, verifikator):
    lubang = _submit(cats, title="Lubang di Jalan Ijen", reporter_email="ani@example.id",
                     reporter_phone="081211112222")
    other = _submit(cats, title="Lampu mati", reporter_email="budi@example.id",
                    reporter_phone="081233334444")
    client.force_login(verifikator)
    url = reverse("complaints:staff_queue")
    number = lubang.code.rsplit("-", 1)[1].lstrip("0")
    assert codes(client.get(url, {"query": f"adu {lubang.code[4:8]} {number}"})) == {
        lubang.code}
    assert codes(client.get(url, {"query": "ijen"})) == {lubang.code}
    assert codes(client.get(url, {"query": "ANI@example.id"})) == {lubang.code}
    assert codes(client.get(url, {"query": "0812 3333 4444"})) == {other.code}


def test_an_agency_never_finds_an_anonymous_reporter_by_contact(client, cats, verifikator,
                                                                operator_opd):
    hidden = _submit(cats, reporter_email="rahasia@example.id", is_anonymous=True)
    services.complaint_verify(complaint=hidden, actor=verifikator)
    client.force_login(operator_opd)
    url = reverse("complaints:staff_queue")
    assert codes(client.get(url, {"query": "rahasia@example.id"})) == set()
    assert codes(client.get(url, {"query": hidden.code})) == {hidden.code}


def test_filters_by_category_kelurahan_and_overdue(client, cats, verifikator):
    from datetime import timedelta

    from django.utils import timezone

    late = services.complaint_submit(submission=factories.submission(cats["jalan"]),
                                     now=timezone.now() - timedelta(days=30))[0]
    fresh = _submit(cats)
    client.force_login(verifikator)
    url = reverse("complaints:staff_queue")
    assert codes(client.get(url, {"overdue": "on"})) == {late.code}
    assert codes(client.get(url, {"category": cats["jalan"].code})) == {late.code, fresh.code}
    assert codes(client.get(url, {"kelurahan": fresh.kelurahan.code})) == {late.code,
                                                                          fresh.code}
    assert codes(client.get(url, {"kelurahan": "00.00.00.0000"})) == {late.code, fresh.code}


def test_the_queue_query_count_does_not_grow_with_rows(client, cats, verifikator,
                                                       django_assert_max_num_queries):
    client.force_login(verifikator)
    url = reverse("complaints:staff_queue")
    _submit(cats)
    client.get(url)
    for _ in range(5):
        _submit(cats)
    with django_assert_max_num_queries(14):
        html = client.get(url, {"query": "lubang"}).content.decode()
    assert html.count("card-head") == 6
