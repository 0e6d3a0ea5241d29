"""WCAG 2.1 AA checks (axe-core in Chromium) of the pages citizens use, in their error
states too: that is where a screen-reader user needs the hint and the error tied to the
field. Pages are checked at phone size, where most citizens meet them."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# axe reports contrast as "needs review" where it cannot see the background (map tiles,
# icon glyphs); everything else it could not decide is a finding too.
UNDECIDABLE = {"color-contrast"}


def axe_findings(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    result = Axe().run(page, options=WCAG_AA).response
    found = result["violations"] + [r for r in result["incomplete"]
                                    if r["id"] not in UNDECIDABLE]
    return [f"{page.url} {r['impact']} {r['id']}: {r['nodes'][0]['target']} "
            f"{r['nodes'][0]['failureSummary']}" for r in found]


def submit(page):
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_public_pages_and_their_error_states_pass_axe(e2e_page):
    from balai.ppid.tests import factories  # noqa: PLC0415

    request = factories.request()
    page = e2e_page(390, 844)
    findings = []
    for url in ("/", "/ppid/", "/ppid/dip/", "/ppid/arsip/", "/verifikasi/",
                f"/ppid/lacak/{request.code}/"):
        page.goto(url)
        findings += axe_findings(page)
    # Forms sent empty or wrong: the error summary, the field's error and its hint.
    page.goto("/lacak/?code=adu-2026-999999")
    assert page.get_by_role("alert").is_visible()
    findings += axe_findings(page)
    page.goto("/ppid/permohonan/")
    findings += axe_findings(page)
    submit(page)
    assert page.get_by_role("alert").is_visible()
    findings += axe_findings(page)
    page.goto("/pengaduan/lapor/")
    findings += axe_findings(page)
    submit(page)
    assert page.get_by_role("alert").is_visible()
    findings += axe_findings(page)
    page.goto("/akun/masuk/")
    page.get_by_label("Alamat e-mail").fill("siapa@contoh.id")
    page.get_by_label("Kata sandi").fill("salah-sekali")
    submit(page)
    findings += axe_findings(page)
    assert findings == []


def test_a_hint_and_an_error_are_read_with_their_field(e2e_page):
    page = e2e_page(390, 844)
    page.goto("/lacak/?code=adu-2026-999999")
    box = page.get_by_label("Kode atau nomor registrasi")
    assert box.get_attribute("aria-invalid") == "true"
    described = [page.locator(f"[id='{i}']").inner_text()
                 for i in box.get_attribute("aria-describedby").split()]
    assert "misalnya ADU-2026-000123" in described[0]
    assert "Tidak ada pengaduan atau permohonan dengan kode ADU-2026-999999" in described[1]


def test_the_support_form_keeps_what_was_typed_and_passes_axe(e2e_page, cats, verifikator):
    from playwright.sync_api import expect  # noqa: PLC0415

    from balai.complaints import services  # noqa: PLC0415
    from balai.complaints.tests.test_services import submit as report  # noqa: PLC0415

    complaint, _ = report(cats)
    services.complaint_verify(complaint=complaint, actor=verifikator)
    page = e2e_page(390, 844)
    page.goto(f"/pengaduan/lacak/{complaint.code}/dukung/")
    findings = axe_findings(page)
    page.get_by_label("Alamat e-mail").fill("bukan email")
    submit(page)
    expect(page.get_by_role("alert")).to_be_focused()
    assert page.get_by_label("Alamat e-mail").input_value() == "bukan email"
    assert page.get_by_label("Alamat e-mail").get_attribute("aria-invalid") == "true"
    findings += axe_findings(page)
    assert findings == []
