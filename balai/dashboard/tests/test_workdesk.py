import pytest
from django.urls import reverse

from balai.dashboard.selectors import panels_for

pytestmark = pytest.mark.django_db

WORKDESK = "/meja-kerja/"


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(WORKDESK)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={WORKDESK}"


def test_citizen_gets_a_friendly_403(client, warga):
    client.force_login(warga)
    response = client.get(WORKDESK)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Anda tidak dapat membuka halaman ini" in html
    assert "Siti Warga" in html


def test_workdesk_greets_the_officer_with_role_and_agencies(client, operator_opd):
    client.force_login(operator_opd)
    html = client.get(WORKDESK).content.decode()
    assert "Selamat datang, operator.pupr" in html
    assert "Operator OPD" in html
    assert "Dinas Pekerjaan Umum dan Penataan Ruang (Dinas PUPR)" in html


@pytest.mark.parametrize(("persona", "panel", "title"), [
    ("verifikator", "verification", "Antrean verifikasi"),
    ("operator_opd", "agency_queue", "Antrean dinas"),
    ("petugas_ppid", "information_requests", "Permohonan informasi"),
    ("atasan_ppid", "objections", "Keberatan"),
    ("kepala_dinas", "statistics", "Ringkasan kinerja"),
])
def test_each_persona_sees_its_panels(client, request, persona, panel, title):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(WORKDESK).content.decode()
    assert f'id="panel-{panel}"' in html
    assert title in html


def test_verifikator_does_not_see_the_agency_or_ppid_panels(client, verifikator):
    client.force_login(verifikator)
    html = client.get(WORKDESK).content.decode()
    assert 'id="panel-agency_queue"' not in html
    assert 'id="panel-information_requests"' not in html


def test_a_panel_whose_service_is_not_installed_says_so(client, petugas_ppid, monkeypatch):
    from balai.dashboard import selectors

    monkeypatch.setitem(selectors.PANELS, "information_requests", {
        **selectors.PANELS["information_requests"], "url_name": "not_installed:queue"})
    client.force_login(petugas_ppid)
    html = client.get(WORKDESK).content.decode()
    # A service that has not landed: the desk says so instead of a broken link.
    assert "Layanan ini belum dipasang" in html
    assert 'href="None"' not in html


def test_panels_link_once_the_service_is_installed(verifikator):
    for panel in panels_for(user=verifikator):
        assert panel["url"] is None or panel["url"].startswith("/")


def test_admin_link_only_for_users_with_admin_site_access(client, verifikator, admin):
    client.force_login(verifikator)
    assert reverse("admin:index") not in client.get(WORKDESK).content.decode()
    client.force_login(admin)
    html = client.get(WORKDESK).content.decode()
    assert reverse("admin:index") in html
    assert 'id="panel-configuration"' in html


def test_workdesk_query_count(client, operator_opd, django_assert_num_queries):
    client.force_login(operator_opd)
    # session, user, agencies (shown), agency ids (for the filters), the queue count, the
    # two overdue counts, the persuratan position (none: no panel): nothing grows with
    # agencies or cases.
    with django_assert_num_queries(8):
        assert client.get(WORKDESK).status_code == 200


def test_panel_links_to_its_queue_once_the_service_is_installed(client, verifikator, settings):
    from balai.core.tests.test_views import installed_complaints_urlconf

    settings.ROOT_URLCONF = installed_complaints_urlconf()
    client.force_login(verifikator)
    html = client.get(WORKDESK).content.decode()
    assert '<a class="card__link" href="/pengaduan/staf/">Antrean verifikasi</a>' in html
    assert "Belum ada aduan yang menunggu verifikasi." in html


def test_empty_queue_says_so_honestly(client, verifikator):
    client.force_login(verifikator)
    html = client.get(WORKDESK).content.decode()
    assert "Belum ada aduan yang menunggu verifikasi." in html


def test_waiting_cases_are_counted_from_the_scoped_queue(client, operator_opd, monkeypatch):
    from balai.complaints import selectors as complaint_selectors

    seen = {}

    class Queue:
        def order_by(self):
            return self

        def __getitem__(self, _slice):
            return self

        def count(self):
            return 3

    def fake_queue(*, user):
        seen["user"] = user
        return Queue()

    monkeypatch.setattr(complaint_selectors, "staff_queue_for", fake_queue)
    client.force_login(operator_opd)
    html = client.get(WORKDESK).content.decode()
    assert seen["user"] == operator_opd
    assert "<strong>3</strong> menunggu" in html
