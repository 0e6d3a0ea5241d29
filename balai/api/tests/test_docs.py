"""/api/docs/: Swagger UI from the sidecar's static files, under the site's own CSP."""

import re

import pytest
from django.contrib.staticfiles import finders

from balai.core.middleware import DEFAULT_CSP


def test_the_docs_page_loads_only_our_own_static_files(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html and "<script>" not in html  # nothing inline for the CSP
    assert response["Content-Security-Policy"] == DEFAULT_CSP
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and not [u for u in urls if "//" in u]
    for url in urls:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
    script = next(u for u in urls if "script" in u)
    init = client.get(script.replace("&amp;", "&"))
    assert init.status_code == 200 and init["Content-Type"].startswith("application/javascript")
    body = init.content.decode()
    assert "/api/v1/schema/" in body and '"validatorUrl": null' in body


@pytest.mark.e2e
def test_the_docs_page_works_in_a_browser_offline_under_the_csp(e2e_page, db, screenshot):
    page = e2e_page(1280, 900)
    outside = []

    def offline(route):
        url = route.request.url
        if url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:")):
            return route.continue_()
        outside.append(url)  # nothing may come from another origin (DESIGN.md §2)
        return route.abort()

    page.route("**/*", offline)
    page.goto("/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/complaints/" in p for p in paths)
    screenshot(page, "api-docs")
    violations = page.evaluate("window.__cspViolations")
    assert violations == [] and page.balai_errors == [] and outside == []
