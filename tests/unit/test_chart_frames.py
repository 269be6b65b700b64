"""Charts drawn for a frame (briefing.charts.frames) and one colour per country
(briefing.charts.groups), on tiny inputs: wrapping to a width, year labels that fit, a builder
that carries its phone variant, the spec export that keeps a shared dataset once, the
timeline's label sides."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from briefing.charts.context import label_layout
from briefing.charts.export import USERMETA, chart_spec, cite_variants
from briefing.charts.frames import PHONE, WIDE, Frame, legend_labels, responsive, wrap, year_labels
from briefing.charts.groups import FOCUS_COLOURS, OTHER, POLE_COLOURS, country_colours, highlighted
from briefing.charts.textsize import text_width


def test_wrap_breaks_between_words_within_the_width():
    text = "Share of each country's international works co-authored with each pole (%)"
    lines = wrap(text, 14, 200)
    assert isinstance(lines, list) and " ".join(lines) == text
    assert all(text_width(line, 14) <= 200 for line in lines)
    assert wrap("Short title", 14, 200) == "Short title"  # one line: the text itself


def test_year_labels_keep_every_year_that_fits_else_count_back_from_the_latest():
    years = list(range(2015, 2024))
    assert year_labels(years, 600) == years
    narrow = year_labels(years, 150)
    assert narrow[-1] == 2023 and len(narrow) < len(years)
    step = narrow[1] - narrow[0]
    assert all(b - a == step for a, b in zip(narrow, narrow[1:], strict=False)) and step > 1


def test_a_plot_gets_what_its_frame_leaves_after_its_axes_and_labels():
    frame = Frame("test", 400)
    assert frame.plot_width(50, 100) < 400 - 150
    assert PHONE.narrow and not WIDE.narrow


def test_a_legend_label_too_wide_for_the_plot_is_drawn_in_lines():
    long = "Published rank, a different measure (Fuyuno (2020), Nature Index)"
    expr = legend_labels([long, "Short"], 150)
    assert expr.endswith("[datum.label] || datum.label") and "Short" not in expr
    assert legend_labels(["Short"], 150) == "datum.label"


@responsive
def _points(frame: pd.DataFrame, *, within: Frame = WIDE) -> alt.Chart:
    return alt.Chart(frame).mark_point().encode(x="x:Q").properties(width=within.plot_width(0))


def test_a_responsive_builder_carries_each_narrower_frame():
    frame = pd.DataFrame({"x": [1, 2]})
    spec = chart_spec(_points(frame))
    meta = spec["usermeta"][USERMETA]
    assert meta["frame"] == "wide" and meta["width"] == WIDE.width
    assert [(v["frame"], v["width"]) for v in meta["variants"]] == [("phone", PHONE.width)]
    assert meta["variants"][0]["spec"]["width"] == PHONE.plot_width(0) < spec["width"]
    alone = chart_spec(_points(frame, within=PHONE))
    assert "usermeta" not in alone and alone["width"] == PHONE.plot_width(0)


def test_the_export_cites_tooltips_in_every_frame_and_keeps_a_shared_dataset_once():
    frame = pd.DataFrame({"x": [1, 2], "source_id": ["spf2021", "spf2021"]})

    @responsive
    def chart(data, *, within=WIDE):
        return alt.Chart(data).mark_point().encode(x="x:Q", tooltip=["source_id:N"]).properties(
            width=within.plot_width(0))

    spec = cite_variants(chart_spec(chart(frame)), {"spf2021": "Sasakawa Peace Foundation USA (2021)"})
    variant = spec["usermeta"][USERMETA]["variants"][0]["spec"]
    assert variant["datasets"] == {}  # the wide spec's copy serves
    assert variant["encoding"]["tooltip"][0]["field"] == "source_id_citation"
    assert next(iter(spec["datasets"].values()))[0]["source_id_citation"] == "Sasakawa Peace Foundation USA (2021)"


def test_a_country_keeps_its_colour_whoever_else_is_drawn():
    colours = country_colours(["KR", "JP"], ["US", "CN"])
    assert colours == {"JP": FOCUS_COLOURS[0], "KR": FOCUS_COLOURS[1], "US": POLE_COLOURS[0], "CN": POLE_COLOURS[1]}
    assert country_colours(["JP", "KR"], ["JP", "CN"])["CN"] == POLE_COLOURS[0]  # a country named twice keeps one
    without_japan = pd.DataFrame({"country": ["KR", "US", "DE"]})
    _, scale = highlighted(without_japan, ["JP", "KR", "US", "CN"])
    assert dict(zip(scale.domain, scale.range, strict=True)) == {
        "South Korea": FOCUS_COLOURS[1], "United States": POLE_COLOURS[0], OTHER: "#B8B8B8"}


@pytest.mark.parametrize(("position", "side"), [(0.1, "right"), (0.95, "left"), (0.5, "above")])
def test_a_timeline_label_goes_beside_its_mark_where_it_fits_else_above_it(position, side):
    label = "A rather long event name (JP)" if side != "above" else "An event name far too long to sit beside its mark (JP)"
    width = 1.2 * text_width(label, 12) if side == "above" else 2.5 * text_width(label, 12)
    layout = label_layout(pd.Series([0.2, position]), pd.Series(["Short (US)", label]), width)
    assert layout["side"].tolist()[1] == side
    rows = layout["row_px"].tolist()
    assert rows[1] - rows[0] == (40 if side == "above" else 20)  # a label above takes a line of its own
