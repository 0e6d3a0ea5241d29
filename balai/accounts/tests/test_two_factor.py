"""Staff two-step verification (TOTP) with real codes, under STAFF_2FA=required."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import checks
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.accounts import services, two_factor
from balai.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 17, 2, 0, tzinfo=UTC)
WRONG = "Kode salah atau kedaluwarsa. Masukkan 6 angka dari aplikasi autentikator Anda."


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_2FA = "required"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def code_for(device) -> str:
    """The code an authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrolled(user) -> TOTPDevice:
    device = services.totp_device_start(user=user)
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        codes = services.totp_device_confirm(device=device, token=code_for(device))
    assert codes is not None
    device.refresh_from_db()
    device.backup_codes = codes  # as shown to the user, once
    return device


def log_in(client, user, password):
    return client.post(reverse("accounts:login"),
                       {"username": user.email, "password": password})


def actions(user):
    return list(AuditEntry.objects.filter(object_id=str(user.pk),
                                          action__startswith="accounts.2fa")
                .values_list("action", flat=True))


# --- enrolment --------------------------------------------------------------------------

def test_officer_without_an_app_enrols_after_the_password_then_sees_ten_codes_once(
        client, verifikator, password, clock):
    response = log_in(client, verifikator, password)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:enrol"))
    # Until enrolment is finished, the workdesk sends the officer back to it.
    desk = client.get(reverse("dashboard:workdesk"))
    assert desk.status_code == 302 and desk["Location"].startswith(reverse("accounts:enrol"))

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Siapkan verifikasi dua langkah" in html
    assert '<svg' in html and 'class="qr-code"' in html and "http" not in html.split(
        "<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org", "")
    device = TOTPDevice.objects.get(user=verifikator)
    assert not device.confirmed
    key = re.search(r'id="totp-key">([A-Z2-7 ]+)<', html).group(1)
    assert key.replace(" ", "") in device.config_url  # the same secret as in the QR code
    # A reload shows the same key: the app the officer already scanned stays valid.
    assert key in client.get(response["Location"]).content.decode()

    done = client.post(response["Location"], {"code": code_for(device)})
    assert done.status_code == 302
    assert done["Location"].startswith(reverse("accounts:backup_codes"))
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", codes_page)
    assert len(codes) == 10
    assert "Verifikasi dua langkah aktif" in codes_page
    stored = list(StaticDevice.objects.get(user=verifikator).token_set
                  .values_list("token", flat=True))
    # Only keyed hashes are stored: a copy of the table gives no code away.
    assert sorted(stored) == sorted(two_factor.backup_code_digest(c) for c in codes)
    assert not set(codes) & set(stored)
    again = client.get(done["Location"]).content.decode()
    assert not re.findall(r"<li>([a-z2-7]{8})</li>", again)  # shown once only
    assert client.get(reverse("dashboard:workdesk")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert actions(verifikator) == ["accounts.2fa_enrolled"]


def test_enrolment_with_a_wrong_code_shows_the_error_summary(client, verifikator, clock):
    client.force_login(verifikator)
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get(user=verifikator)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    html = client.post(reverse("accounts:enrol"), {"code": wrong}).content.decode()
    assert 'class="error-summary"' in html and WRONG in html
    assert "<title>Kesalahan:" in html
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed


def test_someone_with_only_the_password_cannot_set_up_another_app(client, verifikator):
    enrolled(verifikator)
    client.force_login(verifikator)
    response = client.get(reverse("accounts:enrol"))
    assert response["Location"].startswith(reverse("accounts:verify"))
    assert TOTPDevice.objects.filter(user=verifikator).count() == 1


# --- the code at log-in -------------------------------------------------------------------

def test_enrolled_officer_gives_the_code_after_the_password(client, verifikator, password,
                                                            clock):
    device = enrolled(verifikator)
    response = log_in(client, verifikator, password)
    assert response["Location"] == (reverse("accounts:verify") + "?next=%2Fmeja-kerja%2F")
    page = client.get(response["Location"]).content.decode()
    assert "Masukkan kode keamanan" in page
    assert 'autocomplete="one-time-code"' in page
    key_before = client.session.session_key
    done = client.post(response["Location"], {"code": code_for(device)})
    assert done.status_code == 302 and done["Location"] == reverse("dashboard:workdesk")
    assert client.session.session_key != key_before  # a new session key once verified
    assert client.get(reverse("dashboard:workdesk")).status_code == 200


def test_a_staff_page_remembers_where_the_officer_was_going(client, verifikator, clock):
    device = enrolled(verifikator)
    client.force_login(verifikator)
    target = reverse("complaints:staff_queue") + "?status=baru"
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:verify"))
    done = client.post(response["Location"], {"code": code_for(device)})
    assert done["Location"] == target


def test_wrong_code_is_refused_in_bahasa_indonesia_and_throttled(client, verifikator, clock):
    device = enrolled(verifikator)
    client.force_login(verifikator)
    url = reverse("accounts:verify")
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    html = client.post(url, {"code": wrong}).content.decode()
    assert WRONG in html and 'href="#id_code"' in html
    # django-otp's back-off: right after a failure even the right code must wait.
    html = client.post(url, {"code": code_for(device)}).content.decode()
    assert "Terlalu banyak kode salah. Tunggu 1 detik" in html
    clock.shift(2)
    assert client.post(url, {"code": code_for(device)}).status_code == 302


def test_a_code_that_is_not_six_digits_is_explained(client, verifikator):
    enrolled(verifikator)
    client.force_login(verifikator)
    html = client.post(reverse("accounts:verify"), {"code": "12a45"}).content.decode()
    assert "Masukkan kode berupa 6 angka, seperti 123456" in html
    html = client.post(reverse("accounts:verify"), {"code": ""}).content.decode()
    assert "Masukkan 6 angka dari aplikasi autentikator Anda" in html


def test_an_expired_code_is_refused(client, verifikator, clock):
    device = enrolled(verifikator)
    old_code = code_for(device)
    client.force_login(verifikator)
    clock.shift(120)  # four 30-second steps later; one step of drift is tolerated
    html = client.post(reverse("accounts:verify"), {"code": old_code}).content.decode()
    assert WRONG in html
    assert client.get(reverse("dashboard:workdesk")).status_code == 302


def test_a_code_works_once_only(client, verifikator, clock):
    device = enrolled(verifikator)
    code = code_for(device)
    client.force_login(verifikator)
    assert client.post(reverse("accounts:verify"), {"code": code}).status_code == 302
    other = client.__class__()
    other.force_login(verifikator)
    assert WRONG in other.post(reverse("accounts:verify"), {"code": code}).content.decode()


def test_repeated_wrong_codes_lock_the_account_like_wrong_passwords(client, verifikator,
                                                                   settings, clock):
    enrolled(verifikator)
    client.force_login(verifikator)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        clock.shift(600)  # past django-otp's back-off, so axes does the counting
        response = client.post(reverse("accounts:verify"), {"code": "000000"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert "_auth_user_id" not in client.session  # logged out
    assert client.get(reverse("dashboard:workdesk")).status_code == 302


# --- backup codes -----------------------------------------------------------------------

def test_a_backup_code_logs_in_once_and_is_audited(client, verifikator, clock):
    code = enrolled(verifikator).backup_codes[0]
    client.force_login(verifikator)
    url = reverse("accounts:verify_backup") + "?next=%2Fmeja-kerja%2F"
    response = client.post(url, {"code": code.upper()})
    assert response.status_code == 302 and response["Location"] == "/meja-kerja/"
    assert "9 kode tersisa" in client.get("/meja-kerja/").content.decode()
    assert actions(verifikator) == ["accounts.2fa_enrolled", "accounts.2fa_backup_code_used"]
    assert AuditEntry.objects.get(action="accounts.2fa_backup_code_used").data == {
        "remaining": 9}

    again = client.__class__()
    again.force_login(verifikator)
    html = again.post(url, {"code": code}).content.decode()
    assert "Kode cadangan salah atau sudah dipakai" in html
    assert again.get("/meja-kerja/").status_code == 302


def test_new_backup_codes_replace_the_old_ones(client, verifikator, verified_login):
    old = set(enrolled(verifikator).backup_codes)
    verified_login(client, verifikator)
    assert "Kode cadangan tersisa" in client.get(reverse("accounts:two_factor")
                                                 ).content.decode()
    response = client.post(reverse("accounts:backup_codes_renew"))
    codes = set(re.findall(r"<li>([a-z2-7]{8})</li>",
                           client.get(response["Location"]).content.decode()))
    assert len(codes) == 10 and not codes & old
    assert "accounts.2fa_backup_codes_renewed" in actions(verifikator)


def test_backup_codes_stored_in_plain_before_are_hashed_by_the_migration(verifikator):
    import importlib

    from django.apps import apps

    device = StaticDevice.objects.create(user=verifikator, name="backup", confirmed=True)
    device.token_set.create(token="abcd2345")  # as django-otp stored it before
    importlib.import_module("balai.accounts.migrations.0002_backup_codes_hashed"
                            ).backup_codes_hash(apps, None)
    assert device.token_set.get().token == two_factor.backup_code_digest("abcd2345")
    assert services.backup_code_use(user=verifikator, code="ABCD-2345") is not None
    assert not device.token_set.exists()  # spent
    assert services.backup_code_use(user=verifikator, code="abcd2345") is None


# --- what is refused, and who is never asked ------------------------------------------------

def test_the_admin_refuses_an_unverified_staff_session(client, admin, verified_login):
    client.force_login(admin)
    for url in (reverse("admin:index"), reverse("admin:accounts_user_changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:enrol"))
    verified_login(client, admin)
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_pages_refuse_a_post_from_an_unverified_session(client, verifikator):
    enrolled(verifikator)
    client.force_login(verifikator)
    response = client.post(reverse("admin:index"), {})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")


def test_citizens_are_never_asked_for_a_code(client, warga, password):
    response = log_in(client, warga, password)
    assert response.status_code == 302
    assert not response["Location"].startswith("/akun/")
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get(reverse("accounts:verify"))["Location"] == "/meja-kerja/"
    assert not TOTPDevice.objects.exists()


def test_machine_interfaces_ignore_an_unfinished_staff_session(client, verifikator):
    client.force_login(verifikator)
    response = client.get("/open311/v2/services.json")
    assert response.status_code == 200


def test_an_api_request_from_an_unfinished_session_is_anonymous(rf, verifikator, settings):
    """Token-authenticated /api/ calls never see a half-logged-in staff session."""
    from django.contrib.sessions.backends.db import SessionStore

    from balai.accounts.middleware import StaffTwoFactorMiddleware

    seen = []
    middleware = StaffTwoFactorMiddleware(lambda request: seen.append(request.user) or "ok")
    request = rf.get("/api/v1/complaints/", HTTP_AUTHORIZATION="Token abc")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "x"
    request.session = SessionStore()
    request.user = verifikator
    verifikator.is_verified = lambda: False
    assert middleware(request) == "ok"
    assert seen[0].is_anonymous
    page = rf.get("/meja-kerja/")
    page.COOKIES[settings.SESSION_COOKIE_NAME] = "x"
    page.session, page.user = SessionStore(), verifikator
    assert middleware(page)["Location"].startswith(reverse("accounts:enrol"))


def test_logout_and_the_language_switch_stay_open(client, verifikator):
    client.force_login(verifikator)
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_optional_asks_only_officers_who_set_up_an_app(client, settings, verifikator,
                                                       operator_opd, password, clock):
    settings.STAFF_2FA = "optional"
    response = log_in(client, operator_opd, password)
    assert response["Location"] == reverse("dashboard:workdesk")
    desk = client.get(response["Location"]).content.decode()
    assert "Lindungi akun Anda dengan verifikasi dua langkah." in desk
    assert f'href="{reverse("accounts:two_factor")}"' in desk

    device = enrolled(verifikator)
    other = client.__class__()
    response = log_in(other, verifikator, password)
    assert response["Location"].startswith(reverse("accounts:verify"))
    assert other.get("/meja-kerja/").status_code == 302
    other.post(response["Location"], {"code": code_for(device)})
    assert other.get("/meja-kerja/").status_code == 200


# --- administration ---------------------------------------------------------------------

def test_admin_resets_a_lost_phone_and_the_officer_enrols_again(client, admin, verifikator,
                                                               verified_login, password):
    enrolled(verifikator)
    verified_login(client, admin)
    changelist = reverse("admin:accounts_user_changelist")
    assert client.get(changelist).status_code == 200
    response = client.post(changelist, {"action": "reset_two_factor",
                                        "_selected_action": [verifikator.pk]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=verifikator).exists()
    assert not StaticDevice.objects.filter(user=verifikator).exists()
    entry = AuditEntry.objects.get(action="accounts.2fa_reset")
    assert entry.actor == admin and entry.data == {"devices": 1}

    officer = client.__class__()
    assert log_in(officer, verifikator, password)["Location"].startswith(
        reverse("accounts:enrol"))


def test_a_session_whose_app_was_reset_is_sent_to_enrol(client, admin, verifikator):
    enrolled(verifikator)
    client.force_login(verifikator)
    services.user_reset_two_factor(user=verifikator, actor=admin)
    response = client.get(reverse("accounts:verify"))
    assert response["Location"].startswith(reverse("accounts:enrol"))


def test_deploy_check_warns_when_two_factor_is_optional_in_production(settings):
    from balai.accounts.checks import staff_2fa_optional_in_production, staff_2fa_setting

    settings.DEBUG = False
    settings.STAFF_2FA = "optional"
    assert [m.id for m in staff_2fa_optional_in_production(None)] == ["accounts.W001"]
    settings.STAFF_2FA = "required"
    assert staff_2fa_optional_in_production(None) == []
    settings.DEBUG, settings.STAFF_2FA = True, "optional"
    assert staff_2fa_optional_in_production(None) == []
    settings.STAFF_2FA = "sometimes"
    assert [m.id for m in staff_2fa_setting(None)] == ["accounts.E001"]
    assert all(isinstance(m, checks.CheckMessage) for m in staff_2fa_setting(None))
