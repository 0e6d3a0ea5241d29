"""The command room in Chromium: on a wall screen (1280×800, wall view) and on a phone
(390×844) the figures read, the map draws the open cases, and a refresh swaps the figures
in place with a new time, no page reload."""

import pytest
from playwright.sync_api import expect

from balai.dashboard.tests.test_command_room import cases  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height", "view"), [(1280, 800, "dinding"),
                                                       (390, 844, "")])
def test_the_head_of_office_reads_the_room(e2e_page, e2e_log_in, screenshot, kepala_dinas,
                                           cases, width, height, view):  # noqa: F811
    page = e2e_page(width, height)
    e2e_log_in(page, kepala_dinas)
    page.goto(f"/ruang-kendali/?tampilan={view}")
    expect(page.locator("#tile-new_hour .tile__value")).to_have_text("2")
    expect(page.locator("#tile-overdue")).to_have_class("tile tile--alarm")
    expect(page.locator("#command-map")).to_have_attribute("data-count", "4")
    page.assert_fits_width()
    page.evaluate("document.body.dataset.marker = 'same page'")
    page.evaluate("document.getElementById('updated').textContent = 'lama'")
    page.evaluate("""htmx.ajax('GET', location.pathname + location.search,
                               {target: '#figures', swap: 'outerHTML'})""")
    expect(page.locator("#updated")).to_contain_text("Diperbarui")
    assert page.evaluate("document.body.dataset.marker") == "same page"
    assert page.balai_errors == [] and page.evaluate("window.__cspViolations || []") == []
    screenshot(page, f"command-room-{width}")
