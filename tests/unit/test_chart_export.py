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


def test_money_and_percent_axes_read_in_a_readers_units():
    import json
    import re

    import vl_convert as vlc

    from briefing.charts.export import VL_VERSION
    from briefing.charts.labels import percent_axis, usd_millions_axis

    frame = pd.DataFrame({"usd_ppp_m": [0.0, 45_000.0], "share_pct": [0.0, 50.0]})
    chart = alt.Chart(frame).mark_point().encode(
        x=alt.X("usd_ppp_m:Q", axis=usd_millions_axis("Government R&D budget, current PPP dollars")),
        y=alt.Y("share_pct:Q", axis=percent_axis("Share")))
    svg = vlc.vegalite_to_svg(json.loads(chart.to_json()), vl_version=VL_VERSION)
    labels = re.findall(r">([^<>]+)</text>", svg)
    assert "$40 bn" in labels and "$0 bn" in labels and not any(label.endswith("k") for label in labels)
    assert "50%" in labels and "25%" in labels
