"""Accessibility of every published page, as rendered in Chromium: axe-core (npm, pinned
in package-lock.json) reports no serious or critical violation; headings nest with one
h1 a page; every figure's alt text is non-empty and says what its data says, and the
interactive chart carries the same text as its accessible name.

The chart palette's contrast and colour-blind safety: tests/unit/test_palette.py."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser

import pytest

from tests.browser.pages import AXE, close, open_page, site_pages

pytestmark = pytest.mark.slow
BLOCKING = {"serious", "critical"}
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


@pytest.fixture(scope="module")
def audits(browser, site_url, ci_build) -> dict[str, dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(AXE.parents[2])} is missing: `make setup` runs npm ci")
    seen = {}
    for path in site_pages(ci_build.site):
        visit = open_page(browser, site_url, path)
        page = visit.page
        seen[path] = {"headings": page.evaluate(HEADINGS), "chart_names": page.evaluate(CHART_NAMES)}
        page.add_script_tag(path=str(AXE))
        seen[path]["violations"] = page.evaluate(AXE_RUN)
        close(visit)
    return seen


def test_axe_finds_no_serious_or_critical_violation(audits):
    blocking = {path: [v for v in a["violations"] if v["impact"] in BLOCKING] for path, a in audits.items()}
    assert {path: found for path, found in blocking.items() if found} == {}


def test_headings_nest_with_one_h1_per_page(audits):
    for path, audit in audits.items():
        levels = [level for level, _ in audit["headings"]]
        assert levels.count(1) == 1 and levels[0] == 1, f"{path}: {audit['headings'][:3]}"
        for (before, _), (level, text) in zip(audit["headings"], audit["headings"][1:], strict=False):
            assert level <= before + 1, f"{path}: h{level} '{text}' follows an h{before}"
        assert all(text for _, text in audit["headings"]), path


class _FallbackImages(HTMLParser):
    """`<div class="chart" data-chart=label>` and its fallback `<img alt>`, from the served HTML."""

    def __init__(self):
        super().__init__()
        self.label, self.alts = None, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "data-chart" in attrs:
            self.label = attrs["data-chart"]
        elif tag == "img" and "chart-fallback" in (attrs.get("class") or "") and self.label:
            self.alts[self.label] = attrs.get("alt", "")


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


def test_every_figure_has_alt_text_derived_from_its_data(audits, ci_build):
    version = ci_build.site / "ci" / "v1"
    figures = 0
    for path, audit in audits.items():
        parser = _FallbackImages()
        parser.feed((ci_build.site / path).read_text(encoding="utf-8"))
        for label, alt in parser.alts.items():
            figures += 1
            assert len(alt) >= 40 and re.search(r"\d", alt), f"{path} {label}: alt text {alt!r}"
            terms = data_terms(version / "figures" / f"{label}.csv")
            mentioned = [t for t in terms if t in alt]
            assert mentioned, f"{path} {label}: the alt text names nothing of its data: {alt!r}"
        # The rendered chart is named by the same text (charts.js passes it to Vega).
        names = dict(audit["chart_names"])
        assert set(names) == set(parser.alts), path
        for label, name in names.items():
            assert name and " ".join(name.split()) == " ".join(parser.alts[label].split()), f"{path} {label}"
    assert figures >= 10
