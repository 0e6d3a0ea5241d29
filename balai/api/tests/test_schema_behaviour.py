"""The API says what it takes and takes what it says (issue 23)."""

from django.urls import reverse

from balai.api.tests.test_complaints import act


def test_a_number_is_not_accepted_as_a_written_reason(submit, token_for, verifikator,
                                                      operator_opd):
    case = submit(verify_as=verifikator)
    client = token_for(operator_opd)
    response = client.post(act(case.pk, "return"), {"reason": 0}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["fields"]
    response = client.post(act(case.pk, "request-info"), {"question": 0}, format="json")
    assert response.status_code == 400 and "question" in response.json()["fields"]
    case.refresh_from_db()
    assert case.status == "terverifikasi"


def test_an_empty_agency_code_is_refused_not_taken_as_the_routed_one(submit, token_for,
                                                                     verifikator):
    case = submit()
    response = token_for(verifikator).post(act(case.pk, "verify"), {"agency": ""},
                                           format="json")
    assert response.status_code == 400 and "agency" in response.json()["fields"]
    case.refresh_from_db()
    assert case.status == "baru"


def test_the_schema_offers_photos_only_with_multipart(client):
    schema = client.get(reverse("api:schema") + "?format=json").json()
    answer = next(op["post"] for path, op in schema["paths"].items()
                  if path.endswith("/answer/"))
    content = answer["requestBody"]["content"]

    def properties(media):
        ref = content[media]["schema"]["$ref"].rsplit("/", 1)[-1]
        return schema["components"]["schemas"][ref]["properties"]

    assert "photos" in properties("multipart/form-data")
    assert "photos" not in properties("application/json")
