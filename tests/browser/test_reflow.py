"""The default edition (2025) and another focus pair's (Australia–New Zealand, poles United States
and Germany) read on a phone (390 px) and a tablet (768 px) in Chromium, every page of each:

- every chart is drawn for its room instead of shrunk: its text at 12 px or more at the median,
  nothing under 10 px (font size times the scale it is drawn at), in the phone's frame at 390 px
  and the wide one at 768 px;
- on the phone, every chart keeps its labels off each other and its lines, each line's name by
  its line's end and the axes' labels apart (the checks of the exported SVGs, on the live ones);
- a table's caption stays in view while its table scrolls sideways;
- a screenshot of every page at 390 px is kept in tests/artifacts/reflow-<edition>-390/.

And the default edition's search finds what readers type: names joined by a dash, acronyms,
whole and in part (`SEARCHES`)."""

from __future__ import annotations

import re
import statistics
from html import unescape

import pytest

from briefing.report.site import version_dir
from tests.browser.pages import ARTIFACTS, close, open_page, save_screenshot
from tests.conftest import serve_folder
from tests.print.svg_overlap import crowded_origin, detached_labels, measure_live, problems

pytestmark = pytest.mark.slow
EDITIONS = {"default": ("default_build", "2025"), "other": ("other_build", "ci-other")}
PHONE, TABLET = 390, 768
MEDIAN_PX, LEAST_PX = 12, 10
# Each chart's texts: font size times the scale the SVG is drawn at, in CSS px.
TEXT_SIZES = """() => Array.from(document.querySelectorAll('.chart[data-chart]')).map(c => {
  const svg = c.querySelector('.chart-live svg');
  if (!svg) return [c.dataset.chart, c.dataset.frame || '', []];
  const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
  const sizes = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()
      && t.getAttribute('opacity') !== '0').map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return [c.dataset.chart, c.dataset.frame || '', sizes];
})"""
# Each wide table's caption, before and after its box is scrolled to its right end, and the box.
CAPTIONS_SCROLLED = """() => Array.from(document.querySelectorAll('.table-wrap')).filter(w =>
    w.scrollWidth > w.clientWidth).map(w => {
  const caption = w.querySelector('caption');
  w.scrollLeft = w.scrollWidth;
  const c = caption.getBoundingClientRect(), box = w.getBoundingClientRect();
  const out = [w.querySelector('table').id, c.left - box.left, box.right - c.right];
  w.scrollLeft = 0;
  return out;
})"""


@pytest.fixture(scope="module", params=list(EDITIONS))
def site(request):
    """(edition name, base URL, the version's folder) of each edition, served on loopback."""
    fixture, name = EDITIONS[request.param]
    ws = request.getfixturevalue(fixture)
    with serve_folder(ws.site) as url:
        yield name, url, version_dir(ws.site, name, 1)


@pytest.fixture(scope="module")
def visits(browser, site):
    """Every page at each width: what its charts and tables showed."""
    name, url, version = site
    seen = {}
    for page_file in sorted(version.glob("*.html")):
        for width in (PHONE, TABLET):
            visit = open_page(browser, url, f"{name}/v1/{page_file.name}", width)
            page = visit.page
            shown = {"sizes": page.evaluate(TEXT_SIZES), "console": visit.console + visit.errors, "charts": {}}
            if width == PHONE:
                shot = ARTIFACTS / f"reflow-{name}-{PHONE}" / page_file.name.replace(".html", ".png")
                save_screenshot(page, shot)
                shown["screenshot"] = shot
                shown["captions"] = page.evaluate(CAPTIONS_SCROLLED)
                for label in page.eval_on_selector_all(".chart[data-chart]", "els => els.map(e => e.dataset.chart)"):
                    measured = measure_live(page, f'.chart[data-chart="{label}"] .chart-live svg')
                    shown["charts"][label] = problems(measured) + detached_labels(measured) + crowded_origin(measured)
            seen[(page_file.name, width)] = shown
            close(visit)
    return seen


def test_every_chart_draws_its_text_at_its_wide_screen_size(visits):
    charts, small = 0, {}
    for (page, width), shown in visits.items():
        for label, frame, sizes in shown["sizes"]:
            charts += 1
            assert sizes, f"{page} {label} at {width} px: not drawn"
            assert frame == ("phone" if width == PHONE else "wide"), f"{page} {label} at {width} px: {frame}"
            median, least = statistics.median(sizes), min(sizes)
            if median < MEDIAN_PX - 0.05 or least < LEAST_PX - 0.05:
                small[f"{page} {label} at {width} px"] = (round(median, 1), round(least, 1))
    assert charts >= 24
    assert small == {}


def test_every_chart_on_a_phone_keeps_its_labels_clear_and_by_their_lines(visits):
    found = {f"{page} {label}": issues for (page, width), shown in visits.items()
             for label, issues in shown["charts"].items() if issues}
    assert sum(len(shown["charts"]) for shown in visits.values()) >= 12
    assert found == {}


def test_pages_say_nothing_in_the_console(visits):
    assert {key: shown["console"] for key, shown in visits.items() if shown["console"]} == {}


def test_a_table_caption_stays_in_view_while_its_table_scrolls(visits):
    scrolled = [row for shown in visits.values() for row in shown.get("captions", [])]
    assert scrolled  # some table is wider than a phone
    assert [row for row in scrolled if row[1] < -1 or row[2] < -1] == []


def test_a_screenshot_of_every_page_at_390_px_is_kept(visits, site):
    pages = {page for page, _ in visits}
    assert len(pages) >= 7
    for (page, width), shown in visits.items():
        if width == PHONE:
            assert shown["screenshot"].stat().st_size > 10_000, page


# What a reader types, and a word every target must hold (the same in part: a prefix).
SEARCHES = {"Hong Kong": "Hong Kong", "Malaysia": "Malaysia", "NSPM-33": "NSPM-33", "NSPM": "NSPM",
            "GBARD": "GBARD", "CHIPS": "CHIPS", "Hong Ko": "Hong Kong", "Malay": "Malaysia", "NSP": "NSPM",
            "GBAR": "GBARD", "CHIP": "CHIPS"}
RESULTS = "() => Array.from(document.querySelectorAll('.search-results a')).map(a => a.getAttribute('href'))"


def _target_text(version, href: str) -> str:
    """The text a search result points at: its element's (a figure's with its chart's labels)."""
    page, _, anchor = href.partition("#")
    html = (version / page).read_text(encoding="utf-8")
    if anchor:
        start = html.index(f'id="{anchor}"')
        tag = html.rfind("<", 0, start)
        name = re.match(r"<(\w+)", html[tag:]).group(1)
        html = html[tag:html.find(f"</{name}>", start)]
    svgs = re.findall(r'src="(figures/[^"]+\.svg)"', html)
    text = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    text += " ".join((version / s).read_text(encoding="utf-8") for s in svgs)
    return unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u2013", " ").replace("-", " ")


def test_search_finds_names_and_acronyms_whole_and_in_part(browser, default_build):
    """Every result of each search points at a figure, table, section or chapter that holds the
    word typed (its text, or the labels its chart draws)."""
    version = version_dir(default_build.site, "2025", 1)
    found = {}
    with serve_folder(default_build.site) as url:
        visit = open_page(browser, url, "2025/v1/index.html")
        for typed in SEARCHES:
            visit.page.fill("#site-search-input", typed)
            visit.page.wait_for_function("() => document.querySelector('.search-results').children.length > 0")
            found[typed] = visit.page.evaluate(RESULTS)
        close(visit)
    assert {typed: hrefs for typed, hrefs in found.items() if not hrefs} == {}
    wrong = {typed: [h for h in hrefs if SEARCHES[typed].replace("-", " ").lower() not in
                     " ".join(_target_text(version, h).lower().split())]
             for typed, hrefs in found.items()}
    assert {typed: hrefs for typed, hrefs in wrong.items() if hrefs} == {}
