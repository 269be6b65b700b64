"""Charts of the policy context, and event markers other sections' charts can layer on."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing.charts.theme import PALETTE, WIDTH

KINDS = ["law", "executive order/memorandum", "guideline", "programme", "trade measure", "agreement",
         "budget", "statement"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "circle", "square"]


def timeline_chart(line: pd.DataFrame, start: int, end: int, source_page: str = "methods.html") -> alt.LayerChart:
    """Events by jurisdiction over time; in the browser, filter by jurisdiction with the
    drop-down and by kind with the legend; click an event to open its source."""
    data = line.assign(href=source_page + "#src-" + line["source_id"])
    names = list(dict.fromkeys(data.sort_values("jurisdiction")["jurisdiction_name"]))
    pick = alt.param(name="jurisdiction", value="All",
                     bind=alt.binding_select(options=["All", *names], name="Jurisdiction "))
    kinds = alt.selection_point(fields=["kind"], bind="legend", name="kind_pick")
    kinds_present = [k for k in KINDS if k in set(data["kind"])]
    window = alt.Chart(pd.DataFrame({"start": [f"{start}-01-01"], "end": [f"{end}-12-31"]})).mark_rect(
        color="#EEF3F8").encode(x="start:T", x2="end:T")
    points = alt.Chart(data).mark_point(filled=True, size=110, opacity=0.9).encode(
        x=alt.X("plot_date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year", labelAngle=0)),
        y=alt.Y("jurisdiction_name:N", title=None, sort=names),
        yOffset=alt.YOffset("lane:O", scale=alt.Scale(paddingOuter=0.2)),
        color=alt.Color("kind:N", title="Kind of act", scale=alt.Scale(domain=kinds_present,
                        range=PALETTE[: len(kinds_present)]), legend=alt.Legend(orient="bottom", columns=3, labelLimit=260)),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=kinds_present, range=SHAPES[: len(kinds_present)])),
        opacity=alt.condition(kinds, alt.value(0.95), alt.value(0.12)),
        href="href:N",
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("jurisdiction_name:N", title="Jurisdiction"),
                 alt.Tooltip("short:N", title="Short name"),
                 alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("source_id:N", title="Source")],
    ).add_params(pick, kinds).transform_filter(
        "jurisdiction == 'All' || datum.jurisdiction_name == jurisdiction")
    lanes = int(data["lane"].max()) + 1 if len(data) else 1
    return alt.layer(window, points).properties(width=WIDTH - 60, height=len(names) * (14 + 9 * lanes))


def event_rules(marks: pd.DataFrame, x_field: str = "year", x_type: str = "O") -> alt.LayerChart:
    """Dashed vertical rules with short labels at event years, to layer on a yearly chart
    whose x encoding is `x_field:x_type`; labels sit in up to three staggered rows."""
    base = alt.Chart(marks).encode(x=alt.X(f"{x_field}:{x_type}"))
    rules = base.mark_rule(strokeDash=[4, 3], color="#555555", strokeWidth=1).encode(
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("title:N", title="Event")])
    labels = [base.transform_filter(f"datum.row == {row}").mark_text(
        align="left", baseline="top", dx=3, y=2 + 12 * row, fontSize=10, color="#444444").encode(text="label:N")
        for row in sorted(marks["row"].unique())]
    return alt.layer(rules, *labels)
