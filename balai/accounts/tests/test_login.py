import pytest
from django.urls import reverse

from balai.accounts.models import User

pytestmark = pytest.mark.django_db


def test_login_with_a_persona_lands_on_the_workdesk(client, verifikator, password):
    response = client.post(reverse("accounts:login"),
                           {"username": verifikator.email, "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:workdesk")
    assert client.get(response["Location"]).status_code == 200


def test_login_is_case_insensitive_on_the_email(client, verifikator, password):
    response = client.post(reverse("accounts:login"),
                           {"username": verifikator.email.upper(), "password": password})
    assert response.status_code == 302


def test_wrong_password_shows_the_error_summary_in_bahasa_indonesia(client, verifikator):
    response = client.post(reverse("accounts:login"),
                           {"username": verifikator.email, "password": "salah-sekali"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert "Ada masalah" in html
    assert ('<a href="#id_username">Alamat e-mail atau kata sandi salah. Periksa keduanya, '
            "lalu coba lagi.</a>") in html
    assert "<title>Kesalahan: Masuk" in html


def test_empty_form_says_what_to_enter_and_links_to_each_field(client):
    html = client.post(reverse("accounts:login"), {}).content.decode()
    assert '<a href="#id_username">Masukkan alamat e-mail Anda</a>' in html
    assert '<a href="#id_password">Masukkan kata sandi Anda</a>' in html


def test_login_page_has_real_labels(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<label class="label" for="id_username">Alamat e-mail</label>' in html
    assert '<label class="label" for="id_password">Kata sandi</label>' in html


def test_logout_is_a_post_that_returns_home(client, verifikator):
    client.force_login(verifikator)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert "_auth_user_id" not in client.session
    assert "Anda telah keluar." in client.get(response["Location"]).content.decode()


def test_logout_by_get_is_refused(client, verifikator):
    client.force_login(verifikator)
    assert client.get(reverse("accounts:logout")).status_code == 405


def test_repeated_failures_show_the_lockout_page(client, verifikator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("accounts:login"),
                               {"username": verifikator.email, "password": "salah"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in html
    assert "Tunggu 15 menit" in html


def test_changing_the_letter_case_of_the_address_does_not_reset_the_lockout(
        client, operator_opd, password, settings):
    """Issue 23: after the lockout, other spellings of the same address got four more tries
    each, and one with the right password logged in."""
    url = reverse("accounts:login")
    email = operator_opd.email
    local, domain = email.split("@")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": email, "password": "salah"})
    for spelling in (local.capitalize() + "@" + domain, email.upper(),
                     local + "@" + domain.upper()):
        response = client.post(url, {"username": spelling, "password": "salah"})
        assert response.status_code == 429, spelling
    response = client.post(url, {"username": local + "@" + domain.upper(),
                                 "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_in_different_spellings_add_up_to_one_lockout(client, operator_opd, settings):
    url = reverse("accounts:login")
    local, domain = operator_opd.email.split("@")
    spellings = [operator_opd.email, operator_opd.email.upper(), local.title() + "@" + domain]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": spellings[attempt % 3], "password": "salah"})
    assert response.status_code == 429


def test_the_spellings_the_probe_used_all_hit_one_lockout(client, password, settings):
    """The exact addresses of issue 23's probe: after operator.dlh@demo.balai.id is locked,
    no spelling gets another try and the right password with a capitalised domain is
    refused."""
    User.objects.create_user(email="operator.dlh@demo.balai.id", password=password,
                             full_name="Operator DLH", is_staff=True)
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "operator.dlh@demo.balai.id", "password": "salah"})
    for spelling in ("Operator.dlh@demo.balai.id", "OPERATOR.dlh@demo.balai.id",
                     "operator.DLH@demo.balai.id", " operator.dlh@demo.balai.id "):
        assert client.post(url, {"username": spelling, "password": "salah"}).status_code == 429
    response = client.post(url, {"username": "operator.dlh@DEMO.balai.id",
                                 "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
