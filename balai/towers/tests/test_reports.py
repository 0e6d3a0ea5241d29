"""'Laporkan masalah menara ini': the complaint filed from a tower's page is linked to the
tower (a TowerReport row, through balai.core.assets) and each side's pages show the other."""

from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from balai.complaints import services as complaint_services
from balai.complaints.models import Category, Complaint
from balai.core.audit import audit_trail
from balai.towers.models import TowerReport
from balai.towers.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def menara_category(cats):
    return Category.objects.create(code="menara", name="Menara telekomunikasi",
                                   group=cats["jalan"].group, agency=cats["sampah"].agency)


def report_link(client, code: str) -> str:
    page = client.get(f"/menara/{code}/").content.decode()
    start = page.index("/pengaduan/lapor/?")
    return unescape(page[start:page.index('"', start)])


def test_a_complaint_filed_from_the_tower_page_is_linked_and_shown_on_both_sides(
        client, menara_category, petugas_menara, verifikator):
    tower = factories.tower("MLG-0007", at=factories.ALUN_ALUN, name="Site Alun-alun")
    link = report_link(client, "MLG-0007")
    query = parse_qs(urlparse(link).query)
    assert query["aset"] == ["menara:MLG-0007"] and query["kategori"] == ["menara"]

    form = client.get(link).content.decode()
    assert "Menara telekomunikasi:</strong> MLG-0007 · Site Alun-alun" in form
    assert 'name="asset" value="menara:MLG-0007"' in form

    response = client.post(reverse("complaints:report"), {
        "category": menara_category.pk, "lat": query["lat"][0], "lng": query["lng"][0],
        "title": query["title"][0], "description": "Lampu penanda di puncak menara mati.",
        "reporter_name": "Siti", "reporter_email": "siti@example.id", "reporter_phone": "",
        "address": "", "idempotency_key": "menara-1", "website": "",
        "asset": "menara:MLG-0007"})
    assert response.status_code == 302, response.content.decode()[:2000]
    complaint = Complaint.objects.get()
    report = TowerReport.objects.get()
    assert (report.tower, report.complaint) == (tower, complaint)
    assert [e.action for e in audit_trail(tower)][-1:] == ["towers.complaint_linked"]

    # Not yet verified: the public tower page does not list it (nothing unmoderated).
    assert complaint.code not in client.get("/menara/MLG-0007/").content.decode()
    complaint_services.complaint_verify(complaint=complaint, actor=verifikator)
    public = client.get("/menara/MLG-0007/").content.decode()
    assert reverse("complaints:track_detail", args=[complaint.code]) in public
    track = client.get(reverse("complaints:track_detail", args=[complaint.code])).content
    assert 'href="/menara/MLG-0007/">MLG-0007 · Site Alun-alun' in track.decode()

    client.force_login(petugas_menara)
    staff = client.get(reverse("towers:detail", args=[tower.pk])).content.decode()
    assert complaint.code in staff and "Masalah pada menara MLG-0007" in staff
    client.force_login(verifikator)
    desk = client.get(reverse("complaints:staff_detail", args=[complaint.pk])).content.decode()
    assert f'href="/menara/staf/{tower.pk}/">MLG-0007 · Site Alun-alun' in desk


@pytest.mark.parametrize("ref", ["menara:NOPE-1", "kapal:MLG-0007", "MLG-0007", ""])
def test_a_reference_to_no_tower_files_the_complaint_without_a_link(cats, menara_category,
                                                                    ref):
    factories.tower("MLG-0007", at=factories.ALUN_ALUN)
    from balai.complaints.tests.factories import submission

    complaint, _secret = complaint_services.complaint_submit(
        submission=submission(menara_category, at=factories.ALUN_ALUN, asset=ref))
    assert complaint.pk and not TowerReport.objects.exists()


def test_a_planned_tower_takes_no_reports(cats, menara_category):
    from balai.complaints.tests.factories import submission

    factories.tower("MLG-0009", at=factories.ALUN_ALUN, status="planned")
    complaint_services.complaint_submit(
        submission=submission(menara_category, at=factories.ALUN_ALUN, asset="menara:MLG-0009"))
    assert not TowerReport.objects.exists()
