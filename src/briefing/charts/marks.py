"""Marks of data quality on a chart, layered over a builder's own marks: a hollow point
for a provisional year (the source was still indexing it), and a shaded band over a
break in a series (the step between the two years of a level shift). Builders add them
when given years; the flags come from `briefing.quality`."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing.charts.theme import LABEL_GREY, SMALL_SIZE

BAND_COLOUR = "#bbbbbb"


def provisional_points(data: pd.DataFrame, x: alt.X, y: alt.Y, colour: alt.Color, years) -> list[alt.Chart]:
    """Hollow points (white inside) over the points of the provisional `years`; none without any."""
    rows = data[data["year"].isin(list(years))]
    if rows.empty:
        return []
    marked = rows.assign(status="provisional: the source was still indexing this year")
    return [alt.Chart(marked).mark_point(filled=True, fill="white", size=46, strokeWidth=2, opacity=1).encode(
        x=x, y=y, stroke=colour, tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("status:N", title="Note")])]


def break_bands(breaks: list[tuple[int, str]], x_type: str = "O", axis: alt.Axis | None = None) -> list[alt.Chart]:
    """A light band from the year before each break to its year, labelled at the top; `breaks`
    is [(year, label)]; `axis`: the builder's year axis. None without breaks."""
    if not breaks:
        return []
    frame = pd.DataFrame([{"year_before": y - 1, "year": y, "label": label} for y, label in breaks])
    base = alt.Chart(frame)
    # A point scale, as the lines' own (a rect on an ordinal axis would make it a band scale),
    # and the builders' year axis: the first layer's axis is the one drawn.
    x = alt.X(f"year_before:{x_type}", title=None, axis=axis or alt.Axis(labelAngle=0),
              scale=alt.Scale(type="point") if x_type == "O" else alt.Undefined)
    band = base.mark_rect(color=BAND_COLOUR, opacity=0.25).encode(
        x=x, x2="year", tooltip=[alt.Tooltip("label:N", title="Break")])
    text = base.mark_text(align="left", baseline="top", dx=2, y=2, fontSize=SMALL_SIZE, color=LABEL_GREY).encode(
        x=x, text="label:N")
    return [band, text]
