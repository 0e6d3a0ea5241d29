"""GeoReport v2 POST requests: api_key, validation, one complaint per request."""

import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from balai.complaints.models import Complaint
from balai.complaints.tests import factories
from balai.core.models import AuditEntry
from balai.open311.models import ApiClient, Open311Submission
from balai.open311.services import api_client_revoke
from balai.open311.tests.helpers import as_text, xml_to_data

pytestmark = pytest.mark.django_db
LAT, LNG = factories.ALUN_ALUN
JAKARTA = ZoneInfo("Asia/Jakarta")


def form(api_key, **extra):
    data = {"api_key": api_key, "service_code": "jalan-rusak", "lat": str(LAT),
            "long": str(LNG), "description": "Lubang besar di depan alun-alun.",
            "email": "rina@example.id", "first_name": "Rina", "last_name": "Wati",
            "phone": "081200001111", "device_id": "hp-rina"}
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def post(client, fmt="json", **data):
    return client.post(f"/open311/v2/requests.{fmt}", data)


def errors_of(response):
    if response["Content-Type"].startswith("text/xml"):
        return xml_to_data(ET.fromstring(response.content))  # noqa: S314
    return as_text(response.json())


def test_post_creates_one_routed_open311_complaint(client, cats, api_key):
    response = post(client, **form(api_key, account_id="akun-9"))
    assert response.status_code == 200, response.content
    [item] = response.json()
    complaint = Complaint.objects.get()
    assert item["service_request_id"] == complaint.code
    assert item["account_id"] == "akun-9"
    assert complaint.code in item["service_notice"]
    assert complaint.channel == Complaint.Channel.OPEN311
    assert complaint.agency.code == "pupr"
    assert complaint.verify_due is not None
    assert complaint.reporter_name == "Rina Wati"
    assert complaint.reporter_email == "rina@example.id"
    assert AuditEntry.objects.filter(action="complaints.submitted",
                                     object_id=str(complaint.pk)).count() == 1
    sub = Open311Submission.objects.get()
    assert (sub.complaint, sub.client.name, sub.device_id, sub.account_id) == \
        (complaint, "Aplikasi Warga", "hp-rina", "akun-9")


def test_post_answers_in_xml_with_the_same_structure(client, cats, api_key):
    response = post(client, "xml", **form(api_key))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "service_requests" and root[0].tag == "request"
    data = xml_to_data(root)
    assert list(data[0]) == ["service_request_id", "service_notice", "account_id"]
    assert data[0]["service_request_id"] == Complaint.objects.get().code


def test_retried_post_returns_the_same_complaint(client, cats, api_key):
    first = post(client, **form(api_key)).json()
    second = post(client, **form(api_key)).json()
    assert first[0]["service_request_id"] == second[0]["service_request_id"]
    assert Complaint.objects.count() == 1
    assert Open311Submission.objects.count() == 1


def test_a_senders_reference_keys_its_retries_on_any_later_day(client, cats, api_key):
    """A forwarding installation retries on Monday what timed out on Friday, with a photo
    link signed anew: the same case answers, not a second one."""
    friday = form(api_key, **{"attribute[balai_reference]": "ADU-2026-000123",
                              "media_url": "https://kota.example.id/foto/aaa"})
    monday = dict(friday, media_url="https://kota.example.id/foto/bbb")
    with time_machine.travel(datetime(2026, 12, 4, 9, tzinfo=JAKARTA), tick=False):
        first = post(client, **friday).json()
    with time_machine.travel(datetime(2026, 12, 7, 9, tzinfo=JAKARTA), tick=False):
        second = post(client, **monday).json()
        other = post(client, **dict(monday, **{"attribute[balai_reference]":
                                               "ADU-2026-000124"})).json()
    assert first[0]["service_request_id"] == second[0]["service_request_id"]
    assert other[0]["service_request_id"] != first[0]["service_request_id"]
    assert Complaint.objects.count() == 2


def test_another_device_with_the_same_text_is_a_new_report(client, cats, api_key):
    post(client, **form(api_key))
    post(client, **form(api_key, device_id="hp-budi"))
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_missing_or_bad_api_key_is_403(client, cats, fmt):
    for key in (None, "", "bukan-kunci"):
        response = post(client, fmt, **form(key))
        assert response.status_code == 403
        [error] = errors_of(response)
        assert error["code"] == "403" and error["description"]
    assert not Complaint.objects.exists()


def test_revoked_key_is_403(client, cats, api_key, admin):
    api_client_revoke(client=ApiClient.objects.get(), actor=admin)
    assert post(client, **form(api_key)).status_code == 403


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_code_is_404(client, cats, api_key, fmt):
    response = post(client, fmt, **form(api_key, service_code="parkir-liar"))
    assert response.status_code == 404
    assert "parkir-liar" in errors_of(response)[0]["description"]


@pytest.mark.parametrize("extra, words", [
    ({"service_code": ""}, "service_code"),
    ({"lat": "", "long": ""}, "lat"),
    ({"lat": "", "long": "", "address_string": "Jl. Merdeka"}, "address_string"),
    ({"lat": "utara"}, "lat"),
    ({"long": "500"}, "long"),
    ({"description": ""}, "description"),
    ({"description": "x" * 4001}, "4,000"),
    ({"email": "bukan-email"}, "email"),
    ({"media_url": "javascript:alert(1)"}, "media_url"),
])
def test_malformed_post_is_400_saying_what_is_wrong(client_en, cats, api_key, extra, words):
    response = post(client_en, **form(api_key, **extra))
    assert response.status_code == 400
    assert words in errors_of(response)[0]["description"]
    assert not Complaint.objects.exists()


def test_pin_outside_the_territory_is_400(client, cats, api_key):
    lat, lng = factories.OUTSIDE
    response = post(client, **form(api_key, lat=str(lat), long=str(lng)))
    assert response.status_code == 400
    assert "Pemerintah Kota Malang" in errors_of(response)[0]["description"]
    assert not Complaint.objects.exists()


def test_post_without_email_or_phone_is_400(client, cats, api_key):
    response = post(client, **form(api_key, email="", phone=""))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_rate_limit_per_key(client, cats, api_key):
    ApiClient.objects.update(requests_per_hour=2)
    for n in range(2):
        assert post(client, **form(api_key, device_id=f"hp-{n}")).status_code == 200
    response = post(client, **form(api_key, device_id="hp-3"))
    assert response.status_code == 400
    assert errors_of(response)[0]["code"] == "429"
    assert response["Retry-After"] == "3600"
    assert Complaint.objects.count() == 2


def test_post_needs_no_csrf_token(cats, api_key):
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), **form(api_key))
    assert response.status_code == 200
    code = response.json()[0]["service_request_id"]
    assert Complaint.objects.get(code=code).channel == "open311"


def test_html_is_stripped_from_the_description(client, cats, api_key):
    post(client, **form(api_key, description="<b>Lubang</b> <script>x()</script>dalam"))
    assert Complaint.objects.get().description == "Lubang x()dalam"


def test_posted_complaint_is_not_public_until_verified(client, cats, api_key):
    code = post(client, **form(api_key)).json()[0]["service_request_id"]
    assert client.get(f"/open311/v2/requests/{code}.json").status_code == 404
    listed = client.get("/open311/v2/requests.json").json()
    assert code not in {row["service_request_id"] for row in listed}


def test_admin_issues_a_key_shown_once_and_stores_only_its_hash(admin_client):
    response = admin_client.post("/admin/open311/apiclient/add/", {
        "name": "Dasbor Kota", "contact": "", "requests_per_hour": "60"}, follow=True)
    assert response.status_code == 200
    client = ApiClient.objects.get(name="Dasbor Kota")
    text = " ".join(str(m) for m in response.context["messages"])
    [key] = [w for w in text.split() if w.startswith(client.key_prefix) and len(w) == 43]
    assert client.key_hash == ApiClient.hash_key(key)
    assert key not in ApiClient.objects.values_list("key_hash", flat=True)[0]
    page = admin_client.get(f"/admin/open311/apiclient/{client.pk}/change/")
    assert key.encode() not in page.content


def test_admin_revoke_action_sets_the_revocation_time(admin_client, api_key):
    client = ApiClient.objects.get()
    admin_client.post("/admin/open311/apiclient/", {
        "action": "revoke", "_selected_action": [client.pk]})
    client.refresh_from_db()
    assert not client.is_active and client.revoked_at is not None


def test_error_descriptions_are_in_indonesian_by_default(client, cats, api_key):
    response = post(client, **form(api_key, service_code=""))
    assert errors_of(response)[0]["description"] == "service_code wajib diisi."
