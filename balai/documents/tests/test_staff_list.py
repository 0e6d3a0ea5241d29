from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from balai.documents.models import IssuedDocument
from balai.documents.tests.factories import issue


def login(client, user, password):
    response = client.post(reverse("accounts:login"),
                           {"username": user.email, "password": password})
    assert response.status_code == 302


def test_officer_sees_the_register_and_can_search_it(client, petugas_ppid, password):
    first = issue(subject="Pemberitahuan tentang menara")
    second = issue(subject="Putusan keberatan anggaran")
    login(client, petugas_ppid, password)
    response = client.get(reverse("documents:staff_list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == [second, first]
    response = client.get(reverse("documents:staff_list"), {"q": "menara"})
    assert list(response.context["page"]) == [first]
    response = client.get(reverse("documents:staff_list"),
                          {"q": second.number.full_number})
    assert list(response.context["page"]) == [second]


def test_register_filters_by_kind_unit_and_date(client, petugas_ppid, password):
    doc = issue()
    login(client, petugas_ppid, password)
    url = reverse("documents:staff_list")
    day = timezone.localdate(doc.issued_at).isoformat()
    assert list(client.get(url, {"kind": "ppid_notice", "unit": "DISKOMINFO"})
                .context["page"]) == [doc]
    assert list(client.get(url, {"kind": "objection_decision"}).context["page"]) == []
    assert list(client.get(url, {"date_from": "2000-01-01", "date_to": "2000-12-31"})
                .context["page"]) == []
    assert list(client.get(url, {"date_from": day, "date_to": day})
                .context["page"]) == [doc]


def test_register_is_closed_to_citizens_and_anonymous(client, warga, password):
    issue()
    url = reverse("documents:staff_list")
    assert client.get(url).status_code == 302
    login(client, warga, password)
    assert client.get(url).status_code == 403


def test_register_and_downloads_are_closed_to_staff_who_do_not_issue_letters(
        client, operator_opd, verifikator, kepala_dinas, password):
    document = issue(addressee="Sdr. Budi Santoso")
    for user in (operator_opd, verifikator):
        client.force_login(user)
        assert client.get(reverse("documents:staff_list")).status_code == 403
        assert client.get(reverse("documents:download", args=[document.uuid])).status_code \
            == 403
    client.force_login(kepala_dinas)
    assert "Sdr. Budi Santoso" in client.get(reverse("documents:staff_list")).content.decode()


def test_register_query_count_does_not_grow_with_rows(client, petugas_ppid, password,
                                                      django_assert_max_num_queries):
    for _ in range(3):
        issue()
    login(client, petugas_ppid, password)
    url = reverse("documents:staff_list")
    client.get(url)
    with django_assert_max_num_queries(8) as ctx:
        client.get(url)
    baseline = len(ctx.captured_queries)
    for _ in range(3):
        issue()
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_register_lists_letters_in_number_order_whatever_their_day(client, petugas_ppid,
                                                                   password):
    first, second, third = issue(), issue(), issue()
    IssuedDocument.objects.filter(pk=third.pk).update(
        issued_at=first.issued_at - timedelta(days=3))  # a backdated letter
    login(client, petugas_ppid, password)
    page = client.get(reverse("documents:staff_list")).context["page"]
    assert list(page) == [third, second, first]
