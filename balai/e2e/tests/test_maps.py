"""The complaint maps in a real browser when the tile server cannot be reached."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", [pytest.param((390, 844), id="390x844"),
                                  pytest.param((1280, 800), id="1280x800")])
def test_the_public_map_offline_names_the_streets_and_kelurahan(e2e_page, screenshot, cats,
                                                                size):
    page = e2e_page(*size)
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto("/pengaduan/")
    page.locator(".map-area-name").first.wait_for(state="attached")
    for _ in range(4):  # street names show from zoom 14, where they fit
        page.get_by_role("button", name="Zoom in").click()
        page.wait_for_timeout(300)
    road = page.locator(".map-road-name", has_text="Jalan Merdeka Selatan")
    road.first.wait_for(state="visible")
    assert page.locator(".map-area-name").count() > 0
    assert page.locator("#map-legend").get_by_text("Selesai").is_visible()
    screenshot(page, f"map-offline-{size[0]}x{size[1]}")
    # The aborted tiles are the only errors the page may log.
    assert [e for e in page.balai_errors if "Failed to load resource" not in e] == []
    assert page.evaluate("window.__cspViolations || []") == []
