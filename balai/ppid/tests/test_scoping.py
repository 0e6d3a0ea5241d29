"""Who sees what: the PPID pembantu of another OPD gets 404, NIK stays with PPID staff."""

import pytest
from django.urls import reverse

from balai.ppid import services
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegated(petugas_ppid, agency_pupr):
    req = factories.request()
    return services.information_request_delegate(request=req, agency=agency_pupr,
                                                 actor=petugas_ppid)


def test_pembantu_sees_only_what_was_delegated_to_their_opd(client, delegated, ppid_pembantu):
    not_delegated = factories.request(name="Ani")
    client.force_login(ppid_pembantu)
    queue = client.get(reverse("ppid:staff_queue")).context["page"]
    assert [r.pk for r in queue] == [delegated.pk]
    assert client.get(reverse("ppid:staff_detail", args=[delegated.pk])
                      ).status_code == 200
    assert client.get(reverse("ppid:staff_detail", args=[not_delegated.pk])
                      ).status_code == 404


def test_another_opds_pembantu_gets_404_everywhere(client, delegated, ppid_pembantu_other):
    client.force_login(ppid_pembantu_other)
    doc = delegated.identity_documents.get()
    assert list(client.get(reverse("ppid:staff_queue")).context["page"]) == []
    for url in (reverse("ppid:staff_detail", args=[delegated.pk]),
                reverse("ppid:staff_identity_document",
                        args=[delegated.pk, doc.pk])):
        assert client.get(url).status_code == 404
    response = client.post(reverse("ppid:staff_action",
                                   args=[delegated.pk, "extend"]),
                           {"extend-reason": "Mencoba memperpanjang permohonan orang lain."})
    assert response.status_code == 404
    delegated.refresh_from_db()
    assert delegated.extended_at is None


def test_pembantu_cannot_delegate_but_can_extend(client, delegated, ppid_pembantu):
    client.force_login(ppid_pembantu)
    url = reverse("ppid:staff_action", args=[delegated.pk, "delegate"])
    assert client.post(url, {"delegate-agency": delegated.delegated_to_id}).status_code == 403
    client.post(reverse("ppid:staff_action", args=[delegated.pk, "extend"]),
                {"extend-reason": "Data masih direkap oleh bidang teknis."})
    delegated.refresh_from_db()
    assert delegated.extended_at is not None


def test_pembantu_of_the_request_sees_the_nik(client, delegated, ppid_pembantu):
    client.force_login(ppid_pembantu)
    html = client.get(reverse("ppid:staff_detail", args=[delegated.pk])
                      ).content.decode()
    assert factories.NIK in html


def test_staff_queue_query_count_does_not_grow_with_rows(client, petugas_ppid,
                                                        django_assert_max_num_queries):
    factories.request()
    client.force_login(petugas_ppid)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("ppid:staff_queue"))
    for i in range(12):
        factories.request(name=f"Pemohon {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("ppid:staff_queue"))


def test_overdue_selector_is_scoped(delegated, ppid_pembantu, ppid_pembantu_other):
    from datetime import timedelta

    from balai.ppid.selectors import overdue_requests_for

    later = delegated.due_date + timedelta(days=1)
    assert list(overdue_requests_for(user=ppid_pembantu, today=later)) == [delegated]
    assert list(overdue_requests_for(user=ppid_pembantu_other, today=later)) == []
    assert list(overdue_requests_for(user=ppid_pembantu, today=delegated.due_date)) == []


def test_pages_with_the_secret_are_never_cached(client):
    from balai.ppid.services import information_request_submit

    req, secret = information_request_submit(submission=factories.submission(),
                                             documents=factories.prepared_ktp())
    response = client.get(reverse("ppid:track_detail", args=[req.code]),
                          {"k": secret})
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_documents_register_shows_a_pembantu_only_its_opds_letters(
        client, signing, delegated, petugas_ppid, ppid_pembantu, ppid_pembantu_other):
    own = services.information_request_decide(request=delegated, data=factories.decision_data(),
                                              actor=petugas_ppid).notice
    other = services.information_request_decide(request=factories.request(name="Ani"),
                                                data=factories.decision_data(),
                                                actor=petugas_ppid).notice
    register = reverse("documents:staff_list")

    def listed(user):
        client.force_login(user)
        return {d.pk for d in client.get(register).context["page"]}

    assert own.agency_id == delegated.delegated_to_id and other.agency_id is None
    assert listed(petugas_ppid) == {own.pk, other.pk}
    assert listed(ppid_pembantu) == {own.pk}
    assert client.get(reverse("documents:download", args=[other.uuid])).status_code == 404
    assert client.get(reverse("documents:download", args=[own.uuid])).status_code == 200
    assert listed(ppid_pembantu_other) == set()
