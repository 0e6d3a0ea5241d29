"""Edge answers found by the official swagger run and the probes (issue 12): every answer
is the spec's error document, never a 500 or Django's HTML."""

import pytest


@pytest.mark.parametrize("query", ["page=9223372036854775807", "page=99999999999999999999",
                                   "page=0", "page=²", "page_size=1001"])
@pytest.mark.parametrize("endpoint", ["requests", "servicerequestupdates"])
def test_an_out_of_range_page_is_a_400_error_document(client, db, endpoint, query):
    response = client.get(f"/open311/v2/{endpoint}.json?{query}")
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


@pytest.mark.parametrize("method", ["put", "delete", "patch", "post"])
@pytest.mark.parametrize("path", ["/open311/v2/services.xml", "/open311/discovery.json",
                                  "/open311/v2/requests/ADU-2026-000001.xml"])
def test_writing_to_a_read_only_endpoint_is_405_with_the_error_document(client, db, method,
                                                                        path):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    body = response.content.decode()
    assert ("<errors>" in body) if path.endswith(".xml") else body.startswith("[")


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_updates_take_get_and_a_partners_post_only(client, db, method):
    response = getattr(client, method)("/open311/v2/servicerequestupdates.xml")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    keyless = client.post("/open311/v2/servicerequestupdates.xml")
    assert keyless.status_code == 403 and "<errors>" in keyless.content.decode()


def test_a_multipart_post_without_a_boundary_is_a_400_error_document(client, db):
    response = client.generic("POST", "/open311/v2/requests.xml", b"--x\r\n\r\n",
                              content_type="multipart/form-data")
    assert response.status_code == 400
    assert "<errors>" in response.content.decode()


def test_a_clients_media_url_is_published_with_its_request(client, cats, api_key,
                                                           verifikator):
    from balai.complaints.models import Complaint
    from balai.complaints.services import complaint_verify
    from balai.open311.tests.test_write import form, post

    media_url = "https://foto.example.id/aduan/lubang-1.jpg"
    assert post(client, **form(api_key, media_url=media_url)).status_code == 200
    complaint = Complaint.objects.get()
    complaint_verify(complaint=complaint, actor=verifikator)
    data = client.get(f"/open311/v2/requests/{complaint.code}.json").json()
    assert data[0]["media_url"] == media_url
