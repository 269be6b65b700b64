"""Fixtures for the print checks: a Chromium page to measure chart SVGs in (the default
edition they read is the session's shared `default_build`, tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.browser.pages import chromium


@pytest.fixture(scope="module")
def svg_page():
    """A blank Chromium page that chart SVGs are laid out in and measured."""
    with chromium() as browser:
        yield browser.new_page()
