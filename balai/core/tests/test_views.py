import re

import pytest
from django.test import override_settings
from django.urls import reverse

from balai.core import selectors

pytestmark = pytest.mark.django_db

INLINE_STYLE = re.compile(r"<style|\sstyle=", re.I)
# A <script> without src= is inline; so are on* event handler attributes.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+=", re.I)


def test_home_lists_the_public_services(client):
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Laporkan masalah (pengaduan)" in html
    assert "Minta informasi publik (PPID)" in html
    assert "Lacak laporan atau permohonan Anda" in html
    assert "Cara kerjanya" in html
    # The second wave's public services are reached from the home page too.
    for name in ("correspondence:public_form", "market:search", "community_groups:index",
                 "towers:point_check", "budget:index", "open_data:catalogue",
                 "publications:news"):
        assert f'href="{reverse(name)}"' in html


def test_home_marks_a_service_that_is_not_installed_as_coming_soon(client, monkeypatch):
    services = [{"key": "ppid", "title": "PPID", "text": "Minta informasi", "url": None},
                {"key": "pengaduan", "title": "Lapor", "text": "Aduan", "url": "/lapor/"}]
    monkeypatch.setattr(selectors, "public_services", lambda: services)
    html = client.get(reverse("core:home")).content.decode()
    assert "segera hadir" in html
    assert 'href="/lapor/"' in html
    assert 'href="None"' not in html


def test_home_shows_the_office_contacts_and_boundary_attribution(client, settings):
    html = client.get(reverse("core:home")).content.decode()
    installation = settings.BALAI_INSTALLATION
    assert installation["email"] in html
    assert installation["address"] in html
    assert installation["phone"] in html and "112" not in installation["phone"]
    assert ("Batas wilayah: batas kelurahan dan kecamatan menurut Kementerian Dalam Negeri "
            "(Kepmendagri 300.2.2-2430/2025), digambar oleh proyek terbuka wilayah_boundaries "
            "karya Cahya DSN (lisensi MIT).") in html


def test_pages_speak_bahasa_indonesia_by_default(client):
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="id">' in html
    assert "Langsung ke konten utama" in html


def test_language_switch_changes_lang_and_text_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "Report a problem (pengaduan)" in html
    # ...and back again.
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert '<html lang="id">' in client.get(reverse("core:home")).content.decode()


def test_language_switch_is_a_form_that_works_without_javascript(client):
    html = client.get(reverse("core:home")).content.decode()
    form = re.search(r'<form class="language-switch" action="([^"]+)" method="post">(.*?)</form>',
                     html, re.S)
    assert form and form.group(1) == reverse("set_language")
    # No per-visitor token: public pages stay cacheable (the switch only sets a cookie).
    assert 'name="csrfmiddlewaretoken"' not in form.group(2)
    assert 'type="submit" name="language" value="en"' in form.group(2)


def test_language_switch_works_with_csrf_checks_enforced(db):
    from django.conf import settings
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("set_language"),
                                                     {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_theme_css_carries_the_pemda_colour_as_a_custom_property(client, settings):
    settings.BALAI_INSTALLATION = {**settings.BALAI_INSTALLATION, "primary_colour": "#7a1f1f"}
    response = client.get(reverse("core:theme_css"))
    assert response["Content-Type"].startswith("text/css")
    assert "--brand: #7a1f1f;" in response.content.decode()
    assert "max-age=86400" in response["Cache-Control"]


def test_theme_colours_darken_a_pale_colour_until_white_text_is_readable():
    theme = selectors.theme_colours("#ffcc00")
    assert selectors.contrast_ratio(theme["brand"], "#ffffff") >= 4.5


def test_theme_colours_refuse_anything_but_a_hex_colour():
    assert selectors.theme_colours("red; } body { display: none")["brand"] == "#0b5394"
    assert selectors.theme_colours("#abc")["brand"].startswith("#")


@pytest.mark.parametrize("name", ["core:home", "accounts:login"])
def test_pages_send_csp_and_contain_no_inline_style_or_script(client, name):
    response = client.get(reverse(name))
    csp = response["Content-Security-Policy"]
    assert "style-src 'self'" in csp
    assert "script-src 'self'" in csp
    html = response.content.decode()
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)


def test_page_has_landmarks_and_a_skip_link(client):
    html = client.get(reverse("core:home")).content.decode()
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ('<header class="site-header">', '<nav class="site-nav"', '<main id="main"',
                     '<footer class="site-footer">'):
        assert landmark in html


def test_navigation_links_only_to_routes_that_exist(client):
    html = client.get(reverse("core:home")).content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    for href in re.findall(r'href="([^"]+)"', nav):
        assert client.get(href).status_code in {200, 302}, href


def test_unknown_page_gets_the_plain_404(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    # Someone who lost the way to their report can look it up right there.
    assert f'action="{reverse("core:track")}"' in html and 'name="code"' in html


def test_500_page_renders_without_context_processors():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Maaf, layanan sedang bermasalah" in html
    assert "112" in html


@override_settings(DEBUG=False)
def test_server_error_handler_uses_the_plain_500_page(client):
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Maaf, layanan sedang bermasalah" in response.content.decode()


def test_staff_see_a_log_in_link_and_users_see_their_name_with_logout(client, verifikator):
    assert reverse("accounts:login") in client.get("/").content.decode()
    client.force_login(verifikator)
    html = client.get("/").content.decode()
    assert verifikator.get_full_name() in html
    assert f'action="{reverse("accounts:logout")}" method="post"' in html


def _stub(request):
    from django.http import HttpResponse

    return HttpResponse("stub")


def installed_complaints_urlconf():
    """The project's URLs plus a stand-in complaints app, as if it had landed."""
    from types import ModuleType

    from django.urls import include, path

    from balai.urls import urlpatterns

    complaints = ([path("lapor/", _stub, name="report"), path("lacak/", _stub, name="track"),
                   path("staf/", _stub, name="staff_queue")], "complaints")
    urlconf = ModuleType("installed_complaints_urls")
    urlconf.urlpatterns = [path("pengaduan/", include(complaints)), *urlpatterns]
    return urlconf


def test_installed_service_gets_a_link_on_home_and_in_the_navigation(client, settings):
    settings.ROOT_URLCONF = installed_complaints_urlconf()
    html = client.get("/").content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert 'href="/pengaduan/lapor/">Lapor</a>' in nav
    assert 'href="/lacak/">Lacak</a>' in nav  # one box for complaints and PPID
    assert 'href="/ppid/">Informasi Publik</a>' in nav  # the PPID start page
    assert '<a class="card__link" href="/pengaduan/lapor/">Laporkan masalah (pengaduan)</a>' in html
    assert "segera hadir" not in html  # PPID has landed too


def test_the_admin_names_the_office_in_the_users_language(client, admin, settings):
    client.force_login(admin)
    html = client.get(reverse("admin:index")).content.decode()
    office = settings.BALAI_INSTALLATION["short_name"]
    assert f"Administrasi balai — {office}" in html
    assert "Administrasi Django" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert f"balai administration — {office}" in client.get(reverse("admin:index")
                                                          ).content.decode()


def test_the_admin_lists_every_balai_app_under_a_translated_name(client, admin):
    client.force_login(admin)
    html = client.get(reverse("admin:index")).content.decode()
    for name in ("Akun dan pegawai", "Perangkat daerah (OPD)", "Pengaduan",
                 "Jejak audit dan hari kerja", "Dokumen resmi", "Wilayah dan jalan",
                 "Informasi publik (PPID)"):
        assert name in html


def test_the_admin_pages_carry_a_content_security_policy(client, admin):
    client.force_login(admin)
    response = client.get("/admin/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_favicon_ico_answers_with_the_icon_every_page_links(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    home = client.get(reverse("core:home")).content.decode()
    assert '<link rel="icon" href="/static/balai/img/favicon.svg" type="image/svg+xml">' in home


def test_the_admin_index_names_every_app_in_indonesian(client, admin):
    from django.apps import apps  # noqa: PLC0415
    from django.utils.functional import Promise  # noqa: PLC0415

    client.force_login(admin)
    html = client.get(reverse("admin:index")).content.decode()
    for raw in ("Axes", "Tasks Database Backend", "Task Results", "Otp_Totp", "Otp_Static"):
        assert raw not in html
    for name in ("Percobaan masuk", "Tugas latar belakang", "Hasil tugas"):
        assert name in html
    # Apps with models show their name in the admin and in permission lists: each has a
    # translatable name, not Django's fallback (its label in title case) or fixed English.
    untranslated = [config.label for config in apps.get_app_configs()
                    if list(config.get_models()) and not isinstance(config.verbose_name, Promise)]
    assert untranslated == []
