"""GeoReport v2 read side: discovery, services, requests, one request; both formats."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from balai.complaints import services as complaint_services
from balai.complaints.tests import factories
from balai.open311.tests.helpers import both

pytestmark = pytest.mark.django_db
W3C = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code",
          "description", "agency_responsible", "service_notice", "requested_datetime",
          "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
          "lat", "long", "media_url"]


def test_discovery_lists_the_v2_endpoint_in_both_formats(client):
    status, data, root = both(client, "/open311/discovery")
    assert status == 200
    assert root.tag == "discovery"
    assert set(data) == {"changeset", "contact", "key_service", "endpoints"}
    [endpoint] = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert W3C.match(endpoint["changeset"])
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == \
        ["text/xml", "application/json"]


def test_services_are_the_active_categories_with_group_and_keywords(client, cats):
    cats["banjir"].keywords = "air, genangan"
    cats["banjir"].save()
    cats["sampah"].is_active = False
    cats["sampah"].save()
    status, data, root = both(client, "/open311/v2/services")
    assert status == 200
    assert root.tag == "services" and root[0].tag == "service"
    by_code = {s["service_code"]: s for s in data}
    assert set(by_code) == {"jalan-rusak", "banjir"}
    assert by_code["banjir"] == {
        "service_code": "banjir", "service_name": "Banjir", "description": "",
        "metadata": False, "type": "realtime", "keywords": "air, genangan",
        "group": "Lingkungan"}
    assert root.find("service/metadata").text == "false"


def test_requests_carry_every_spec_field_with_timezones(client, submit):
    complaint = submit("jalan")
    status, data, root = both(client, "/open311/v2/requests")
    assert status == 200
    assert root.tag == "service_requests" and root[0].tag == "request"
    [item] = data
    assert list(item) == FIELDS
    assert item["service_request_id"] == complaint.code
    assert item["status"] == "open"
    assert item["service_code"] == "jalan-rusak"
    assert item["agency_responsible"] == "Dinas PUPR"
    assert item["lat"] == pytest.approx(factories.ALUN_ALUN[0])
    assert item["long"] == pytest.approx(factories.ALUN_ALUN[1])
    for field in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3C.match(item[field]), (field, item[field])
    assert "Kiduldalem" in item["address"]


def test_one_request_by_tracking_code_is_an_array_of_one(client, submit):
    complaint = submit()
    status, data, root = both(client, f"/open311/v2/requests/{complaint.code}")
    assert status == 200
    assert [r["service_request_id"] for r in data] == [complaint.code]
    assert root.find("request/service_request_id").text == complaint.code


def test_unknown_request_is_404_with_the_error_document(client, db):
    status, data, root = both(client, "/open311/v2/requests/ADU-2026-999999")
    assert status == 404
    assert root.tag == "errors" and root[0].tag == "error"
    assert data[0]["code"] == 404 and data[0]["description"]


def test_filter_by_request_ids_overrides_the_other_filters(client, submit):
    a, b, _c = submit(), submit("jalan"), submit()
    _, data, _ = both(client, "/open311/v2/requests",
                      service_request_id=f"{a.code},{b.code}", service_code="banjir",
                      status="closed")
    assert {r["service_request_id"] for r in data} == {a.code, b.code}


def test_filter_by_service_code_list(client, submit):
    a, b, _c = submit("sampah"), submit("jalan"), submit("banjir")
    _, data, _ = both(client, "/open311/v2/requests", service_code="sampah,jalan-rusak")
    assert {r["service_request_id"] for r in data} == {a.code, b.code}


def test_filter_by_status_maps_answered_and_forwarded_to_closed(client, submit, malang,
                                                                 operator_opd):
    open_one = submit()
    answered = submit()
    complaint_services.complaint_accept(complaint=answered, actor=operator_opd)
    complaint_services.complaint_answer(complaint=answered, text="Sudah diangkut.",
                                        actor=operator_opd)
    forwarded = submit()
    complaint_services.complaint_forward(complaint=forwarded, to_agency=malang["dpu-bm-jatim"],
                                         reference="PU-77", actor=operator_opd)
    _, data, _ = both(client, "/open311/v2/requests", status="closed")
    closed = {r["service_request_id"]: r for r in data}
    assert set(closed) == {answered.code, forwarded.code}
    assert closed[answered.code]["status_notes"] == "Sudah diangkut."
    assert "PU-77" in closed[forwarded.code]["status_notes"]
    assert closed[forwarded.code]["agency_responsible"] == "Dinas PU Bina Marga Jatim"
    assert closed[forwarded.code]["expected_datetime"] is None
    _, data, _ = both(client, "/open311/v2/requests", status="open")
    assert [r["service_request_id"] for r in data] == [open_one.code]
    _, data, _ = both(client, "/open311/v2/requests", status="open,closed")
    assert len(data) == 3


def test_unknown_status_is_400(client, db):
    status, data, _ = both(client, "/open311/v2/requests", status="fixed")
    assert status == 400 and "fixed" in data[0]["description"]


def test_default_window_is_the_last_90_days(client, submit):
    old = submit(now=timezone.now() - timedelta(days=120))
    recent = submit(now=timezone.now() - timedelta(days=10))
    _, data, _ = both(client, "/open311/v2/requests")
    assert [r["service_request_id"] for r in data] == [recent.code]
    _, data, _ = both(client, "/open311/v2/requests",
                      start_date=(timezone.now() - timedelta(days=130)).isoformat(),
                      end_date=(timezone.now() - timedelta(days=100)).isoformat())
    assert [r["service_request_id"] for r in data] == [old.code]


def test_date_range_longer_than_90_days_is_400(client, db):
    status, data, _ = both(client, "/open311/v2/requests",
                           start_date="2026-01-01T00:00:00Z", end_date="2026-04-02T00:00:00Z")
    assert status == 400 and "90" in data[0]["description"]


def test_bad_or_reversed_dates_are_400(client, db):
    assert both(client, "/open311/v2/requests", start_date="kemarin")[0] == 400
    assert both(client, "/open311/v2/requests", start_date="2026-03-02T00:00:00Z",
                end_date="2026-03-01T00:00:00Z")[0] == 400


def test_empty_optional_arguments_behave_as_absent(client, submit):
    complaint = submit()
    _, data, _ = both(client, "/open311/v2/requests", service_request_id="",
                      service_code="", status="", start_date="", end_date="",
                      jurisdiction_id="")
    assert [r["service_request_id"] for r in data] == [complaint.code]


def test_unknown_jurisdiction_is_404_when_one_is_configured(client, settings, db):
    settings.OPEN311_JURISDICTION_ID = "malangkota.go.id"
    assert both(client, "/open311/v2/services", jurisdiction_id="sfgov.org")[0] == 404
    assert both(client, "/open311/v2/services", jurisdiction_id="malangkota.go.id")[0] == 200


def test_rahasia_and_unverified_complaints_never_appear(client, submit):
    secret_case = submit(is_confidential=True)
    new_case = submit(verified=False)
    _, data, _ = both(client, "/open311/v2/requests")
    assert data == []
    for complaint in (secret_case, new_case):
        assert both(client, f"/open311/v2/requests/{complaint.code}")[0] == 404


def test_no_personal_data_in_any_output(client, submit):
    anonim = submit(is_anonymous=True, reporter_name="Budi Rahasia",
                    reporter_email="budi@example.id", reporter_phone="081299990000")
    named = submit()
    bodies = b""
    for url in ("/open311/v2/requests", f"/open311/v2/requests/{anonim.code}",
                f"/open311/v2/requests/{named.code}"):
        for fmt in ("json", "xml"):
            response = client.get(f"{url}.{fmt}")
            assert response.status_code == 200
            bodies += response.content
    assert anonim.code.encode() in bodies
    for personal in (b"Budi", b"budi@example.id", b"081299990000", b"Siti",
                     b"siti@example.id", b"081234567890"):
        assert personal not in bodies


def test_media_url_is_the_first_report_photo(client, submit):
    complaint = submit(photos=[factories.jpeg_with_gps()])
    _, data, _ = both(client, f"/open311/v2/requests/{complaint.code}")
    media_url = data[0]["media_url"]
    assert media_url.startswith("http://testserver/")
    photo = client.get(media_url.removeprefix("http://testserver"))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"


def test_requests_list_does_not_query_per_complaint(client, submit,
                                                    django_assert_num_queries):
    for _ in range(5):
        submit(photos=[factories.jpeg_with_gps()])
    with django_assert_num_queries(3):  # the list's version, complaints, photos
        response = client.get("/open311/v2/requests.json")
    assert len(response.json()) == 5


def test_a_cached_list_changes_as_soon_as_a_complaint_does(client, submit, operator_opd,
                                                           django_assert_num_queries):
    complaint = submit()
    first = client.get("/open311/v2/requests.json").json()
    with django_assert_num_queries(1):  # only the version: the document is cached
        assert client.get("/open311/v2/requests.json").json() == first
    complaint_services.complaint_request_info(complaint=complaint, question="Di mana?",
                                              actor=operator_opd)
    again = client.get("/open311/v2/requests.json").json()
    assert first[0]["status_notes"] == "" and again[0]["status_notes"] != ""
    submit()
    assert len(client.get("/open311/v2/requests.json").json()) == 2


def test_xml_stays_well_formed_with_control_characters_in_citizen_text(client, submit):
    import xml.etree.ElementTree as ET

    complaint = submit(description="Lubang\x0bbesar\x1f & <dalam>")
    response = client.get(f"/open311/v2/requests/{complaint.code}.xml")
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.find("request/description").text == "Lubangbesar & <dalam>"


def test_read_endpoints_allow_browser_dashboards_and_head(client, db):
    response = client.get("/open311/v2/services.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.head("/open311/v2/requests.xml").status_code == 200
    assert client.put("/open311/v2/services.json").status_code == 405
