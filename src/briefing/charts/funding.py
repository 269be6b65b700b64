"""Charts of the funding section, each drawn for a frame (charts.frames)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing import countries
from briefing.charts.frames import WIDE, Frame, axis_width, responsive
from briefing.charts.groups import highlighted
from briefing.charts.textsize import text_width
from briefing.charts.theme import LABEL_SIZE, PALETTE, note_mark


@responsive
def growth_chart(frame: pd.DataFrame, highlight: list[str], *, within: Frame = WIDE) -> alt.LayerChart:
    """Compound annual growth of GERD in constant prices, one bar a country, fastest first; each
    bar names the span it is measured over, since countries' latest years differ (on a phone,
    the span on a second line)."""
    data, scale = highlighted(frame, highlight)
    span = data["year_start"].astype(str) + "–" + data["year_end"].astype(str)
    rate = data["cagr_pct"].map(lambda v: f"{v:+.1f}%".replace("-", "\u2212")) + " a year"
    lines = [[r, s] for r, s in zip(rate, span, strict=True)] if within.narrow else list(rate + ", " + span)
    data = data.assign(period=span, bar_label=lines)
    order = list(data["name"])
    room = max(text_width(r + ("" if within.narrow else ", " + s), LABEL_SIZE) for r, s in zip(rate, span, strict=True)) + 8
    width = within.plot_width(axis_width(data["name"], title=False), room)
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", sort=order, title=None),
        x=alt.X("cagr_pct:Q", title=within.wrap("Growth a year, GERD in constant 2015 PPP dollars (%)", 12, width),
                axis=alt.Axis(tickCount=4 if within.narrow else 8)),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("period:N", title="Years"),
                 alt.Tooltip("cagr_pct:Q", title="Per year %", format="+.2f"),
                 alt.Tooltip("growth_pct:Q", title="Change over the span %", format="+.1f")],
    )
    bars = base.mark_bar().encode(color=alt.Color("group:N", scale=scale, title=None, legend=None))
    text = base.mark_text(align="left", dx=4, fontSize=LABEL_SIZE, color="#333333").encode(
        text="bar_label:N", x=alt.X("label_x:Q"))
    return alt.layer(bars, text).transform_calculate(label_x="max(datum.cagr_pct, 0)").properties(
        width=width, height=alt.Step(34 if within.narrow else 22))


@responsive
def gbard_chart(frame: pd.DataFrame, *, within: Frame = WIDE) -> alt.Chart:
    """Government R&D budgets by objective, stacked, one row of bars per country (its name beside
    the rows, above them on a phone); a note where no country has them (the chapter leaves the
    section out: `prose.funding.gbard_summary`)."""
    if frame.empty:
        return note_mark("No government R&D budget by objective for this edition's countries").properties(
            width=within.plot_width(0), height=40)
    objectives = list(dict.fromkeys(frame["objective"]))
    data = frame.assign(name=frame["country"].map(countries.name), year=frame["year"].astype(str),
                        usd_bn=frame["usd_ppp_m"] / 1000)
    names = 0 if within.narrow else axis_width(data["name"], title=False)
    width = within.plot_width(axis_width(data["year"], title=False) + names)
    header = alt.Header(labelAngle=0, labelAlign="left", labelOrient="top", labelAnchor="start", labelFontSize=12) \
        if within.narrow else alt.Header(labelAngle=0, labelAlign="left", labelFontSize=12)
    return alt.Chart(data).mark_bar(stroke="white", strokeWidth=1).encode(
        y=alt.Y("year:N", title=None),
        x=alt.X("sum(usd_bn):Q", title=within.wrap("Government R&D budget, US$ bn (current PPP)", 12, width),
                axis=alt.Axis(format=",.0f")),
        color=alt.Color("objective:N", sort=objectives, title=None,
                        scale=alt.Scale(domain=objectives, range=PALETTE[: len(objectives)]),
                        legend=alt.Legend(orient="bottom", columns=1 if within.narrow else 2, labelLimit=0)),
        order=alt.Order("objective_order:Q"),
        row=alt.Row("name:N", title=None, header=header),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:N", title="Year"),
                 alt.Tooltip("objective:N", title="Objective"),
                 alt.Tooltip("usd_bn:Q", title="US$ bn (PPP)", format=",.1f"),
                 alt.Tooltip("share_pct:Q", title="Share of GBARD %", format=".1f")],
    ).transform_calculate(
        objective_order=f"indexof({objectives!r}, datum.objective)"
    ).properties(width=width, height=alt.Step(18))
