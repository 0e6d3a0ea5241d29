"""The PPID journey in Chromium at phone size (390×844), with screenshots.

A citizen asks with a KTP photo → the PPID utama delegates to Dinas PUPR's PPID pembantu
→ the pembantu extends the deadline once with a reason → the citizen follows it all.
"""

import pytest

from balai.ppid.models import InformationRequest
from balai.ppid.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def assert_clean(page):
    assert page.evaluate("window.__cspViolations || []") == []
    assert page.balai_errors == [], page.balai_errors
    assert page.evaluate("document.documentElement.scrollWidth"
                         " <= document.documentElement.clientWidth"), "page scrolls sideways"


def open_action(page, name):
    page.locator(f"#action-{name}").evaluate("d => { d.open = true; }")


def log_in(page, user, password):
    page.goto("/akun/masuk/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/meja-kerja/")


def test_request_delegate_extend(e2e_page, screenshot, tmp_path, petugas_ppid, ppid_pembantu,
                                 agency_pupr, password):
    ktp = tmp_path / "ktp.jpg"
    ktp.write_bytes(factories.JPEG)

    citizen = e2e_page(390, 844)
    citizen.goto("/ppid/permohonan/")
    citizen.fill("#id_name", "Budi Santoso")
    citizen.fill("#id_nik", "3573013208900001")  # day 32: not a date
    citizen.fill("#id_address", "Jl. Kawi 12, Malang")
    citizen.fill("#id_email", "budi@example.id")
    citizen.fill("#id_information", "Daftar menara telekomunikasi di Kota Malang tahun 2025.")
    citizen.fill("#id_purpose", "Penelitian skripsi")
    citizen.check("input[name=obtain_method][value=softcopy]")
    citizen.check("input[name=delivery_method][value=email]")
    citizen.set_input_files("#id_ktp", str(ktp))
    citizen.locator("#request-form button[type=submit]").click()
    citizen.wait_for_selector(".error-summary")
    assert "tanggal lahir" in citizen.inner_text(".error-summary")
    screenshot(citizen, "ppid-1-nik-error-390")
    citizen.fill("#id_nik", factories.NIK)
    citizen.set_input_files("#id_ktp", str(ktp))
    screenshot(citizen, "ppid-2-form-390")
    citizen.locator("#request-form button[type=submit]").click()
    citizen.wait_for_selector(".panel--confirmation")
    req = InformationRequest.objects.get()
    assert req.code in citizen.inner_text(".panel--confirmation")
    secret_link = citizen.locator("main a.break-all").inner_text()
    screenshot(citizen, "ppid-3-receipt-390")
    assert_clean(citizen)

    utama = e2e_page(390, 844)
    log_in(utama, petugas_ppid, password)
    utama.goto("/ppid/staf/")
    utama.click(f"text={req.code}")
    assert factories.NIK in utama.inner_text("#requester")
    open_action(utama, "delegate")
    utama.select_option("#id_delegate-agency", label="Dinas PUPR")
    utama.fill("#id_delegate-note", "Mohon siapkan data menara dari bidang tata ruang.")
    utama.locator("#action-delegate button[type=submit]").click()
    utama.wait_for_selector(".notification--success")
    screenshot(utama, "ppid-4-delegated-390")
    assert_clean(utama)

    pembantu = e2e_page(390, 844)
    log_in(pembantu, ppid_pembantu, password)
    pembantu.goto("/ppid/staf/")
    pembantu.click(f"text={req.code}")
    open_action(pembantu, "extend")
    pembantu.fill("#id_extend-reason", "Data menara tersebar di tiga bidang dan perlu direkap.")
    pembantu.locator("#action-extend button[type=submit]").click()
    pembantu.wait_for_selector(".notification--success")
    req.refresh_from_db()
    assert req.extended_at is not None and req.delegated_to == agency_pupr
    screenshot(pembantu, "ppid-5-extended-390")
    assert_clean(pembantu)

    citizen.goto(secret_link)
    text = citizen.inner_text("main")
    assert "tiga bidang" in text and "diperpanjang" in text.lower()
    screenshot(citizen, "ppid-6-track-extended-390")
    assert_clean(citizen)
