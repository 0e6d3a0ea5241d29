"""The admin pages where keys are issued and attributes edited."""

import pytest

from balai.open311.models import ServiceAttribute

pytestmark = pytest.mark.django_db


def test_admin_pages_open(admin_client, cats, api_key):
    for url in ("/admin/open311/apiclient/", "/admin/open311/apiclient/add/",
                "/admin/open311/serviceattribute/", "/admin/open311/serviceattribute/add/",
                "/admin/open311/open311submission/"):
        assert admin_client.get(url).status_code == 200, url


def test_admin_adds_a_list_attribute_with_its_values(admin_client, cats):
    response = admin_client.post("/admin/open311/serviceattribute/add/", {
        "category": cats["sampah"].pk, "order": "1", "code": "jenis",
        "description": "Jenis sampah?", "datatype": "singlevaluelist",
        "datatype_description": "", "required": "on", "variable": "on",
        "values-TOTAL_FORMS": "2", "values-INITIAL_FORMS": "0",
        "values-MIN_NUM_FORMS": "0", "values-MAX_NUM_FORMS": "1000",
        "values-0-key": "organik", "values-0-name": "Organik", "values-0-position": "0",
        "values-1-key": "plastik", "values-1-name": "Plastik", "values-1-position": "1",
    })
    assert response.status_code == 302, response.content[:2000]
    attribute = ServiceAttribute.objects.get(code="jenis")
    assert [v.key for v in attribute.values.all()] == ["organik", "plastik"]


def test_admin_shows_a_submission_read_only(admin_client, cats, api_key):
    from balai.open311.models import Open311Submission
    from balai.open311.tests.test_write import form

    assert admin_client.post("/open311/v2/requests.json", form(api_key)).status_code == 200
    submission = Open311Submission.objects.get()
    page = admin_client.get(f"/admin/open311/open311submission/{submission.pk}/change/")
    assert page.status_code == 200
    assert b'name="device_id"' not in page.content  # nothing to edit
