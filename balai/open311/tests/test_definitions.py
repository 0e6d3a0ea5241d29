"""Service definitions with attributes, and POSTed answers checked against them."""

import pytest

from balai.complaints.models import Complaint
from balai.open311.models import AttributeAnswer, ServiceAttribute, ServiceAttributeValue
from balai.open311.tests.helpers import both
from balai.open311.tests.test_write import errors_of, form, post

pytestmark = pytest.mark.django_db
D = ServiceAttribute.Datatype


@pytest.fixture
def questions(cats):
    jalan = cats["jalan"]
    size = ServiceAttribute.objects.create(
        category=jalan, code="ukuran", order=1, datatype=D.SINGLEVALUELIST, required=True,
        description="Seberapa besar lubangnya?")
    for position, (key, name) in enumerate([("kecil", "Kecil"), ("besar", "Besar")]):
        ServiceAttributeValue.objects.create(attribute=size, key=key, name=name,
                                             position=position)
    lanes = ServiceAttribute.objects.create(
        category=jalan, code="lajur", order=2, datatype=D.MULTIVALUELIST,
        description="Lajur mana yang terkena?")
    for key in ("kiri", "kanan"):
        ServiceAttributeValue.objects.create(attribute=lanes, key=key, name=key.title())
    ServiceAttribute.objects.create(category=jalan, code="dalam_cm", order=3,
                                    datatype=D.NUMBER, description="Kedalaman (cm)")
    ServiceAttribute.objects.create(category=jalan, code="sejak", order=4,
                                    datatype=D.DATETIME, description="Sejak kapan?")
    ServiceAttribute.objects.create(category=jalan, code="catatan", order=5, variable=False,
                                    description="Jangan berdiri di jalan saat memotret.")
    return jalan


def test_services_say_which_need_a_definition(client, questions):
    _, data, _ = both(client, "/open311/v2/services")
    metadata = {s["service_code"]: s["metadata"] for s in data}
    assert metadata == {"jalan-rusak": True, "sampah": False, "banjir": False}


def test_service_definition_lists_attributes_in_order_in_both_formats(client, questions):
    status, data, root = both(client, "/open311/v2/services/jalan-rusak")
    assert status == 200
    assert root.tag == "service_definition"
    assert data["service_code"] == "jalan-rusak"
    assert [a["code"] for a in data["attributes"]] == \
        ["ukuran", "lajur", "dalam_cm", "sejak", "catatan"]
    size = data["attributes"][0]
    assert size == {"variable": True, "code": "ukuran", "datatype": "singlevaluelist",
                    "required": True, "datatype_description": "", "order": 1,
                    "description": "Seberapa besar lubangnya?",
                    "values": [{"key": "kecil", "name": "Kecil"},
                               {"key": "besar", "name": "Besar"}]}
    assert data["attributes"][4]["variable"] is False
    assert [v.text for v in root.findall("attributes/attribute/values/value/key")][:2] == \
        ["kecil", "besar"]


def test_unknown_service_definition_is_404(client, cats):
    assert both(client, "/open311/v2/services/parkir-liar")[0] == 404


def test_answers_are_stored_with_the_submission(client, questions, api_key):
    response = client.post("/open311/v2/requests.json", {
        **form(api_key), "attribute[ukuran]": "besar",
        "attribute[lajur][]": ["kiri", "kanan"], "attribute[dalam_cm]": "20",
        "attribute[sejak]": "2026-11-20T07:00:00+07:00", "attribute[catatan]": "abaikan",
        "attribute[fixmystreet_id]": "123"})
    assert response.status_code == 200, response.content
    complaint = Complaint.objects.get()
    answers = {a.code: a.values for a in AttributeAnswer.objects.filter(
        submission__complaint=complaint)}
    assert answers == {"ukuran": ["besar"], "lajur": ["kiri", "kanan"], "dalam_cm": ["20"],
                       "sejak": ["2026-11-20T07:00:00+07:00"]}


@pytest.mark.parametrize("attributes, words", [
    ({}, "attribute[ukuran] is required"),
    ({"attribute[ukuran]": ""}, "attribute[ukuran] is required"),
    ({"attribute[ukuran]": "raksasa"}, "raksasa"),
    ({"attribute[ukuran]": ["kecil", "besar"]}, "one value"),
    ({"attribute[ukuran]": "kecil", "attribute[lajur][]": ["kiri", "tengah"]}, "tengah"),
    ({"attribute[ukuran]": "kecil", "attribute[dalam_cm]": "dalam"}, "number"),
    ({"attribute[ukuran]": "kecil", "attribute[sejak]": "kemarin"}, "attribute[sejak]"),
])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_answers_that_break_the_definition_are_400(client_en, questions, api_key, attributes,
                                                   words, fmt):
    response = client_en.post(f"/open311/v2/requests.{fmt}", {**form(api_key), **attributes})
    assert response.status_code == 400
    assert words in errors_of(response)[0]["description"]
    assert not Complaint.objects.exists()


def test_other_categories_need_no_answers(client, questions, api_key):
    response = post(client, **form(api_key, service_code="sampah"))
    assert response.status_code == 200
    code = response.json()[0]["service_request_id"]
    assert Complaint.objects.get(code=code).category.code == "sampah"
