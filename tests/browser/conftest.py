"""Chromium through Playwright against the live test server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from that
# thread are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from typing import TYPE_CHECKING

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("HUB_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


def open_page(browser: Browser, live_server, settings, **context_options) -> Iterator[Page]:
    """A page of a new context on the live server; CSP violations go to `page.csp_violations`."""
    settings.HUB_SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.csp_violations = []  # type: ignore[attr-defined]

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            page.csp_violations.append(message.text)  # type: ignore[attr-defined]

    page.on("console", on_console)
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser, live_server, settings) -> Iterator[Page]:
    yield from open_page(browser, live_server, settings)


# A phone the pages must fit without sideways scrolling (DESIGN.md: 390x844).
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser, live_server, settings) -> Iterator[Page]:
    """A page on a 390 px touch phone (test_phone.py, the city page's and others' phone tests)."""
    yield from open_page(
        browser,
        live_server,
        settings,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def scn_data(transactional_db):
    from hub.services import scn_data_load

    scn_data_load()


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
