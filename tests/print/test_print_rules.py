"""The print rules and the chart rules on two editions, the default one (2025) and another focus
pair's (Australia–New Zealand with the poles United States and Germany, 2019–2023), each built
once per test run (tests/conftest.py), through the built-in renderer:

- in the PDF (tests/print/print_checks.py): every figure on the page of its caption and under its
  own section, none inside a table; no heading at the foot of a page; a table that breaks repeats its header and never leaves its
  last row alone; no page inside a chapter more than a third empty; every page kept as a PNG in
  tests/artifacts/pdf-<edition>/;
- in every exported chart: what its caption promises drawn (hollow points, shading, dashes); no overlap, every line's name by its line's end, axis labels apart at
  the origin (tests/print/figure_checks.py); one country, one colour, across every chart;
- one numbering: chapters, figures and tables carry the same numbers, with the same titles and
  captions, in the HTML pages and in the PDF."""

from __future__ import annotations

import csv
import re

import pytest

from briefing.report.site import pdf_name, version_dir
from tests.browser.pages import ARTIFACTS
from tests.numbering_checks import compared, html_numbers, pdf_numbers
from tests.print import pdf_layout, print_checks
from tests.print.figure_checks import colours_by_country, figure_problems

pytestmark = pytest.mark.slow
EDITIONS = {"default": ("default_build", "2025"), "other": ("other_build", "ci-other")}


@pytest.fixture(scope="module", params=list(EDITIONS))
def edition(request):
    """(workspace, edition name, its published version 1) of each edition."""
    fixture, name = EDITIONS[request.param]
    ws = request.getfixturevalue(fixture)
    return ws, name, version_dir(ws.site, name, 1)


@pytest.fixture(scope="module")
def printed(edition):
    """The PDF's pages, the print document, its figures and tables, and its chapter titles."""
    ws, name, published = edition
    combined = (ws.build(name) / "book" / "briefing.qmd").read_text(encoding="utf-8")
    pages = pdf_layout.read_pages(published / pdf_name(name, 1))
    return {"pages": pages, "items": print_checks.document_items(combined), "combined": combined,
            "chapters": re.findall(r"^# (.+?) \{#chapter-", combined, re.M)}


def test_every_pdf_page_is_kept_as_a_png(edition, printed):
    _, name, published = edition
    pngs = pdf_layout.save_pngs(published / pdf_name(name, 1), ARTIFACTS / f"pdf-{name}")
    assert len(pngs) == len(printed["pages"]) >= 15


def test_every_figure_is_on_its_captions_page_and_under_its_own_section(edition, printed):
    figures = [it for it in printed["items"] if it.kind == "figure"]
    assert len(figures) >= 12
    assert print_checks.figure_problems(printed["pages"], printed["items"], edition[2] / "figures") == []


def test_no_caption_promises_a_mark_its_chart_does_not_draw(edition, printed):
    promising = [it for it in printed["items"] if it.kind == "figure" and
                 any(p in it.caption.lower() for p in print_checks.PROMISES)]
    assert promising  # provisional years and breaks are marked in these editions
    assert print_checks.broken_promises(printed["items"], edition[2] / "figures") == []


def test_tables_hold_no_figure_repeat_their_header_and_keep_their_last_row_company(printed):
    tables = [it for it in printed["items"] if it.kind == "table" and it.note]
    assert len(tables) >= 8 and any(len(t.rows) > 12 for t in tables)  # some long enough to break
    assert print_checks.table_problems(printed["pages"], printed["items"]) == []


def test_no_page_inside_a_chapter_is_more_than_a_third_empty(printed):
    assert len(printed["chapters"]) >= 6
    assert print_checks.underfilled(printed["pages"], printed["chapters"]) == []
    assert pdf_layout.blank_pages(printed["pages"]) == []


def test_no_page_ends_with_a_heading(printed):
    assert print_checks.stranded_headings(printed["pages"], printed["combined"]) == []


def test_every_chart_keeps_its_labels_clear_and_by_their_lines(edition, svg_page):
    found = figure_problems(edition[2] / "figures", svg_page)
    assert len(found) >= 12
    assert {label: issues for label, issues in found.items() if issues} == {}


def test_one_country_has_one_colour_across_every_chart(edition):
    """A country's name labels and its coloured marks share one colour in every chart, and no
    two countries share one; the countries are those the charts' CSVs name."""
    published = edition[2]
    names = set()
    for path in published.glob("figures/fig-*.csv"):
        with path.open(encoding="utf-8") as handle:
            names |= {row[c] for row in csv.DictReader(handle) for c in ("name", "partner_name") if row.get(c)}
    assert len(names) >= 5
    colours = colours_by_country(published / "figures", names)
    assert len(colours) >= 3  # the focus countries and the poles, where they are drawn
    assert {country: found for country, found in colours.items() if len(found) > 1} == {}
    owners = {}
    for country, found in colours.items():
        owners.setdefault(next(iter(found)), []).append(country)
    assert {colour: who for colour, who in owners.items() if len(who) > 1} == {}


def test_html_and_pdf_carry_the_same_numbers(edition):
    _, name, published = edition
    html = html_numbers(sorted(published.glob("*.html")))
    pdf = pdf_numbers(published / pdf_name(name, 1))
    assert len(html["chapters"]) >= 6 and len(html["figures"]) >= 12 and len(html["tables"]) >= 8
    assert "" not in html["chapters"] and {"A", "B"} <= set(html["chapters"])  # appendices lettered
    assert compared(html, pdf) == {}
