"""'Adukan layanan ini': the complaint form names the service and its OPD as the
destination, and the complaint is routed to that OPD whatever its category's default."""

import pytest
from django.urls import reverse

from balai.complaints import services as complaint_services
from balai.complaints.tests import factories as complaint_factories
from balai.public_services import assets
from balai.public_services.models import ServiceReport
from balai.public_services.tests import factories
from balai.public_services.views import complaint_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def angkut(malang, cats, admin):
    """A DLH service whose complaints are filed under 'Jalan rusak' (PUPR's by default)."""
    return factories.service(malang["dlh"], admin, name="Pengangkutan sampah usaha",
                             slug="angkut", complaint_category=cats["jalan"])


def test_the_form_names_the_service_and_its_opd_as_the_destination(client, angkut):
    page = client.get(complaint_link(angkut)).content.decode()
    assert "Pengangkutan sampah usaha" in page
    assert f"Dikirim ke:</strong> {angkut.agency.name}" in page
    assert 'value="layanan:' in page


def test_a_complaint_about_the_service_goes_to_its_opd_and_stays_there(angkut, cats,
                                                                       verifikator):
    complaint, _secret = complaint_services.complaint_submit(
        submission=complaint_factories.submission(cats["jalan"], asset=assets.ref(angkut)))
    assert complaint.agency == angkut.agency and complaint.routing_rule == "asset"
    assert "diselenggarakan oleh" in complaint.routing_explanation
    assert ServiceReport.objects.get(complaint_id=complaint.pk).service == angkut
    # The desk corrects the pin: routing runs again and still names the service's OPD.
    complaint_services.complaint_correct(complaint=complaint, lat=-7.9800, lng=112.6300,
                                         actor=verifikator)
    complaint.refresh_from_db()
    assert complaint.agency == angkut.agency and complaint.routing_rule == "asset"
    # Without the service, the same report follows the road to PUPR.
    plain, _ = complaint_services.complaint_submit(
        submission=complaint_factories.submission(cats["jalan"]))
    assert plain.agency.code == "pupr" and plain.routing_rule == "road_status"


def test_the_service_page_links_to_the_prefilled_form(client, angkut):
    page = client.get(reverse("public_services:service", args=["dlh", "angkut"]))
    assert "kategori=jalan-rusak" in page.content.decode()
