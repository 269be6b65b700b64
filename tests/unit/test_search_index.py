"""The site's search index (briefing.render.search): documents from rendered pages, and the
lunr bundle the search box loads, the version npm pins."""

from __future__ import annotations

import json
import re

import pytest

from briefing.render.search import INDEX_FILE, page_documents, write_search_index
from tests.conftest import REPO

PAGE = """<html><body><header class="site-header"><a>Site title</a></header>
<nav class="sidebar"><a>1 Chapters</a></nav>
<main><h1 class="title"><span class="chapter-number">4</span> R&amp;D funding</h1>
<article>
<section id="sec-intensity" class="level2"><h2>Research intensity</h2>
<p>Spending as a share of GDP.</p>
<figure id="fig-gerd"><div class="chart" data-chart="fig-gerd"><img class="chart-fallback" src="x.svg" alt="Lines of GERD, 4.9% in Korea">
<script type="application/json" class="vl-spec">{"secret": "not text"}</script></div>
<figcaption><strong><a class="permalink" href="#fig-gerd">Figure 4.1</a>:</strong> Gross domestic expenditure</figcaption></figure>
<section id="sec-sub" class="level3"><h3>A subsection</h3><p>Deeper words.</p></section>
<table id="tbl-seed"><caption>Table 4.2: Budget figures</caption><tr><th>Figure</th></tr><tr><td>14.7% cut</td></tr></table>
</section></article></main></body></html>"""


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "funding.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_each_section_figure_and_table_is_a_document_with_its_own_text(page):
    docs = {d["anchor"] or d["kind"]: d for d in page_documents(page)}
    assert docs["chapter"]["title"] == "4 R&D funding"
    assert docs["sec-intensity"]["title"] == "Research intensity"
    assert docs["sec-intensity"]["text"] == "Spending as a share of GDP."  # not the figure's, nor the subsection's
    assert docs["sec-sub"]["text"] == "Deeper words."
    assert docs["fig-gerd"]["title"] == "Figure 4.1: Gross domestic expenditure"
    assert "4.9% in Korea" in docs["fig-gerd"]["text"] and "secret" not in docs["fig-gerd"]["text"]
    assert docs["tbl-seed"]["title"] == "Table 4.2: Budget figures" and "14.7% cut" in docs["tbl-seed"]["text"]
    assert all(d["page"] == "funding.html" and d["chapter"] == "4 R&D funding" for d in docs.values())
    assert "Site title" not in json.dumps(list(docs.values()))


def test_the_index_is_a_script_that_cannot_close_its_own_tag(page, tmp_path):
    page.write_text(PAGE.replace("Deeper words.", "Deeper </script><script>alert(1)</script> words."))
    target = write_search_index(tmp_path, [page])
    text = target.read_text(encoding="utf-8")
    assert target.name == INDEX_FILE and text.startswith("window.BRIEFING_SEARCH = {")
    assert "</script>" not in text
    assert write_search_index(tmp_path, [page]).read_text(encoding="utf-8") == text  # same bytes


def test_the_lunr_the_site_ships_is_the_one_npm_pins():
    package = json.loads((REPO / "package.json").read_text())
    shipped = (REPO / "src" / "briefing" / "render" / "assets" / "lunr.min.js").read_text(encoding="utf-8")
    assert f"- {package['devDependencies']['lunr']}\n" in shipped.splitlines(keepends=True)[1]
    installed = REPO / "node_modules" / "lunr" / "lunr.min.js"
    if not installed.is_file():
        pytest.fail("node_modules/lunr is missing: `make setup` runs npm ci")
    assert installed.read_text(encoding="utf-8") == shipped


def test_a_figures_document_holds_the_words_its_chart_draws(page, tmp_path):
    """A reader types what a chart shows ('NSPM-33 (US)'): the labels of the figure's SVG are
    in its document, each once; a chart without its SVG beside the page adds nothing."""
    (tmp_path / "x.svg").write_text('<svg><g class="mark-text role-mark"><text>NSPM-33 (US)</text>'
                                    '<text><tspan>China–Hong</tspan><tspan>Kong</tspan></text>'
                                    '<text>NSPM-33 (US)</text></g></svg>', encoding="utf-8")
    text = {d["anchor"]: d for d in page_documents(page)}["fig-gerd"]["text"]
    assert "NSPM-33 (US)" in text and "China–Hong Kong" in text and text.count("NSPM-33") == 1
    (tmp_path / "x.svg").unlink()
    assert "NSPM" not in {d["anchor"]: d for d in page_documents(page)}["fig-gerd"]["text"]


def test_the_search_box_splits_words_at_dashes_and_slashes():
    """The separator the page gives lunr (index and query alike) splits on hyphens, en and em
    dashes, the minus sign and slashes, as well as white space."""
    script = (REPO / "src" / "briefing" / "render" / "assets" / "search.js").read_text(encoding="utf-8")
    pattern = re.search(r"var SEPARATOR = /(.+)/;", script).group(1)
    separator = re.compile(pattern)
    assert separator.split("China–Hong Kong") == ["China", "Hong", "Kong"]
    assert separator.split("NSPM-33 US/China a—b 1−2") == ["NSPM", "33", "US", "China", "a", "b", "1", "2"]
    assert "window.lunr.tokenizer.separator = SEPARATOR" in script
