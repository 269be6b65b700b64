"""Findings, markdown tables, embeds and cross-reference numbering."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.findings.model import FindingSet
from briefing.prose.tables import pipe_table
from briefing.render.numbering import crossref_map
from briefing.report.book import Chapter, md_escape, render_output


def test_findings_sorted_unique_and_clean():
    found = FindingSet("funding")
    found.add("funding.gerd_pct_gdp.KR.2023", "x", 0.1 + 0.2, "pct", "worldbank")
    found.add("funding.gerd_pct_gdp.JP.2023", "y", 3, "pct", "worldbank")
    data = found.as_dict()
    assert [f["id"] for f in data["findings"]] == ["funding.gerd_pct_gdp.JP.2023", "funding.gerd_pct_gdp.KR.2023"]
    assert data["findings"][1]["value"] == 0.3
    with pytest.raises(ValueError, match="twice"):
        found.add("funding.gerd_pct_gdp.JP.2023", "y", 3, "pct", "worldbank")
    with pytest.raises(ValueError, match="must look like"):
        found.add("Funding gerd", "y", 3, "pct", "worldbank")
    with pytest.raises(ValueError, match="finite"):
        found.add("funding.x.JP", "y", float("nan"), "pct", "worldbank")


def test_pipe_table_aligns_numbers_right_and_escapes_pipes():
    text = pipe_table(pd.DataFrame({"Country": ["A|B"], "Value": ["$1.0 bn"], "Change": ["\u221212%"]}))
    lines = text.splitlines()
    assert lines[1] == "|:---|---:|---:|"
    assert "A\\|B" in lines[2]


def test_md_escape_makes_html_and_citations_literal():
    assert md_escape("<script>alert(1)</script> @fig-x") == "\\<script\\>alert(1)\\</script\\> \\@fig-x"


def test_render_figure_output_carries_alt_spec_and_note():
    item = {"meta": {"label": "fig-a", "kind": "figure", "caption": "Cap [x]", "alt": 'Alt "q"',
                     "source": "Source: S.", "files": {"svg": "fig-a.svg", "vl": "fig-a.vl.json",
                                                       "png": "fig-a.png", "csv": "fig-a.csv"}},
            "data": {}}
    markdown, files = render_output(item)
    assert markdown.startswith('![Cap \\[x\\]](figures/fig-a.svg){#fig-a fig-alt="Alt \\"q\\"" '
                               'vl-spec="figures/fig-a.vl.json"}')
    assert "[Data (CSV)](figures/fig-a.csv)" in markdown
    assert sorted(files) == ["fig-a.csv", "fig-a.png", "fig-a.svg", "fig-a.vl.json"]


def test_crossref_numbers_per_chapter(tmp_path):
    (tmp_path / "index.qmd").write_text("# Hi {#sec-intro}\n")
    (tmp_path / "a.qmd").write_text("![x](x.svg){#fig-one}\n\n: t {#tbl-one}\n\n![y](y.svg){#fig-two fig-alt=\"\"}\n")
    chapters = [Chapter("index.qmd", "Home", ()), Chapter("a.qmd", "A", ("a",))]
    refs = crossref_map(tmp_path, chapters)
    assert refs["fig-one"] == {"number": "1.1", "page": "a.html", "kind": "Figure"}
    assert refs["fig-two"]["number"] == "1.2" and refs["tbl-one"]["number"] == "1.1"
    assert refs["sec-intro"] == {"number": "", "page": "index.html", "kind": "Section"}


def test_a_caveat_is_attached_once_to_the_findings_it_touches():
    from briefing.quality import Caveat

    found = FindingSet("s")
    found.add("pair.works.JP-KR.2022", "works", 10, "works", "openalex")
    found.add("pair.works.JP-KR.2023", "works", 12, "works", "openalex")
    caveat = Caveat("provisional", "JP-KR", "The 2023 count is provisional.", "openalex", (2023,)).as_dict()
    assert found.caveat(caveat, ["pair.works.JP-KR.2023", "pair.works.JP-KR.2023", "not.recorded.x"]) == 1
    data = found.as_dict()["findings"]
    assert "caveats" not in data[0]
    assert data[1]["caveats"] == [{"kind": "provisional", "subject": "JP-KR", "text": "The 2023 count is provisional.",
                                   "source": "openalex", "years": [2023]}]


def test_a_caveat_must_be_a_known_kind_and_a_sentence():
    from briefing.quality import Caveat

    with pytest.raises(ValueError, match="kind"):
        Caveat("odd", "KR", "Something.")
    with pytest.raises(ValueError, match="full stop"):
        Caveat("spike", "KR", "no stop")
