"""Chart export (briefing.charts.export): tooltips cite sources by name, not by id."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing.charts.export import chart_spec, cite_tooltips

CITATIONS = {"spf2021": "Sasakawa Peace Foundation USA (2021)", "worldbank": "World Bank WDI"}


def _spec(frame: pd.DataFrame) -> dict:
    base = alt.Chart(frame).encode(x="x:Q", y="y:Q", tooltip=[alt.Tooltip("source_id:N", title="Source"),
                                                            alt.Tooltip("name:N", title="Name")])
    return chart_spec(alt.layer(base.mark_point(), base.mark_line()))


def test_a_tooltip_of_source_ids_reads_their_citations():
    frame = pd.DataFrame({"x": [1, 2], "y": [3, 4], "source_id": ["spf2021", "worldbank"], "name": ["spf2021", "b"]})
    spec = cite_tooltips(_spec(frame), CITATIONS)
    tooltips = [e for layer in spec["layer"] for e in layer["encoding"]["tooltip"]] if "layer" in spec else []
    tooltips = tooltips or spec["encoding"]["tooltip"]
    assert {t["field"] for t in tooltips} == {"source_id_citation", "name"}  # a field of other values is left alone
    rows = next(iter(spec["datasets"].values()))
    assert [r["source_id_citation"] for r in rows] == ["Sasakawa Peace Foundation USA (2021)", "World Bank WDI"]
    assert [r["source_id"] for r in rows] == ["spf2021", "worldbank"]


def test_without_citations_the_spec_is_unchanged():
    frame = pd.DataFrame({"x": [1], "y": [2], "source_id": ["spf2021"], "name": ["a"]})
    assert cite_tooltips(_spec(frame), {}) == _spec(frame)

