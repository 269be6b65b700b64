"""The published site as a reader meets it: served over HTTP on loopback and opened in
Debian's Chromium, driven by Playwright (which never downloads a browser here)."""

from __future__ import annotations

import pytest

from tests.browser.pages import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import serve_folder


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site_url(ci_build):
    with serve_folder(ci_build.site) as url:
        yield url
