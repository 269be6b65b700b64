"""The standard pair of views of any registry indicator: the latest figure of each country
ranked, with its year beside the bar, and the trend over the window. In the trend the
highlighted countries are coloured (charts.groups) and named at their line's last value (pushed
apart no more than they must); the others are grey context, named by the legend and, on hover,
by the line (drawn dark) and its tooltip. The second source's series are dashed and the figures
the source flags hollow. Values in the unit readers use (the registry's scale: millions of dollars shown as $ bn).
Both are drawn for a frame (charts.frames)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing.charts import placement
from briefing.charts.frames import WIDE, Frame, axis_width, legend_labels, responsive, year_labels
from briefing.charts.groups import OTHER, highlighted, label_scale
from briefing.charts.textsize import text_width
from briefing.charts.theme import LABEL_SIZE
from briefing.metrics.indicators import IndicatorView

HEIGHT = 280
LABEL_DX = 8  # px between a line's last point and its name
YEAR_PADDING = 24  # px between the y axis and the first year, so their labels never meet at the origin
HOVER = "hover_country"
HOVER_INK = "#222222"  # a line the pointer is on


def shown(view: IndicatorView, frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The rows with the value in the reader's unit, its text, the source's name and the flag."""
    ind = view.indicator
    flag = frame["status"].fillna("")
    return frame.assign(shown=frame["value"].map(ind.shown), text=frame["value"].map(ind.format),
                        source_name=frame["source"].map(lambda s: names.get(s, s)),
                        flagged=flag != "", flag=flag.where(flag != "", "none"))


@responsive
def ranking_chart(view: IndicatorView, highlight: list[str], names: dict[str, str], *,
                  within: Frame = WIDE) -> alt.LayerChart:
    """Horizontal bars, largest first; each bar says its value and the year of that value."""
    data, scale = highlighted(shown(view, view.ranking, names), highlight)
    data = data.assign(bar_label=data["text"] + " (" + data["year"].astype(str) + ")")
    order = list(data["name"])
    room = max(text_width(t, LABEL_SIZE) for t in data["bar_label"]) + 8
    width = within.plot_width(axis_width(data["name"], title=False), room)
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", sort=order, title=None),
        x=alt.X("shown:Q", title=within.wrap(view.indicator.axis, 12, width), scale=alt.Scale(zero=True),
                axis=alt.Axis(tickCount=4 if within.narrow else 8)),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("text:N", title=view.indicator.short), alt.Tooltip("source_name:N", title="Source"),
                 alt.Tooltip("flag:N", title="Source flag")],
    )
    bars = base.mark_bar().encode(color=alt.Color("group:N", scale=scale, title=None, legend=None))
    text = base.mark_text(align="left", dx=4, fontSize=LABEL_SIZE, color="#333333").encode(text="bar_label:N")
    return alt.layer(bars, text).properties(width=width, height=alt.Step(22))


def label_positions(data: pd.DataFrame, top: float, height: float = HEIGHT) -> pd.DataFrame:
    """One label for each highlighted country at its line's last value (its own last year),
    pushed apart so that no two are closer than a line of text, all inside the plot
    (`placement.end_label_positions`)."""
    named = data[data["group"] == data["name"]] if "group" in data else data
    last = named.sort_values("year").groupby("country", sort=False).tail(1)
    return last.assign(label_y=placement.end_label_positions(
        last["shown"], placement.LinearScale(0, top, height, upward=True), LABEL_SIZE))


def others_legend(data: pd.DataFrame) -> str:
    """The legend's name for the grey lines: which countries they are, and how to tell them apart."""
    others = list(dict.fromkeys(data.loc[data["group"] == OTHER, "name"]))
    return f"{OTHER}: {', '.join(others)} (point at a line for its name)" if others else OTHER


@responsive
def trend_chart(view: IndicatorView, highlight: list[str], names: dict[str, str], *,
                within: Frame = WIDE) -> alt.LayerChart:
    """One line per country over the window; highlighted countries in colour, named at their
    line's end, the others grey, named by the legend and on hover."""
    data, scale = highlighted(shown(view, view.panel, names), highlight)
    legend_name = others_legend(data)
    data = data.assign(series=data["source_name"], group=data["group"].replace(OTHER, legend_name))
    scale = alt.Scale(domain=[legend_name if d == OTHER else d for d in scale.domain], range=scale.range)
    top = float(data["shown"].max()) * 1.08 or 1.0
    height = HEIGHT + (80 if within.narrow else 0)
    labelled = label_positions(data, top, height)
    room = max((text_width(n, LABEL_SIZE) for n in labelled["name"]), default=0) + LABEL_DX + 4
    width = within.plot_width(axis_width([f"{top:,.1f}"]), room)
    years = alt.Scale(domain=[view.start, view.end], nice=False, padding=YEAR_PADDING)
    x = alt.X("year:Q", title=None, scale=years,
              axis=alt.Axis(format="d", labelOverlap=True, values=year_labels(range(view.start, view.end + 1), width)))
    y = alt.Y("shown:Q", title=view.indicator.axis, scale=alt.Scale(domain=[0, top], nice=False))
    tooltip = [alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
               alt.Tooltip("text:N", title=view.indicator.short), alt.Tooltip("source_name:N", title="Source"),
               alt.Tooltip("flag:N", title="Source flag")]
    hover = alt.selection_point(name=HOVER, on="pointerover", fields=["country"], empty=False, clear="pointerout")
    base = alt.Chart(data).encode(x=x, y=y, detail="country:N", tooltip=tooltip)
    legend = alt.Legend(orient="bottom", direction="vertical", columns=1, title=None, symbolType="stroke",
                        symbolStrokeWidth=2, labelLimit=0, labelExpr=legend_labels([legend_name], width + room - 30),
                        values=[legend_name]) if legend_name != OTHER else None
    lines = base.mark_line().encode(
        color=alt.condition(hover, alt.value(HOVER_INK), alt.Color("group:N", scale=scale, title=None,
                                                                     legend=legend)),
        strokeWidth=alt.condition(hover, alt.value(3), alt.value(2)),
        strokeDash=_source_dash(view, data)).add_params(hover)
    points = base.mark_point(size=40, strokeWidth=2, filled=False, opacity=1).encode(
        stroke=alt.Color("group:N", scale=scale, legend=None),
        fill=alt.condition("datum.flagged", alt.value("white"), alt.Color("group:N", scale=scale, legend=None)))
    labels = alt.Chart(labelled).mark_text(align="left", dx=LABEL_DX, fontSize=LABEL_SIZE).encode(
        x=x, y=alt.Y("label_y:Q", scale=alt.Scale(domain=[0, top], nice=False)),
        text="name:N", color=alt.Color("group:N", scale=label_scale(scale), legend=None))
    # The labels' colour scale is their own (grey text for the muted lines): resolved
    # independently, or Vega-Lite merges it into the lines' scale and warns in the browser.
    return alt.layer(alt.layer(lines, points), labels).resolve_scale(
        color="independent").properties(width=width, height=height)


def _source_dash(view: IndicatorView, data: pd.DataFrame) -> alt.StrokeDash:
    """Solid for the first source, dashed for the second (with a legend when there are two)."""
    sources = list(dict.fromkeys(data.sort_values("source", key=lambda s: s.map(view.sources.index))["series"]))
    return alt.StrokeDash("series:N", title="Source", sort=sources,
                          scale=alt.Scale(domain=sources, range=[[1, 0], [5, 3], [2, 2]][: len(sources)]),
                          legend=alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeWidth=2,
                                            symbolSize=300, labelLimit=320) if len(sources) > 1 else None)
