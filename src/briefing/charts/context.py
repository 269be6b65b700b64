"""Charts of the policy context (event markers on other charts: `charts.placement.event_marks`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing.charts.theme import PALETTE, WIDTH, note_mark
from briefing.metrics.context import KINDS, citation

SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "circle", "square"]
ROW = 18  # px per event row
LABEL_SPLIT = 0.55  # events left of this fraction of the axis are labelled on their right, the others on their left


def timeline_chart(shown: pd.DataFrame, start: int, end: int, names: dict[str, str],
                   source_page: str = "methods.html") -> alt.LayerChart:
    """One row per event in date order, each mark labelled with its short name and
    jurisdiction (in print too), shaped and coloured by kind, the window shaded; the axis
    starts at the window (`metrics.context.on_chart`). In the browser the drop-down keeps
    one jurisdiction, the legend one kind, a click opens the source, and the tooltip cites it."""
    last = max(end, int(shown["year"].max())) if len(shown) else end
    first_day, last_day = pd.Timestamp(f"{start}-01-01"), pd.Timestamp(f"{last}-12-31")
    # The axis runs from the window's first day to the last event's year: set by the data of
    # two invisible ticks, not by an explicit domain (Vega-Lite warns in the browser that layers'
    # explicit time domains conflict, even when they are the same).
    extent = alt.Chart(pd.DataFrame({"day": [first_day.strftime("%Y-%m-%d"), last_day.strftime("%Y-%m-%d")]})
                       ).mark_tick(opacity=0).encode(x=alt.X("day:T", title=None))
    window = alt.layer(extent, alt.Chart(pd.DataFrame({"start": [f"{start}-01-01"], "end": [f"{end}-12-31"]})).mark_rect(
        color="#DCE7F3", opacity=0.55).encode(x=alt.X("start:T", title=None), x2="end:T"))
    if shown.empty:
        note = note_mark(f"No policy act from {start} on is recorded for this series")
        return alt.layer(window, note).properties(width=WIDTH - 40, height=3 * ROW)
    position = (pd.to_datetime(shown["plot_date"]) - first_day) / (last_day - first_day)
    data = shown.assign(href=source_page + "#src-" + shown["source_id"],
                        citation=citation(shown["source_id"], shown["locator"], names),
                        label=shown["short"] + " (" + shown["jurisdiction"] + ")",
                        right=position < LABEL_SPLIT)
    jurisdictions = sorted(set(data["jurisdiction_name"]))
    pick = alt.param(name="jurisdiction", value="All",
                     bind=alt.binding_select(options=["All", *jurisdictions], name="Jurisdiction "))
    kinds = alt.selection_point(fields=["kind"], bind="legend", name="kind_pick")
    present = [k for k in KINDS if k in set(data["kind"])]
    keep = "jurisdiction == 'All' || datum.jurisdiction_name == jurisdiction"
    x = alt.X("plot_date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year", labelAngle=0, grid=True))
    y = alt.Y("order:O", axis=None)
    base = alt.Chart(data).encode(x=x, y=y).transform_filter(keep)
    points = base.mark_point(filled=True, size=90).encode(
        color=alt.Color("kind:N", title="Kind of act", scale=alt.Scale(domain=present, range=PALETTE[: len(present)]),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=260)),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=present, range=SHAPES[: len(present)])),
        opacity=alt.condition(kinds, alt.value(0.95), alt.value(0.15)),
        href="href:N",
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("jurisdiction_name:N", title="Jurisdiction"),
                 alt.Tooltip("title:N", title="Event"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("citation:N", title="Source")],
    ).add_params(pick, kinds)
    labels = [base.transform_filter(f"{'' if right else '!'}datum.right").mark_text(
        align="left" if right else "right", dx=8 if right else -8, fontSize=11, color="#333333",
        limit=int(WIDTH * LABEL_SPLIT) - 20).encode(text="label:N") for right in (True, False)]
    return alt.layer(window, points, *labels).properties(width=WIDTH - 40, height=ROW * len(data))

