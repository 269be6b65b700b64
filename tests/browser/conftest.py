"""The published site as a reader meets it: served over HTTP on loopback and opened in
Debian's Chromium, driven by Playwright (which never downloads a browser here)."""

from __future__ import annotations

import pytest

from tests.browser.pages import chromium
from tests.conftest import serve_folder


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def site_url(ci_build):
    with serve_folder(ci_build.site) as url:
        yield url
