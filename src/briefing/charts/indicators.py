"""The standard pair of views of any registry indicator: the latest figure of each country
ranked, with its year beside the bar, and the trend over the window with direct labels that
do not collide (all in one column at the right edge, pushed apart), the second source's series
dashed and the figures the source flags hollow. Values in the unit readers use (the registry's
scale: millions of dollars shown as $ bn)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing.charts import placement
from briefing.charts.groups import highlighted, label_scale
from briefing.charts.theme import LABEL_SIZE, WIDTH
from briefing.metrics.indicators import IndicatorView

HEIGHT = 320
LABEL_WIDTH = 120  # room at the right for direct labels


def shown(view: IndicatorView, frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The rows with the value in the reader's unit, its text, the source's name and the flag."""
    ind = view.indicator
    flag = frame["status"].fillna("")
    return frame.assign(shown=frame["value"].map(ind.shown), text=frame["value"].map(ind.format),
                        source_name=frame["source"].map(lambda s: names.get(s, s)),
                        flagged=flag != "", flag=flag.where(flag != "", "none"))


def ranking_chart(view: IndicatorView, highlight: list[str], names: dict[str, str]) -> alt.LayerChart:
    """Horizontal bars, largest first; each bar says its value and the year of that value."""
    data, scale = highlighted(shown(view, view.ranking, names), highlight)
    data = data.assign(bar_label=data["text"] + " (" + data["year"].astype(str) + ")")
    order = list(data["name"])
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", sort=order, title=None),
        x=alt.X("shown:Q", title=view.indicator.axis, scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("text:N", title=view.indicator.short), alt.Tooltip("source_name:N", title="Source"),
                 alt.Tooltip("flag:N", title="Source flag")],
    )
    bars = base.mark_bar().encode(color=alt.Color("group:N", scale=scale, title=None, legend=None))
    text = base.mark_text(align="left", dx=4, fontSize=11, color="#333333").encode(text="bar_label:N")
    return alt.layer(bars, text).properties(width=WIDTH - 220, height=alt.Step(22))


def label_positions(data: pd.DataFrame, top: float) -> pd.DataFrame:
    """One direct label per country at the right edge, at its last value, pushed apart so that
    no two are closer than a line of text, all inside the plot (`placement.end_label_positions`)."""
    last = data.sort_values("year").groupby("country", sort=False).tail(1)
    return last.assign(label_y=placement.end_label_positions(
        last["shown"], placement.LinearScale(0, top, HEIGHT, upward=True), LABEL_SIZE))


def trend_chart(view: IndicatorView, highlight: list[str], names: dict[str, str]) -> alt.LayerChart:
    """One line per country over the window; highlighted countries in colour, others grey."""
    data, scale = highlighted(shown(view, view.panel, names), highlight)
    top = float(data["shown"].max()) * 1.08 or 1.0
    data = data.assign(series=data["source_name"])
    years = alt.Scale(domain=[view.start, view.end], nice=False)
    x = alt.X("year:Q", title=None, scale=years, axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True))
    y = alt.Y("shown:Q", title=view.indicator.axis, scale=alt.Scale(domain=[0, top], nice=False))
    tooltip = [alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
               alt.Tooltip("text:N", title=view.indicator.short), alt.Tooltip("source_name:N", title="Source"),
               alt.Tooltip("flag:N", title="Source flag")]
    base = alt.Chart(data).encode(x=x, y=y, detail="country:N", tooltip=tooltip)
    sources = list(dict.fromkeys(data.sort_values("source", key=lambda s: s.map(view.sources.index))["series"]))
    lines = base.mark_line().encode(
        color=alt.Color("group:N", scale=scale, title=None, legend=None),
        strokeDash=alt.StrokeDash("series:N", title="Source", sort=sources,
                                  scale=alt.Scale(domain=sources, range=[[1, 0], [5, 3], [2, 2]][: len(sources)]),
                                  legend=alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeWidth=2,
                                                    symbolSize=300, labelLimit=320) if len(sources) > 1 else None))
    points = base.mark_point(size=40, strokeWidth=2, filled=False, opacity=1).encode(
        stroke=alt.Color("group:N", scale=scale, legend=None),
        fill=alt.condition("datum.flagged", alt.value("white"), alt.Color("group:N", scale=scale, legend=None)))
    labels = alt.Chart(label_positions(data, top)).mark_text(align="left", dx=8, fontSize=LABEL_SIZE).encode(
        x=alt.X("x_end:Q", scale=years), y=alt.Y("label_y:Q", scale=alt.Scale(domain=[0, top], nice=False)),
        text="name:N", color=alt.Color("group:N", scale=label_scale(scale), legend=None),
    ).transform_calculate(x_end=str(view.end))
    # The labels' colour scale is their own (grey text for the muted lines): resolved
    # independently, or Vega-Lite merges it into the lines' scale and warns in the browser.
    return alt.layer(alt.layer(lines, points), labels).resolve_scale(color="independent").properties(
        width=WIDTH - LABEL_WIDTH, height=HEIGHT)
