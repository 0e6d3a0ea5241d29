"""A PNG of the snapshot as Chromium draws it, for the payment file (SPJ).

The stored HTML is drawn with every network request refused, so the picture shows what was
fetched (text and layout, without the outlet's images and styles) and the renderer cannot
be sent anywhere by the page. Without Chromium the PNG is skipped and the reason kept.
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def render_png(html: str, *, timeout_s: float = 20) -> tuple[bytes | None, str]:
    """(PNG bytes, "") or (None, why it was skipped)."""
    chromium = settings.MEDIA_PARTNERSHIP_CHROMIUM
    if not chromium or not Path(chromium).exists():
        return None, f"Chromium not found at {chromium or '(unset)'}; no PNG was made."
    result: dict = {}

    def run():
        try:
            from playwright.sync_api import sync_playwright  # noqa: PLC0415

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium,
                                                     headless=True, args=ARGS)
                try:
                    page = browser.new_page(viewport={"width": 1280, "height": 900},
                                            java_script_enabled=False)
                    page.route("**/*", lambda route: route.abort())
                    page.set_content(html, wait_until="domcontentloaded",
                                     timeout=timeout_s * 1000)
                    result["png"] = page.screenshot(full_page=True, timeout=timeout_s * 1000)
                finally:
                    browser.close()
        except Exception as exc:  # noqa: BLE001 - a failed picture must not lose the proof
            result["error"] = f"{type(exc).__name__}: {exc}"[:250]

    # Playwright's sync API runs its own event loop: a thread of its own keeps it away from
    # the ORM of the request that asked.
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout_s * 2)
    if "png" in result:
        return result["png"], ""
    return None, result.get("error", "Rendering did not finish in time.")
