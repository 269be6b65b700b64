"""The renderers' Lua filters on tiny documents, through the pandoc both renderers use:
what is for the web or for print only, long words in print, figures and their source notes,
short tables kept whole, tables in their scroll box, figure numbers as permalinks."""

from __future__ import annotations

import json
import subprocess

import pypandoc

from briefing.render.html import HERE

CROSSREF = {"fig-a": {"number": "2.1", "page": "", "kind": "Figure"},
            "tbl-b": {"number": "2.2", "page": "", "kind": "Table"}}
DOC = """Read it [in the browser, hover a mark]{.web-only}[on paper, see the table]{.print-only}.

The query filter=authorships.countries:XX,publication_year:Y,countries_distinct_count:>1 is long.

![A caption](figures/a.svg){#fig-a}

::: {.source-note}
Source: OpenAlex.
:::

: A table {#tbl-b}

| Period | Share |
|:---|---:|
| 2003–2022 | 1 |
"""


def render(to: str, filters: list[str], tmp_path) -> str:
    source = tmp_path / "doc.md"
    source.write_text(DOC, encoding="utf-8")
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"crossref": CROSSREF}), encoding="utf-8")
    command = [pypandoc.get_pandoc_path(), str(source), "--to", to, "--columns=10000", "--metadata-file", str(meta)]
    for name in filters:
        command += ["--lua-filter", str(HERE / "filters" / name)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_print_drops_web_only_text_and_the_web_print_only_text(tmp_path):
    typst = render("typst", ["media.lua"], tmp_path)
    html = render("html5", ["media.lua"], tmp_path)
    assert "on paper" in typst and "hover" not in typst
    assert "hover" in html and "on paper" not in html


def test_print_breaks_long_words_as_boxes_keeping_their_text(tmp_path):
    typst = render("typst", ["typst_blocks.lua"], tmp_path)
    assert '#box("filter=")#box("authorships.")' in typst
    pieces = [p for p in typst.split('#box("')[1:]]
    assert "".join(p.split('")')[0] for p in pieces[:8]).startswith("filter=authorships.countries:XX,")


def test_print_keeps_a_source_note_in_its_figure_and_a_short_table_whole(tmp_path):
    typst = render("typst", ["crossref.lua", "typst_blocks.lua"], tmp_path)
    figure = typst[typst.index("#figure(image("):typst.index("<fig-a>")]
    assert "Source: OpenAlex." in figure  # inside the figure: they float together
    table = typst.index("#block(breakable: false, width: 100%)[")
    assert table < typst.index("#table(") < typst.index("<tbl-b>")


def test_the_web_boxes_tables_and_links_each_number_to_its_figure(tmp_path):
    html = render("html5", ["crossref.lua", "html_tables.lua"], tmp_path)
    assert '<div class="table-wrap" tabindex="0" role="region" aria-label="Table\u00a02.2: A table">' in html
    assert '<span class="nowrap">2003–2022</span>' not in html  # a body cell: left as it is
    assert '<a href="#fig-a" class="permalink" title="Permalink to Figure\u00a02.1">Figure\u00a02.1</a>' in html
    assert '<a href="#tbl-b" class="permalink" title="Permalink to Table\u00a02.2">Table\u00a02.2</a>' in html
    assert render("html5", ["crossref.lua", "html_tables.lua"], tmp_path) == html  # the same bytes


def test_header_words_with_a_dash_stay_on_one_line(tmp_path):
    source = DOC.replace("| Period | Share |", "| Years 2003–2022 | Share |")
    (tmp_path / "doc2.md").write_text(source, encoding="utf-8")
    html = subprocess.run([pypandoc.get_pandoc_path(), str(tmp_path / "doc2.md"), "--to", "html5", "--columns=10000",
                           "--lua-filter", str(HERE / "filters" / "html_tables.lua")],
                          capture_output=True, text=True, check=True).stdout
    assert '<span class="nowrap">2003–2022</span>' in html


CITE = {"page": "index.html", "text": "Institute (2026). A briefing. Edition ci, version 2, published 1 May 2026.",
        "bib": "briefing-ci-v2.bib", "ris": "briefing-ci-v2.ris"}


def render_page(tmp_path, output: str, meta: dict, filters: list[str], to: str = "html5") -> str:
    """The tiny document written to `output` (as Quarto runs pandoc, `output-file: <page>.html`)."""
    source, meta_file, target = tmp_path / "doc.md", tmp_path / "meta.json", tmp_path / output
    source.write_text("## A section\n\nSee [the data](figures/a.csv), [a page](funding.html#sec-x), "
                      "[a figure](#fig-a) and [the web](https://example.org/x).\n", encoding="utf-8")
    meta_file.write_text(json.dumps(meta), encoding="utf-8")
    command = [pypandoc.get_pandoc_path(), str(source), "--to", to, "--columns=10000", "--metadata-file", str(meta_file),
               "--output", str(target)]
    for name in filters:
        command += ["--lua-filter", str(HERE / "filters" / name)]
    subprocess.run(command, capture_output=True, text=True, check=True)
    return target.read_text(encoding="utf-8")


def test_the_cite_box_goes_on_the_summary_page_only(tmp_path):
    """Quarto hands the same metadata to every page of the book: only the page named gets the box."""
    summary = render_page(tmp_path, "index.html", {"briefing-cite": CITE}, ["cite_box.lua"])
    assert '<div class="cite-box">' in summary and "Cite this version" in summary
    assert "Edition ci, version 2, published 1 May 2026." in summary
    assert 'href="briefing-ci-v2.bib"' in summary and 'href="briefing-ci-v2.ris"' in summary
    assert "cite-box" not in render_page(tmp_path, "funding.html", {"briefing-cite": CITE}, ["cite_box.lua"])
    assert "cite-box" not in render_page(tmp_path, "index.html", {}, ["cite_box.lua"])  # a draft


def test_print_links_become_absolute_only_with_the_sites_address(tmp_path):
    base = "https://example.org/briefing/ci/v2/"
    absolute = render_page(tmp_path, "doc.typ", {"link-base": base}, ["absolute_links.lua"], to="typst")
    assert f'#link("{base}figures/a.csv")' in absolute and f'#link("{base}funding.html#sec-x")' in absolute
    assert '#link(<fig-a>)' in absolute and '#link("https://example.org/x")' in absolute
    relative = render_page(tmp_path, "doc.typ", {}, ["absolute_links.lua"], to="typst")
    assert '#link("figures/a.csv")' in relative
