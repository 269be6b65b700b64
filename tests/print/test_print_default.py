"""The default edition in print, as a publisher would check it: the built-in PDF keeps its
text inside the margins, keeps every table caption on the page where its table starts and
every figure caption with its source note, and wraps long ids and queries without changing
their text. Its pages kept as PNGs, the layout rules (figures in their place, tables, full
pages) and the chart checks, on this edition and another focus pair's:
tests/print/test_print_rules.py.

One build of the default edition serves this whole module (tests/conftest.py)."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from briefing.report.site import pdf_name, version_dir
from tests.conftest import REPO
from tests.print import pdf_layout

pytestmark = pytest.mark.slow
EDITION = "2025"


@pytest.fixture(scope="module")
def published(default_build):
    return version_dir(default_build.site, EDITION, 1)


@pytest.fixture(scope="module")
def pdf(published):
    return published / pdf_name(EDITION, 1)


@pytest.fixture(scope="module")
def pages(pdf):
    return pdf_layout.read_pages(pdf)


def test_no_text_outside_the_margins(pages):
    outside = [found for page in pages for found in pdf_layout.outside_margins(page)]
    assert outside == []


def test_every_table_caption_is_on_the_page_where_its_table_starts(pages, default_build):
    """Captions and tables in document order: each caption's page shows its table's first
    header cell within the lines that follow it."""
    combined = (default_build.build(EDITION) / "book" / "briefing.qmd").read_text(encoding="utf-8")
    headers = re.findall(r"^: .*\{#tbl-[\w-]+\}\n\n\| ([^|]+?) \|", combined, re.M)
    captions = sorted(pdf_layout.caption_pages(pages, "Table").items(), key=lambda c: (c[1][0].number, c[1][1].y0))
    assert len(captions) == len(headers) >= 10
    apart = []
    for (number, (page, line)), header in zip(captions, headers, strict=True):
        following = " ".join(ln.text for ln in pdf_layout.first_lines_after(page, line, 8))
        if not re.search(rf"(^| ){re.escape(header.split()[0])}( |$)", following):
            apart.append(f"Table {number} (p{page.number}): its header {header!r} is not below it on its page")
    assert apart == []


def test_every_figure_caption_is_on_the_page_of_its_figure_and_source_note(pages, published):
    captions = pdf_layout.caption_pages(pages, "Figure")
    assert len(captions) == len(list(published.glob("figures/fig-*.svg"))) >= 10
    for number, (page, line) in captions.items():
        below = [ln.text for ln in page.body if ln.y0 > line.y0]
        assert any(text.startswith("Source") for text in below), f"Figure {number} on p{page.number}"
        above = [ln for ln in page.body if ln.y1 < line.y0]
        assert above, f"Figure {number}: its caption opens p{page.number}, away from its chart"


def test_long_ids_and_queries_wrap_without_changing_their_text(pdf):
    """The OpenAlex query of the methods appendix wraps inside the margin (test above) and
    still reads, and copies, exactly as the source gives it."""
    sources = yaml.safe_load((REPO / "data" / "sources.yml").read_text(encoding="utf-8"))
    query = next(w for w in sources["datasets"]["openalex"]["citation"].split() if w.startswith("filter="))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "\u200b" not in text and "\u00ad" not in text
    assert query.rstrip(";,") in "".join(text.split())


def test_the_pdf_has_no_build_date(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "CreationDate" not in info and "ModDate" not in info
