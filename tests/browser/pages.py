"""Helpers for the browser tests: Chromium, the site's pages, and one visit of a page at
one width that records everything the page tests look at (console, requests, overflow,
charts, links, headings, axe-core's findings, clipped chart labels, permalinks, table
headers), with a screenshot kept under tests/artifacts/."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import REPO, require

CHROMIUM = Path("/usr/bin/chromium")  # Debian package, installed by `make setup`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"  # npm ci, run by `make setup`
ARTIFACTS = REPO / "tests" / "artifacts"  # screenshots and PDF pages, git-ignored
WIDTHS = (390, 1280)  # a phone and a laptop
CHARTS_SETTLED = """() => Array.from(document.querySelectorAll('.chart[data-chart]'))
    .every(c => c.classList.contains('is-live') || c.classList.contains('is-static'))"""
LOCAL_SCHEMES = ("data:", "blob:", "about:")
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
}"""
HEADINGS = "() => Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'))" \
           ".map(h => [Number(h.tagName[1]), h.textContent.trim()])"
CHART_NAMES = """() => Array.from(document.querySelectorAll('.chart[data-chart]')).map(c => {
  const doc = c.querySelector('[role="graphics-document"]');
  return [c.dataset.chart, doc ? doc.getAttribute('aria-label') : null];
})"""
# Text of a live chart drawn outside its SVG (cut off, as "United State" once was).
CLIPPED_LABELS = """() => Array.from(document.querySelectorAll('.chart-live svg')).flatMap(svg => {
  const box = svg.getBoundingClientRect();
  return Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()).filter(t => {
    const r = t.getBoundingClientRect();
    return r.width && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
                       || r.bottom > box.bottom + 1);
  }).map(t => svg.closest('.chart').dataset.chart + ': ' + t.textContent);
})"""
# Figures and tables whose number is not a visible link to them.
PERMALINKS = """() => Array.from(document.querySelectorAll('figure[id^="fig-"], table[id^="tbl-"]')).filter(el => {
  const link = el.querySelector('a.permalink[href="#' + el.id + '"]');
  if (!link) return true;
  const r = link.getBoundingClientRect();
  return !(r.width > 0 && r.height > 0 && getComputedStyle(link).visibility === 'visible');
}).map(el => el.id)"""
# Table header words laid out on more than one line ("Chang|e", "memora-|ndum").
BROKEN_HEADER_WORDS = """() => Array.from(document.querySelectorAll('th')).flatMap(th => {
  const broken = [];
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /\\S+/g;
    let m;
    while ((m = re.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
})"""


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (which never downloads a browser here)."""
    require(CHROMIUM.exists(), f"Debian's Chromium ({CHROMIUM})", "`make setup` installs it (apt-get install chromium)")
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


def open_page(browser, base: str, path: str, width: int = 1280) -> Visit:
    """Load `base/path` in a viewport `width` px wide, wait until every chart is live (or left
    static), and record console messages, page errors, dialogs and every request; a request
    for anything but the loopback server is recorded and aborted, so nothing can leave the machine."""
    context = browser.new_context(viewport={"width": width, "height": 900})
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


def save_screenshot(page, path) -> None:
    """A full-page screenshot for tests/artifacts; a long page that Chromium cannot capture whole on a
    loaded machine ("Unable to capture screenshot") is captured again, then as its first screen: the
    screenshot is a record for readers, never what a test asserts."""
    from playwright.sync_api import Error

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    for full in (True, True, False):
        try:
            page.screenshot(path=str(path), full_page=full)
            return
        except Error:
            continue


def inspect_page(browser, base: str, path: str, width: int) -> dict:
    """Everything the page tests check, from one visit of `path` at `width` px."""
    visit = open_page(browser, base, path, width)
    page = visit.page
    shot = screenshot_name(path, f"site-{width}/")
    save_screenshot(page, shot)
    seen = {
        "console": visit.console, "errors": visit.errors, "requests": visit.requests,
        "blocked": visit.blocked, "screenshot": shot,
        "overflow": page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"),
        "charts": page.locator(".chart[data-chart]").count(),
        "live": page.locator(".chart.is-live > .chart-live > [role='graphics-document'] > svg").count(),
        # Links as the browser resolved them; vega-embed's export menu items ("#") excluded.
        "links": page.eval_on_selector_all("a[href]:not(.vega-actions a)", "els => els.map(e => e.href)"),
        "headings": page.evaluate(HEADINGS), "chart_names": page.evaluate(CHART_NAMES),
        "clipped": page.evaluate(CLIPPED_LABELS), "permalinks_missing": page.evaluate(PERMALINKS),
        "broken_headers": page.evaluate(BROKEN_HEADER_WORDS),
    }
    page.add_script_tag(path=str(AXE))
    seen["violations"] = page.evaluate(AXE_RUN)
    close(visit)
    return seen
