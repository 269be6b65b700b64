"""Every page of the published CI edition in Chromium over HTTP, opened once at a phone's
width (390 px) and once at a laptop's (1280 px), each visit shared by every check below:

- it loads with no console error or warning and no page error, asks for nothing beyond the
  loopback server, and scrolls sideways at neither width;
- every chart becomes an SVG inside its container, with no label cut off at its edge;
- axe-core (npm, pinned in package-lock.json) finds no serious or critical violation;
  headings nest with one h1 a page; every figure's alt text says what its data says, and
  the interactive chart carries it as its accessible name;
- every figure and table has a visible permalink; no table header breaks inside a word;
- every link and download resolves (the PDF, findings and the data zip included);
- the site search finds each figure by a word of its caption;
- a screenshot of each page at each width is kept in tests/artifacts/site-<width>/.

The chart palette's contrast and colour-blind safety: tests/unit/test_palette.py. The same
charts from a file share, without a server: tests/integration/test_site_browser.py."""

from __future__ import annotations

import csv
import re
import urllib.request
from html import unescape
from urllib.parse import urldefrag

import pytest

from tests.browser.pages import AXE, WIDTHS, close, inspect_page, open_page, site_pages

pytestmark = pytest.mark.slow
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def visits(browser, site_url, ci_build) -> dict[tuple[str, int], dict]:
    """Each page opened once at each width: (path, width) -> what it showed."""
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(AXE.parents[2])} is missing: `make setup` runs npm ci")
    return {(path, width): inspect_page(browser, site_url, path, width)
            for path in site_pages(ci_build.site) for width in WIDTHS}


def wide(visits) -> dict[str, dict]:
    return {path: v for (path, width), v in visits.items() if width == max(WIDTHS)}


def test_every_page_loads_without_console_error_or_page_error(visits):
    assert len(visits) >= 12
    noisy = {key: v["console"] + v["errors"] for key, v in visits.items()
             if v["errors"] or any(m.startswith(("error", "warning")) for m in v["console"])}
    assert noisy == {}


def test_no_page_scrolls_sideways_at_any_width(visits):
    assert {key: v["overflow"] for key, v in visits.items() if v["overflow"] > 0} == {}


def test_no_request_leaves_localhost(visits, site_url):
    for (path, _width), v in visits.items():
        assert v["blocked"] == [], path
        outside = [u for u in v["requests"] if not u.startswith((site_url + "/", "data:", "blob:"))]
        assert outside == [], path
        # The editions index has no chart; the explorer draws its own (tests/browser/test_explore.py).
        assert any(u.endswith("/assets/vega.js") for u in v["requests"]) or path == "index.html" \
            or path.endswith("/explore.html"), path


def test_every_chart_renders_an_svg_in_its_container_with_no_label_cut_off(visits):
    for key, v in visits.items():
        assert v["live"] == v["charts"], f"{key}: {v['live']} of {v['charts']} charts rendered"
        assert v["clipped"] == [], key
    assert sum(v["charts"] for v in wide(visits).values()) >= 10


def test_a_screenshot_of_each_page_at_each_width_is_kept(visits):
    for key, v in visits.items():
        assert v["screenshot"].is_file() and v["screenshot"].stat().st_size > 10_000, key


def test_axe_finds_no_serious_or_critical_violation(visits):
    blocking = {key: [x for x in v["violations"] if x["impact"] in BLOCKING] for key, v in visits.items()}
    assert {key: found for key, found in blocking.items() if found} == {}


def test_headings_nest_with_one_h1_per_page(visits):
    for path, v in wide(visits).items():
        levels = [level for level, _ in v["headings"]]
        assert levels.count(1) == 1 and levels[0] == 1, f"{path}: {v['headings'][:3]}"
        for (before, _), (level, text) in zip(v["headings"], v["headings"][1:], strict=False):
            assert level <= before + 1, f"{path}: h{level} '{text}' follows an h{before}"
        assert all(text for _, text in v["headings"]), path


def test_every_figure_and_table_has_a_visible_permalink(visits, ci_build):
    assert {key: v["permalinks_missing"] for key, v in visits.items() if v["permalinks_missing"]} == {}
    page = (ci_build.site / "ci" / "v1" / "context.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="#fig-ctx-timeline"[^>]*class="permalink"', page)


def test_no_table_header_breaks_inside_a_word(visits):
    assert {key: v["broken_headers"] for key, v in visits.items() if v["broken_headers"]} == {}


def data_terms(csv_path) -> set[str]:
    """Words and numbers a description of this data could mention: its text cells and
    years, and each number rounded to 0-2 decimals."""
    terms = set()
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for cell in row.values():
                try:
                    value = float(cell)
                except (TypeError, ValueError):
                    if cell and len(cell) > 2:
                        terms.add(cell)
                    continue
                terms |= {f"{value:,.0f}", f"{value:.1f}", f"{value:.2f}", f"{abs(value):.0f}"}
    return terms


FALLBACK_ALT = re.compile(r'<div class="chart" data-chart="([^"]+)"><img class="chart-fallback" src="[^"]*" alt="([^"]*)"')


def test_every_figure_has_alt_text_derived_from_its_data(visits, ci_build):
    version = ci_build.site / "ci" / "v1"
    figures = 0
    for path, v in wide(visits).items():
        alts = {label: unescape(alt) for label, alt in FALLBACK_ALT.findall((ci_build.site / path).read_text("utf-8"))}
        for label, alt in alts.items():
            figures += 1
            assert len(alt) >= 40 and re.search(r"\d", alt), f"{path} {label}: alt text {alt!r}"
            terms = data_terms(version / "figures" / f"{label}.csv")
            assert [t for t in terms if t in alt], f"{path} {label}: the alt text names nothing of its data: {alt!r}"
        # The rendered chart is named by the same text (charts.js passes it to Vega).
        names = dict(v["chart_names"])
        assert set(names) == set(alts), path
        for label, name in names.items():
            assert name and " ".join(name.split()) == " ".join(alts[label].split()), f"{path} {label}"
    assert figures >= 10


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
        return response.status, response.read()


def test_every_link_and_download_resolves(visits, site_url):
    local = {}
    for path, v in wide(visits).items():
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
        if fragment and not target.endswith("/explore.html"):  # the explorer's fragment is its state
            assert re.search(rf'id="{re.escape(fragment)}"', bodies[target].decode("utf-8")), \
                f"{link} (linked from {found_on}): no element with that id"
    downloads = [t for t in bodies if t.endswith((".csv", ".pdf", "findings.json", ".zip"))]
    assert any(t.endswith(".csv") for t in downloads) and any(t.endswith(".pdf") for t in downloads)
    assert any(t.endswith("/ci/v1/findings.json") for t in downloads)
    assert bodies[f"{site_url}/ci/v1/briefing-ci-v1.pdf"].startswith(b"%PDF")
    assert bodies[f"{site_url}/ci/v1/briefing-ci-v1-data.zip"].startswith(b"PK")


SEARCH_RESULTS = "() => Array.from(document.querySelectorAll('.search-results a')).map(a => a.getAttribute('href'))"


def test_search_finds_each_figure_by_a_word_of_its_caption(browser, site_url, ci_build):
    """For each figure, the word of its caption that the fewest other captions share."""
    pages = sorted((ci_build.site / "ci" / "v1").glob("*.html"))
    captions = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for label, caption in re.findall(r'<figure id="(fig-[^"]+)">.*?<figcaption>(.*?)</figcaption>', text, re.S):
            words = set(re.findall(r"[A-Za-z]{5,}", re.sub(r"<[^>]+>", " ", caption)))
            captions[f"{page.name}#{label}"] = words - {"Figure"}
    assert len(captions) >= 10
    visit = open_page(browser, site_url, "ci/v1/index.html")
    page, missed = visit.page, {}
    for target, words in sorted(captions.items()):
        word = min(sorted(words), key=lambda w: sum(w in others for others in captions.values()))
        page.fill("#site-search-input", word)
        page.wait_for_function("() => document.querySelector('.search-results').children.length > 0")
        found = page.evaluate(SEARCH_RESULTS)
        if target not in found:
            missed[target] = (word, found)
    close(visit)
    assert visit.errors == [] and missed == {}
