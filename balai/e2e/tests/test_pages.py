"""The public pages and the staff workdesk in a real browser, at phone and desktop sizes."""

import pytest
from playwright.sync_api import expect

from balai.e2e.tests.login import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = [pytest.param((390, 844), id="390x844"), pytest.param((1280, 800), id="1280x800")]



@pytest.mark.parametrize("size", SIZES)
def test_home_page_at_phone_and_desktop_size(e2e_page, screenshot, size):
    page = e2e_page(*size)
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("heading", name="Laporkan masalah (pengaduan)").is_visible()
    assert page.get_by_role("navigation", name="Menu utama").is_visible()
    assert page.get_by_role("contentinfo").get_by_text("Batas wilayah").is_visible()
    if size[0] == 390:
        page.assert_fits_width()
    screenshot(page, f"home-{size[0]}x{size[1]}")
    page.assert_clean()


@pytest.mark.parametrize("size", SIZES)
def test_verifikator_logs_in_and_lands_on_the_workdesk(e2e_page, screenshot, verifikator,
                                                       password, size):
    page = e2e_page(*size)
    log_in(page, verifikator, password)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Selamat datang")
    assert page.get_by_role("heading", name="Antrean verifikasi").is_visible()
    assert page.get_by_text("Verifikator pengaduan").is_visible()
    assert page.get_by_role("button", name="Keluar").is_visible()
    if size[0] == 390:
        page.assert_fits_width()
    screenshot(page, f"workdesk-{size[0]}x{size[1]}")
    page.assert_clean()


def test_wrong_password_focuses_the_error_summary(e2e_page, screenshot, verifikator):
    page = e2e_page(390, 844)
    page.goto("/akun/masuk/")
    page.get_by_label("Alamat e-mail").fill(verifikator.email)
    page.get_by_label("Kata sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    summary = page.get_by_role("alert")
    assert "Ada masalah" in summary.inner_text()
    # The script moves focus once the page has loaded: wait for it rather than race it.
    expect(summary).to_be_focused()
    # The link in the summary puts the cursor in the field it names.
    summary.get_by_role("link").click()
    expect(page.locator("#id_username")).to_be_focused()
    page.assert_fits_width()
    screenshot(page, "login-error-390x844")
    page.assert_clean()


def test_language_switch_without_javascript_help(e2e_page, screenshot):
    page = e2e_page(390, 844)
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Report a problem (pengaduan)").is_visible()
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    screenshot(page, "home-en-390x844")
    page.get_by_role("button", name="Indonesia").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "id"
    page.assert_clean()


@pytest.mark.parametrize("size", SIZES)
def test_first_tab_shows_the_skip_link_with_a_visible_focus_ring(e2e_page, screenshot, size):
    page = e2e_page(*size)
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert skip.is_visible()
    box = skip.bounding_box()
    assert box["height"] >= 44 or box["height"] >= 40  # a full-width bar at the top
    style = page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return {bg: s.backgroundColor, outline: s.outlineStyle, width: s.outlineWidth};
    }""")
    assert style["bg"] == "rgb(255, 221, 0)"  # the yellow focus colour
    assert style["outline"] == "solid"
    screenshot(page, f"skip-link-focus-{size[0]}x{size[1]}")
    # Following it moves focus to the main content.
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    page.assert_clean()


def test_citizen_sees_the_friendly_403_on_the_workdesk(e2e_page, screenshot, warga, password):
    page = e2e_page(390, 844)
    page.goto("/akun/masuk/?next=/meja-kerja/")
    page.get_by_label("Alamat e-mail").fill(warga.email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/meja-kerja/")
    assert page.get_by_role("heading", name="Anda tidak dapat membuka halaman ini").is_visible()
    page.assert_fits_width()
    screenshot(page, "forbidden-390x844")
    # A 403 response is logged by Chromium as a failed resource load; nothing else may be.
    page.balai_errors = [e for e in page.balai_errors if "403" not in e]
    page.assert_clean()


def test_tap_targets_in_header_and_navigation_are_44px(e2e_page):
    page = e2e_page(390, 844)
    page.goto("/")
    small = page.evaluate("""() => Array.from(
        document.querySelectorAll('.site-header a, .site-header button, .site-nav a, .button')
    ).filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
     .map(el => el.textContent.trim())""")
    assert small == []


def test_logout_button_logs_out_and_says_so(e2e_page, screenshot, verifikator, password):
    page = e2e_page(390, 844)
    log_in(page, verifikator, password)
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(lambda url: url.endswith("/"))
    assert page.get_by_role("status").inner_text() == "Anda telah keluar."
    assert page.get_by_role("link", name="Masuk pegawai").is_visible()
    screenshot(page, "logged-out-390x844")
    page.assert_clean()


@pytest.mark.parametrize("size", SIZES)
def test_photo_and_date_inputs_speak_indonesian_on_an_english_browser(
        e2e_page, e2e_log_in, screenshot, kepala_dinas, tmp_path, size):
    # Chromium draws its own file and date controls in the browser's language (here
    # English: "Choose files", mm/dd/yyyy), whatever the page's lang says.
    page = e2e_page(*size, locale="en-US")
    page.goto("/pengaduan/lapor/")
    choose = page.locator("#group-id_photos").get_by_text("Pilih foto", exact=True)
    assert choose.is_visible()
    # The English control is transparent and lies over the button: a tap on "Pilih foto"
    # lands on it. It keeps the keyboard focus, and the button shows the focus ring.
    choose.scroll_into_view_if_needed()
    assert choose.evaluate("""e => { const r = e.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return hit.id === 'id_photos' && getComputedStyle(hit).opacity === '0'; }""")
    photos = page.locator("#id_photos")
    photos.focus()
    expect(choose).to_have_css("background-color", "rgb(255, 221, 0)")
    chosen = page.locator("#group-id_photos .file-input__chosen")
    expect(chosen).to_have_text("Belum ada berkas yang dipilih.")
    for name in ("lubang.jpg", "genangan.jpg"):
        (tmp_path / name).write_bytes(b"\xff\xd8\xff\xe0")
    photos.set_input_files([str(tmp_path / "lubang.jpg"), str(tmp_path / "genangan.jpg")])
    expect(chosen).to_have_text("lubang.jpg, genangan.jpg")  # written by balai.js
    if size[0] == 390:
        page.assert_fits_width()
    screenshot(page, f"report-photo-input-{size[0]}x{size[1]}")
    page.assert_clean()

    e2e_log_in(page, kepala_dinas)
    page.goto("/meja-kerja/statistik/")
    date_from = page.get_by_label("Dari")
    assert date_from.get_attribute("placeholder") == "hh/bb/tttt"
    date_from.fill("01/11/2026")
    page.get_by_label("Sampai").fill("30/11/2026")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    assert "dari 1 November 2026 sampai 30 November 2026" in page.locator(".lead").inner_text()
    assert page.get_by_label("Dari").input_value() == "01/11/2026"  # written back the same way
    screenshot(page, f"statistics-dates-{size[0]}x{size[1]}")
    page.assert_clean()


@pytest.mark.parametrize("size", SIZES)
def test_log_out_stays_on_one_line_beside_a_long_name(e2e_page, e2e_log_in, screenshot,
                                                      atasan_ppid, size):
    atasan_ppid.full_name = "Drs. Bambang Sutrisno Wicaksono Hadiningrat, M.Si."
    atasan_ppid.save(update_fields=["full_name"])
    page = e2e_page(*size)
    e2e_log_in(page, atasan_ppid)
    for words, switch in (("Keluar", "English"), ("Log out", None)):
        button = page.locator(".account-tools").get_by_role("button", name=words)
        lines = button.evaluate("""e => { const r = document.createRange();
            r.selectNodeContents(e); return r.getClientRects().length; }""")
        assert lines == 1, words
        assert button.bounding_box()["height"] == 44  # the tap height: one line, not two
        screenshot(page, f"logout-{words.split()[0].lower()}-{size[0]}x{size[1]}")
        if switch:
            page.get_by_role("button", name=switch).click()
            page.wait_for_load_state()
    page.assert_clean()
