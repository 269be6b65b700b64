"""The ways into the explorer, on tiny inputs: a chapter figure's link derived from the columns
of its data (CSV), the link drawn under the chart by html_charts.lua through pandoc (markup in
a name stays text), the page itself (names escaped), and the shared script written once under
the name of its content."""

from __future__ import annotations

import hashlib
import json
import subprocess

import pypandoc
import pytest

from briefing.config import load_edition
from briefing.errors import InputError
from briefing.render.html import HERE
from briefing.report.book import Chapter
from briefing.report.explore_links import figure_link, figure_links, pandoc_metadata
from briefing.report.explore_page import explore_page, write_shared_assets
from tests.conftest import CI_PARAMS

CSVS = {
    "fig-trend": ("pair,pair_name,year,works\nCN-JP,China–Japan,2015,1\nJP-KR,Japan–South Korea,2015,2\n",
                  "explore.html#pair=CN-JP"),
    "fig-focus": ("year,pair,works,is_focus\n2015,CN-JP,1,False\n2015,JP-KR,2,True\n", "explore.html#pair=JP-KR"),
    "fig-rank": ("year,pair,works,rank,is_focus\n2015,AU-CN,9,1,False\n2016,JP-KR,5,7,True\n2016,AU-CN,9,1,False\n",
                 "explore.html#region=asia-pacific&year=2016&pair=JP-KR"),
    "fig-poles": ("year,pole_a,pole_b,works\n2015,US,CN,46931\n", "explore.html#pair=US-CN"),
    "fig-share": ("year,country,partner,works\n2015,NA,ZA,10\n", "explore.html#country=NA&partner=ZA"),
    "fig-exposure": ("country,pole,year,share_pct\nDE,CN,2015,6.3\n", "explore.html#country=DE&partner=CN"),
    "fig-map": ("country,year,share_a_pct,pole_a,pole_b\nJP,2015,37.0,US,CN\n", "explore.html#country=JP&partner=US"),
    "fig-ai": ("country,pole,field,period,share_pct\nJP,CN,all,2003,11.6\n", None),
    "fig-rate": ("country,year,works_total\nJP,2015,119955\n", None),
    "fig-empty": ("country,partner,year\n", None),
}


@pytest.fixture
def figures(tmp_path):
    for label, (text, _) in CSVS.items():
        (tmp_path / f"{label}.csv").write_text(text, encoding="utf-8")
    (tmp_path / "tbl-pairs.csv").write_text("pair,works\nJP-KR,1\n", encoding="utf-8")  # a table, not a figure
    return tmp_path


def test_each_figure_links_the_view_its_data_names(figures):
    links = figure_links(figures, "Asia-Pacific")
    assert {label: link["href"] for label, link in links.items()} == \
        {label: href for label, (_, href) in CSVS.items() if href}
    assert links["fig-share"]["text"] == "Explore Namibia's share with South Africa, or any country's with any partner"
    assert links["fig-exposure"]["text"].startswith("Explore Germany's share with China")
    assert links["fig-map"]["text"].startswith("Explore Japan's share with the United States")
    assert links["fig-poles"]["text"] == "Explore United States–China, or any other pair"
    assert links["fig-rank"]["text"] == "Explore the ranking of Asia-Pacific pairs in 2016, or of any region and year"


def test_a_region_named_in_markup_gets_its_slug_and_literal_text(figures):
    hostile = "Asia <script>alert(1)</script> [x](javascript:y)"
    link = figure_link(figures / "fig-rank.csv", hostile)
    assert link["href"] == "explore.html#region=asia-script-alert-1-script-x-javascript-y&year=2016&pair=JP-KR"
    escaped = pandoc_metadata(figures, hostile)["fig-rank"]["text"]
    assert "\\<script\\>" in escaped and "\\[x\\]" in escaped


DOC = '![A caption](figures/a.svg){#fig-a vl-spec="a.vl.json"}\n\n![B](figures/b.svg){#fig-b vl-spec="a.vl.json"}\n'


def render_charts(tmp_path, meta: dict) -> str:
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "a.vl.json").write_text('{"mark": "point"}', encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    command = [pypandoc.get_pandoc_path(), "doc.md", "--from", "markdown-raw_html", "--to", "html5",
               "--metadata-file", "meta.json", "--lua-filter", str(HERE / "filters" / "html_charts.lua")]
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=True).stdout


def test_the_html_filter_puts_each_link_under_its_chart_and_none_without(tmp_path, figures):
    hostile = {"fig-a": {"href": "explore.html#pair=JP-KR", "text": "Explore Japan–South Korea <script>alert(1)</script>"}}
    meta = {"explore-links": {label: {k: v.replace("<", "\\<").replace(">", "\\>") for k, v in link.items()}
                              for label, link in hostile.items()}}
    html = render_charts(tmp_path, meta)
    assert html.count('class="explore-link"') == 1
    assert '<p class="explore-link"><a href="explore.html#pair=JP-KR">Explore Japan–South Korea ' \
           '&lt;script&gt;alert(1)&lt;/script&gt;</a></p>' in html
    a, b = html.split('id="fig-b"')
    assert "explore-link" in a and "explore-link" not in b
    assert "explore-link" not in render_charts(tmp_path, {})  # a draft: no explorer, no links


def test_the_page_escapes_every_name_and_names_the_shared_files(tmp_path):
    edition = load_edition(CI_PARAMS).model_copy(update={"title": "Briefing <img src=x onerror=alert(2)>"})
    chapters = [Chapter("index.qmd", "Summary <b>", ()), Chapter("partnership.qmd", "The partnership", ("p",))]
    meta = {"sources": [{"name": "OpenAlex <script>", "years": [1990, 2023]}]}
    shared = {"explore.js": "_assets/explore-0123456789abcdef.js", "explore.css": "_assets/explore-fedcba9876543210.css"}
    page = explore_page(edition, 4, chapters, shared, meta, "abc123", ["meta.json", "pairs.bcol"])
    assert "<img" not in page and "<b>" not in page and "<script>" not in page.replace('<script src=', '')
    assert "Briefing &lt;img src=x onerror=alert(2)&gt;" in page and "OpenAlex &lt;script&gt;" in page
    assert '<script src="../../_assets/explore-0123456789abcdef.js" defer></script>' in page
    assert 'href="../../_assets/explore-fedcba9876543210.css"' in page
    assert 'href="briefing-ci-v4.pdf"' in page and '<a href="partnership.html"><span class="chapter-number">1</span>' in page
    assert '<main id="main" data-explore="explore/">' in page


def test_the_shared_files_are_written_once_under_their_contents_name(tmp_path):
    first = write_shared_assets(tmp_path)
    for name, path in first.items():
        data = (tmp_path / path).read_bytes()
        assert path == f"_assets/{name.split('.')[0]}-{hashlib.sha256(data).hexdigest()[:16]}.{name.split('.')[1]}"
    stamps = {path: (tmp_path / path).stat().st_mtime_ns for path in first.values()}
    assert write_shared_assets(tmp_path) == first
    assert {path: (tmp_path / path).stat().st_mtime_ns for path in first.values()} == stamps
    assert sorted(p.name for p in (tmp_path / "_assets").iterdir()) == sorted(p.split("/")[1] for p in first.values())
    (tmp_path / first["explore.js"]).write_text("tampered", encoding="utf-8")
    with pytest.raises(InputError) as error:
        write_shared_assets(tmp_path)
    assert error.value.where.endswith(first["explore.js"]) and "differs from its content" in error.value.rule
