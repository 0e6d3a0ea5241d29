"""The PPID journey in Chromium at phone size (390×844), with screenshots.

A citizen asks with a KTP photo → the PPID utama delegates to Dinas PUPR's PPID pembantu
→ the pembantu extends the deadline once with a reason → the pembantu grants part of it
with a signed written notice (a–g) and a file → the citizen objects → the atasan PPID
decides with a signed letter → the citizen reads it.
"""

import pytest

from balai.ppid.models import InformationRequest
from balai.ppid.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def assert_clean(page):
    page.assert_clean()
    page.assert_fits_width()


def open_action(page, name):
    page.locator(f"#action-{name}").evaluate("d => { d.open = true; }")


def log_in(page, user, password):
    page.goto("/akun/masuk/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/meja-kerja/")


def test_request_delegate_extend_grant_object_decide(e2e_page, screenshot, tmp_path, signing,
                                                    petugas_ppid, ppid_pembantu, atasan_ppid,
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

    open_action(pembantu, "decide")
    pembantu.check("input[name=decide-is_held][value='1']")
    pembantu.check("input[name=decide-outcome][value=sebagian]")
    pembantu.select_option("#id_decide-exemption", value="17h")
    pembantu.fill("#id_decide-consequence_test", "Nama dan NIK pemilik lahan adalah data "
                  "pribadi; kepentingan publik terpenuhi tanpa data itu.")
    pembantu.fill("#id_decide-given", "Daftar 120 menara: lokasi, tinggi, operator.")
    pembantu.fill("#id_decide-withheld", "Nama dan NIK pemilik lahan")
    pembantu.fill("#id_decide-withheld_reason", "Data pribadi (Pasal 17 huruf h).")
    sheet = tmp_path / "daftar-menara.xlsx"
    sheet.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    pembantu.set_input_files("#id_decide-files", str(sheet))
    screenshot(pembantu, "ppid-7-decision-form-390")
    pembantu.locator("#action-decide button[type=submit]").click()
    pembantu.wait_for_selector("#decision")
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.ANSWERED
    assert req.decision.notice.number.full_number in pembantu.inner_text("#decision")
    screenshot(pembantu, "ppid-8-answered-390")
    assert_clean(pembantu)

    citizen.goto(secret_link)
    assert "Diberikan sebagian" in citizen.inner_text("#decision")
    assert citizen.locator("#files a").count() == 1
    screenshot(citizen, "ppid-9-answer-for-citizen-390")
    citizen.get_by_role("link", name="Ajukan keberatan").click()
    citizen.check("input[name=grounds][value='35_1a']")
    citizen.fill("#id_case_summary", "Nama pemilik lahan milik daerah seharusnya dibuka.")
    screenshot(citizen, "ppid-10-objection-form-390")
    citizen.locator("#objection-form button[type=submit]").click()
    citizen.wait_for_selector(".panel--confirmation")
    objection = req.objections.get()
    assert objection.code in citizen.inner_text(".panel--confirmation")
    screenshot(citizen, "ppid-11-objection-received-390")
    assert_clean(citizen)

    atasan = e2e_page(390, 844)
    log_in(atasan, atasan_ppid, password)
    atasan.goto("/ppid/staf/keberatan/")
    atasan.click(f"text={objection.code}")
    atasan.check("input[name=outcome][value=sebagian]")
    atasan.fill("#id_reasons", "Nama pemilik lahan milik daerah adalah informasi publik; "
                "NIK tetap dihitamkan.")
    atasan.locator("#objection-decide button[type=submit]").click()
    atasan.wait_for_selector(".notification--success")
    objection.refresh_from_db()
    assert objection.status == "diputus" and objection.decision_document is not None
    screenshot(atasan, "ppid-12-objection-decided-390")
    assert_clean(atasan)

    citizen.goto(secret_link)
    assert "Keberatan diterima sebagian" in citizen.inner_text("#objections")
    screenshot(citizen, "ppid-13-citizen-sees-decision-390")
    assert_clean(citizen)
