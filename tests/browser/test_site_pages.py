"""Every page of the published CI edition in Chromium over HTTP: it loads with no console
error or warning and no page error, asks for nothing beyond the loopback server, every
chart becomes an SVG inside its container, every link and download resolves, and a
screenshot of it is kept in tests/artifacts/.

(The same charts from a file share, without a server: tests/integration/test_site_browser.py.)"""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import urldefrag

import pytest

from tests.browser.pages import close, open_page, screenshot_name, site_pages

pytestmark = pytest.mark.slow
LIVE_CHARTS = ".chart.is-live > .chart-live > [role='graphics-document'] > svg"


@pytest.fixture(scope="module")
def visits(browser, site_url, ci_build) -> dict[str, dict]:
    """Each page opened once; what the tests below look at."""
    seen = {}
    for path in site_pages(ci_build.site):
        visit = open_page(browser, site_url, path)
        page = visit.page
        shot = screenshot_name(path)
        page.screenshot(path=str(shot), full_page=True)
        seen[path] = {
            "console": visit.console, "errors": visit.errors, "requests": visit.requests,
            "blocked": visit.blocked, "screenshot": shot,
            "charts": page.locator(".chart[data-chart]").count(),
            "live": page.locator(LIVE_CHARTS).count(),
            # Links as the browser resolved them; vega-embed's export menu items ("#") excluded.
            "links": page.eval_on_selector_all("a[href]:not(.vega-actions a)", "els => els.map(e => e.href)"),
        }
        close(visit)
    return seen


def test_every_page_loads_without_console_error_or_page_error(visits):
    assert len(visits) >= 6
    noisy = {path: v["console"] + v["errors"] for path, v in visits.items()
             if v["errors"] or any(m.startswith(("error", "warning")) for m in v["console"])}
    assert noisy == {}


def test_no_request_leaves_localhost(visits, site_url):
    for path, v in visits.items():
        assert v["blocked"] == [], path
        outside = [u for u in v["requests"] if not u.startswith((site_url + "/", "data:", "blob:"))]
        assert outside == [], path
        assert any(u.endswith("/assets/vega.js") for u in v["requests"]) or path == "index.html", path


def test_every_chart_renders_an_svg_in_its_container(visits):
    for path, v in visits.items():
        assert v["live"] == v["charts"], f"{path}: {v['live']} of {v['charts']} charts rendered"
    assert sum(v["charts"] for v in visits.values()) >= 10


def test_a_screenshot_of_each_page_is_kept(visits):
    for path, v in visits.items():
        assert v["screenshot"].is_file() and v["screenshot"].stat().st_size > 10_000, path


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
        return response.status, response.read()


def test_every_link_and_download_resolves(visits, site_url):
    local = {}
    for path, v in visits.items():
        for link in v["links"]:
            assert link.startswith((site_url + "/", "https://", "http://", "mailto:")), f"{path}: {link}"
            if link.startswith(site_url + "/"):
                local.setdefault(link, path)
    bodies = {}
    for link, found_on in sorted(local.items()):
        target, fragment = urldefrag(link)
        if target not in bodies:
            status, bodies[target] = fetch(target)
            assert status == 200 and bodies[target], f"{link} (linked from {found_on})"
        if fragment:
            assert re.search(rf'id="{re.escape(fragment)}"', bodies[target].decode("utf-8")), \
                f"{link} (linked from {found_on}): no element with that id"
    downloads = [t for t in bodies if t.endswith((".csv", ".pdf", "findings.json"))]
    assert any(t.endswith(".csv") for t in downloads) and any(t.endswith(".pdf") for t in downloads)
    assert any(t.endswith("/ci/v1/findings.json") for t in downloads)
    assert bodies[f"{site_url}/ci/v1/briefing-ci-v1.pdf"].startswith(b"%PDF")
