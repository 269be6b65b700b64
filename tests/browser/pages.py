"""Helpers for the browser tests: the site's pages, one page opened with everything it
said and asked for, screenshots kept under tests/artifacts/."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")  # Debian package, installed by `make setup`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"  # npm ci, run by `make setup`
ARTIFACTS = REPO / "tests" / "artifacts"  # screenshots, git-ignored
CHARTS_SETTLED = """() => Array.from(document.querySelectorAll('.chart[data-chart]'))
    .every(c => c.classList.contains('is-live') || c.classList.contains('is-static'))"""
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (which never downloads a browser here)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def site_pages(site: Path) -> list[str]:
    """The editions index and every page of the CI edition's version 1, as URL paths."""
    return ["index.html", *(f"ci/v1/{p.name}" for p in sorted((site / "ci" / "v1").glob("*.html")))]


@dataclass
class Visit:
    """One page opened in a fresh browser context, with everything it said and asked for."""

    page: object
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_page(browser, base: str, path: str) -> Visit:
    """Load `base/path`, wait until every chart is live (or left static), and record console
    messages, page errors, dialogs and every request; a request for anything but the
    loopback server is recorded and aborted, so nothing can leave the machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = Visit(page)

    def route(route):
        url = route.request.url
        if url.startswith(base + "/") or url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            visit.blocked.append(url)
            route.abort()

    def dialog(d):
        visit.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    context.route("**/*", route)
    page.on("console", lambda m: visit.console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("dialog", dialog)
    response = page.goto(f"{base}/{path}", wait_until="load")
    assert response is not None and response.status == 200, path
    page.wait_for_function(CHARTS_SETTLED, timeout=30_000)
    return visit


def close(visit: Visit) -> None:
    visit.page.context.close()


def screenshot_name(path: str, prefix: str = "") -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{prefix}{path.replace('/', '-').removesuffix('.html')}.png"
