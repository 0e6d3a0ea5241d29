"""Extensions: page/page_size, extensions=true, servicerequestupdates, tokens."""

import pytest

from balai.complaints import services as complaint_services
from balai.complaints.tests import factories
from balai.open311.tests.helpers import both

pytestmark = pytest.mark.django_db


def test_pages_split_the_results_without_overlap(client, submit):
    codes = {submit().code for _ in range(5)}
    _, first, _ = both(client, "/open311/v2/requests", page_size="2")
    _, second, _ = both(client, "/open311/v2/requests", page_size="2", page="2")
    _, third, _ = both(client, "/open311/v2/requests", page_size="2", page="3")
    pages = [[r["service_request_id"] for r in p] for p in (first, second, third)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert set(sum(pages, [])) == codes


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "satu"}, {"page_size": "1001"},
                                    {"page_size": "-5"}])
def test_bad_paging_is_400(client, db, params):
    assert both(client, "/open311/v2/requests", **params)[0] == 400


def test_extensions_add_the_public_timeline_and_extended_attributes(client, submit,
                                                                    operator_opd):
    complaint = submit(photos=[factories.jpeg_with_gps()])
    complaint_services.complaint_accept(complaint=complaint, actor=operator_opd)
    complaint_services.complaint_request_info(complaint=complaint, actor=operator_opd,
                                              question="Nomor rumah Ibu Siti berapa?")
    status, data, root = both(client, f"/open311/v2/requests/{complaint.code}",
                              extensions="true")
    assert status == 200
    [item] = data
    extended = item["extended_attributes"]
    assert extended["channel"] == "web"
    assert extended["kelurahan"] == "Kiduldalem"
    assert len(extended["photos"]) == 1 and extended["photos"][0] == item["media_url"]
    assert [n["type"] for n in item["notes"]] == \
        ["submitted", "verified", "accepted", "info_requested"]
    assert all(n["datetime"] and n["description"] for n in item["notes"])
    assert root.find("request/notes/note/type").text == "submitted"
    assert b"Nomor rumah" not in client.get(
        f"/open311/v2/requests/{complaint.code}.xml", {"extensions": "true"}).content


def test_without_extensions_there_are_no_notes(client, submit):
    complaint = submit()
    _, data, _ = both(client, f"/open311/v2/requests/{complaint.code}", extensions="")
    assert "notes" not in data[0] and "extended_attributes" not in data[0]


def test_extensions_do_not_query_per_complaint(client, submit, django_assert_num_queries):
    submit()
    from django.core.cache import cache

    client.get("/open311/v2/requests.json", {"extensions": "true"})  # warm caches
    cache.clear()  # the document itself is cached: build it again
    with django_assert_num_queries(4) as one:  # version, complaints, photos, notes
        client.get("/open311/v2/requests.json", {"extensions": "true"})
    for _ in range(4):
        submit(photos=[factories.jpeg_with_gps()])
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/open311/v2/requests.json", {"extensions": "true"})
    assert len(response.json()) == 5


def test_request_updates_list_public_changes_in_the_window(client, submit, operator_opd):
    complaint = submit()
    complaint_services.complaint_accept(complaint=complaint, actor=operator_opd)
    complaint_services.complaint_answer(complaint=complaint, text="Sudah ditambal.",
                                        actor=operator_opd)
    submit(is_confidential=True)
    submit(verified=False)
    status, data, root = both(client, "/open311/v2/servicerequestupdates")
    assert status == 200
    assert root.tag == "service_request_updates" and root[0].tag == "request_update"
    assert [(u["service_request_id"], u["status"]) for u in data] == [
        (complaint.code, "investigating"), (complaint.code, "in_progress"),
        (complaint.code, "fixed")]
    assert len({u["update_id"] for u in data}) == 3


def test_request_updates_keep_the_90_day_limit(client, db):
    status, _, _ = both(client, "/open311/v2/servicerequestupdates",
                        start_date="2026-01-01T00:00:00Z", end_date="2026-06-01T00:00:00Z")
    assert status == 400


def test_tokens_are_never_issued_so_any_is_404(client, db):
    status, data, _ = both(client, "/open311/v2/tokens/abc123")
    assert status == 404 and data[0]["code"] == 404
