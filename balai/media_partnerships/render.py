"""A PDF and a PNG of a proof's snapshot as Chromium draws it, for the payment file (SPJ).

The stored HTML is drawn by the worker with JavaScript off and every network request
refused, so the pictures show what was fetched (text and layout, without the outlet's
images and styles) and the renderer cannot be sent anywhere by the page.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


class RenderFailed(Exception):
    """Chromium could not draw the snapshot: the message says why (kept on the proof)."""


@dataclass(frozen=True)
class Rendering:
    pdf: bytes
    png: bytes


def snapshot_text(body: bytes) -> str:
    """The stored page as text: UTF-8, or the charset its own <meta> declares."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = CHARSET.search(body[:4096])
    try:
        return body.decode(declared.group(1).decode() if declared else "latin-1",
                           errors="replace")
    except LookupError:
        return body.decode("latin-1")


def render_snapshot(html: str, *, timeout_s: float = 30) -> Rendering:
    """Draw `html` as an A4 PDF and a full-page PNG; RenderFailed says why not."""
    chromium = settings.MEDIA_PARTNERSHIP_CHROMIUM
    if not chromium or not Path(chromium).exists():
        raise RenderFailed(f"Chromium not found at {chromium or '(unset)'}.")
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
                    page.emulate_media(media="screen")
                    result["pdf"] = page.pdf(format="A4", print_background=True)
                finally:
                    browser.close()
        except Exception as exc:  # noqa: BLE001 - the reason is kept and the task retried
            result["error"] = f"{type(exc).__name__}: {exc}"[:250]

    # Playwright's sync API runs its own event loop: a thread of its own keeps it away from
    # the ORM of the worker (or test) that asked.
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout_s * 2)
    if "pdf" in result:
        return Rendering(pdf=result["pdf"], png=result["png"])
    raise RenderFailed(result.get("error", "Rendering did not finish in time."))
