"""The command room: who may open it, that its figures are the scoped counts of the pages
it summarises (recounted here from the rows), and that the map never shows a confidential
case or a reporter."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from balai.complaints import services
from balai.complaints.models import Complaint
from balai.complaints.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(cats, verifikator, operator_opd):
    """Five complaints: two in the last hour (one confidential), three two days ago, of
    which one is answered and one is overdue for follow-up."""
    made = []
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=20), tick=False):
        old, _ = services.complaint_submit(submission=factories.submission(cats["jalan"]))
        services.complaint_verify(complaint=old, actor=verifikator)
        services.complaint_accept(complaint=old, actor=operator_opd)
        made.append(old)
    with time_machine.travel(now - timedelta(days=2), tick=False):
        for _ in range(2):
            c, _ = services.complaint_submit(submission=factories.submission(cats["sampah"]))
            made.append(c)
        services.complaint_verify(complaint=made[-1], actor=verifikator)
    for confidential in (False, True):
        c, _ = services.complaint_submit(submission=factories.submission(
            cats["jalan"], is_confidential=confidential, reporter_name="Siti Rahasia"))
        made.append(c)
    return made


def tiles(response):
    return {t.key: t.value for group in ("complaint_tiles", "ppid_tiles", "registry_tiles")
            for t in response.context[group]}


def test_the_figures_are_the_counts_of_the_rows(client, kepala_dinas, cases):
    client.force_login(kepala_dinas)
    response = client.get(reverse("command_room"))
    assert response.status_code == 200
    figures = tiles(response)
    hour_ago = timezone.now() - timedelta(hours=1)
    assert figures["new_hour"] == Complaint.objects.filter(submitted_at__gte=hour_ago).count() == 2
    assert figures["open"] == Complaint.objects.open().count()
    overdue = Complaint.objects.filter(followup_due__lt=timezone.localdate(),
                                       status__in=["diproses"]).count()
    assert figures["overdue"] == overdue >= 1
    rows = response.context["overdue_by_agency"]
    assert sum(r["count"] for r in rows) == figures["overdue"]
    page = response.content.decode()
    assert 'id="updated"' in page and "Diperbarui" in page


def test_the_figures_refresh_as_a_fragment(client, kepala_dinas, cases):
    client.force_login(kepala_dinas)
    response = client.get(reverse("command_room"), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="figures"') and "<html" not in page


def test_the_map_shows_no_confidential_case_and_no_reporter(client, kepala_dinas, cases):
    client.force_login(kepala_dinas)
    data = client.get(reverse("command_room_points")).json()
    codes = {f["properties"]["code"] for f in data["features"]}
    confidential = {c.code for c in Complaint.objects.filter(is_confidential=True)}
    assert codes and not codes & confidential
    assert codes == {c.code for c in Complaint.objects.open().filter(is_confidential=False)}
    assert "Siti" not in str(data)


@pytest.mark.parametrize("persona", ["warga", "operator_opd", "petugas_ppid"])
def test_only_the_head_and_the_desk_open_the_room(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("command_room")).status_code == 403
    assert client.get(reverse("command_room_points")).status_code == 403


def test_the_desk_opens_the_room_without_the_services_it_may_not_see(client, verifikator,
                                                                    cases):
    """The verifier may not read the tower registry: its tiles are left out, not a 404."""
    client.force_login(verifikator)
    response = client.get(reverse("command_room"))
    assert response.status_code == 200
    assert "tower_round" not in tiles(response) and "open" in tiles(response)
