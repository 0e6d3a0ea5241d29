"""An officer sets up two-step verification and logs in with it, in Chromium at 390×844."""

import base64
import time

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]



def app_code(typed_key: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key the officer typed in by hand."""
    key = typed_key.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(key), drift=steps_ahead):06d}"


def next_time_step(margin: float = 0.5) -> None:
    """Wait for the start of the next 30-second TOTP step. The live server runs in real
    time: a code typed across a step boundary makes django-otp record a drift, and the
    next code may then fall outside its window (a flaky run, not a bug)."""
    time.sleep(30 - time.time() % 30 + margin)


def away_from_step_edge(needed: float = 8.0) -> None:
    """Make sure a code computed now is still current when the server checks it."""
    if 30 - time.time() % 30 < needed:
        next_time_step()


def log_in(page, user, password):
    page.goto("/akun/masuk/")
    page.get_by_label("Alamat e-mail").fill(user.email)
    page.get_by_label("Kata sandi").fill(password)
    page.locator("main button[type=submit]").click()


def test_officer_enrols_then_logs_in_with_a_code(e2e_page, screenshot, settings, verifikator,
                                                 password):
    settings.STAFF_2FA = "required"
    page = e2e_page(390, 844)
    log_in(page, verifikator, password)
    page.wait_for_url("**/akun/dua-langkah/aktifkan/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Siapkan verifikasi dua langkah"
    qr = page.locator("main svg.qr-code")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 150
    page.assert_fits_width()
    key = page.locator("#totp-key").inner_text()
    screenshot(page, "2fa-1-enrol-390")

    page.get_by_label("Kode keamanan").fill("000000" if app_code(key) != "000000" else "111111")
    page.get_by_role("button", name="Konfirmasi dan lanjutkan").click()
    # The form posts back to the same address: wait for the answer, not for a new URL.
    expect(page.locator(".error-summary")).to_contain_text("Kode salah atau kedaluwarsa")
    screenshot(page, "2fa-2-wrong-code-390")
    page.wait_for_timeout(1100)  # django-otp's back-off after one wrong code is 1 second
    away_from_step_edge()
    page.get_by_label("Kode keamanan").fill(app_code(key))
    page.get_by_role("button", name="Konfirmasi dan lanjutkan").click()
    page.wait_for_url("**/akun/dua-langkah/kode-cadangan/**")
    assert page.locator("ul.backup-codes li").count() == 10
    page.assert_fits_width()
    screenshot(page, "2fa-3-backup-codes-390")
    page.get_by_role("link", name="Kode sudah saya simpan: lanjutkan").click()
    page.wait_for_url("**/meja-kerja/")
    page.assert_clean()

    page.get_by_role("button", name="Keluar").click()
    log_in(page, verifikator, password)
    page.wait_for_url("**/akun/verifikasi/**")
    screenshot(page, "2fa-4-verify-390")
    # The code from enrolment cannot be used twice: the app's next code is.
    next_time_step()
    page.get_by_label("Kode keamanan").fill(app_code(key))
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_url("**/meja-kerja/")
    assert page.get_by_role("heading", level=1).is_visible()
    page.assert_clean()
