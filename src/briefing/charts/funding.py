"""Charts of the funding section."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing import countries
from briefing.charts.groups import highlighted, label_scale
from briefing.charts.labels import dodge
from briefing.charts.theme import PALETTE, WIDTH


def intensity_chart(frame: pd.DataFrame, highlight: list[str], source_names: dict[str, str]) -> alt.LayerChart:
    """GERD % of GDP per year; highlighted countries in colour, others grey; the source
    of each country's series in the tooltip and, for secondary sources, as the point shape."""
    data, scale = highlighted(frame, highlight)
    data = data.assign(source_name=data["source"].map(source_names))
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("gerd_pct_gdp:Q", title="GERD, % of GDP", scale=alt.Scale(zero=True)),
        color=alt.Color("group:N", scale=scale, title=None, legend=alt.Legend(orient="bottom", columns=5)),
        detail="country:N",
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("gerd_pct_gdp:Q", title="GERD % of GDP", format=".2f"),
                 alt.Tooltip("source_name:N", title="Source")],
    )
    lines = base.mark_line()
    points = base.mark_point(filled=True, size=36).encode(
        shape=alt.Shape("source_name:N", title="Source"))
    last = data.sort_values("year").groupby("country").tail(1)
    gap = data["gerd_pct_gdp"].max() / 28
    last = last.assign(label_y=last.groupby("year")["gerd_pct_gdp"].transform(lambda v: dodge(v, gap)))
    text_scale = label_scale(scale)
    labels = alt.Chart(last).mark_text(align="left", dx=6, fontSize=11).encode(
        x="year:O", y="label_y:Q", text="name:N",
        color=alt.Color("group:N", scale=text_scale, legend=None))
    # The labels' colour scale is their own (grey text for the muted lines): resolved
    # independently, or Vega-Lite merges it into the lines' scale and warns in the browser.
    series = alt.layer(lines, points)
    return alt.layer(series, labels).resolve_scale(color="independent").properties(width=WIDTH - 80, height=340)


def growth_chart(frame: pd.DataFrame, highlight: list[str]) -> alt.LayerChart:
    """Growth of GERD in constant prices over the window, one bar a country, largest first."""
    data, scale = highlighted(frame, highlight)
    data = data.assign(period=data["year_start"].astype(str) + "–" + data["year_end"].astype(str))
    order = list(data.sort_values("growth_pct", ascending=False)["name"])
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", sort=order, title=None),
        x=alt.X("growth_pct:Q", title="Change in GERD, constant 2015 PPP dollars (%)"),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("period:N", title="Years"),
                 alt.Tooltip("growth_pct:Q", title="Change %", format="+.1f"),
                 alt.Tooltip("cagr_pct:Q", title="Per year %", format="+.2f")],
    )
    bars = base.mark_bar().encode(color=alt.Color("group:N", scale=scale, title=None))
    text = base.mark_text(align="left", dx=4).encode(text=alt.Text("growth_pct:Q", format="+.0f"))
    return alt.layer(bars, text).properties(width=WIDTH - 120, height=alt.Step(22))


def gbard_chart(frame: pd.DataFrame) -> alt.Chart:
    """Government R&D budgets by objective, stacked, one row of bars per country."""
    objectives = list(dict.fromkeys(frame["objective"]))
    data = frame.assign(name=frame["country"].map(countries.name), year=frame["year"].astype(str))
    return alt.Chart(data).mark_bar(stroke="white", strokeWidth=1).encode(
        y=alt.Y("year:N", title=None),
        x=alt.X("sum(usd_ppp_m):Q", title="Government R&D budget, million current PPP dollars",
                axis=alt.Axis(format="~s")),
        color=alt.Color("objective:N", sort=objectives, title=None,
                        scale=alt.Scale(domain=objectives, range=PALETTE[: len(objectives)]),
                        legend=alt.Legend(orient="bottom", columns=3)),
        order=alt.Order("objective_order:Q"),
        row=alt.Row("name:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:N", title="Year"),
                 alt.Tooltip("objective:N", title="Objective"),
                 alt.Tooltip("usd_ppp_m:Q", title="US$ m (PPP)", format=",.0f"),
                 alt.Tooltip("share_pct:Q", title="Share of GBARD %", format=".1f")],
    ).transform_calculate(
        objective_order=f"indexof({objectives!r}, datum.objective)"
    ).properties(width=WIDTH - 160, height=alt.Step(18))
