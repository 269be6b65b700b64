"""The published site in real headless Chromium: every chart on every page becomes an
interactive SVG from the local Vega bundle, over HTTP on loopback and from file://."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.browser.pages import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import require, serve_folder

pytestmark = pytest.mark.slow
FLAGS = ["--headless", *CHROMIUM_ARGS, "--virtual-time-budget=8000"]


def dump_dom(url: str, profile) -> str:
    require(CHROMIUM.is_file(), f"Debian's Chromium ({CHROMIUM})", "`make setup` installs it (apt-get install chromium)")
    result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def server(ci_build):
    with serve_folder(ci_build.site) as url:
        yield url


def test_every_chart_renders_live_over_http(server, ci_build, tmp_path):
    pages = sorted((ci_build.site / "ci" / "v1").glob("*.html"))
    charts_seen = 0
    for page in pages:
        source = page.read_text()
        expected = len(re.findall(r'<div class="chart" data-chart=', source))
        dom = dump_dom(f"{server}/ci/v1/{page.name}", tmp_path / "profile")
        live = re.findall(r'<div class="chart is-live" data-chart="([^"]+)"[^>]*>\s*<div class="chart-live[^"]*"[^>]*>.*?<svg',
                          dom, re.S)
        assert len(live) == expected, f"{page.name}: {len(live)} of {expected} charts rendered"
        assert "chart-fallback" not in dom or expected == 0
        charts_seen += expected
    assert charts_seen >= 3


def test_charts_render_from_a_file_share(ci_build, tmp_path):
    page = ci_build.site / "ci" / "v1" / "funding.html"
    dom = dump_dom(page.as_uri(), tmp_path / "profile")
    assert dom.count('class="chart is-live"') == page.read_text().count('<div class="chart" data-chart=')
