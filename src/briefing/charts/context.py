"""Charts of the policy context (event markers on other charts: `charts.placement.event_marks`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing.charts.frames import WIDE, Frame, responsive
from briefing.charts.textsize import text_width
from briefing.charts.theme import LABEL_SIZE, PALETTE, note_mark
from briefing.metrics.context import KINDS, citation

SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "circle", "square"]
ROW = 20  # px per line of the timeline: an event's mark and label, or a label set above its mark
GAP = 8  # px between a mark and its label


def label_layout(position: pd.Series, labels: pd.Series, width: float) -> pd.DataFrame:
    """Where each event's label goes on a timeline `width` px wide, its mark at `position` (0 to
    1 along the axis): right of the mark if it fits there, else left of it, else on a line of its
    own above the mark, starting as near the mark as it can. Returns `side` ('right', 'left' or
    'above'), `label_px` (the x of the label's anchor: its start, or its end for 'left') and
    `row_px` (the y of the mark's line, rows counted down from the top)."""
    rows, y = [], 0.0
    for frac, label in zip(position, labels, strict=True):
        x, w = frac * width, text_width(label, LABEL_SIZE)
        if x + GAP + w <= width:
            side, anchor = "right", x + GAP
        elif x - GAP - w >= 0:
            side, anchor = "left", x - GAP
        else:
            side, anchor = "above", min(max(x - w / 2, 0.0), width - w)
            y += ROW
        rows.append({"side": side, "label_px": anchor, "row_px": y + ROW / 2,
                     "label_row_px": y + ROW / 2 - (ROW if side == "above" else 0)})
        y += ROW
    return pd.DataFrame(rows, index=position.index)


@responsive
def timeline_chart(shown: pd.DataFrame, start: int, end: int, names: dict[str, str],
                   source_page: str = "methods.html", *, within: Frame = WIDE) -> alt.LayerChart:
    """One row per event in date order, each mark labelled with its short name and
    jurisdiction (in print too: beside the mark, or above it where the row has no room), shaped
    and coloured by kind, the window shaded; the axis starts at the window
    (`metrics.context.on_chart`). In the browser the drop-down keeps one jurisdiction, the legend
    one kind, a click opens the source, and the tooltip cites it."""
    width = within.plot_width(0)
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
        return alt.layer(window, note).properties(width=width, height=3 * ROW)
    span = last_day - first_day
    position = (pd.to_datetime(shown["plot_date"]) - first_day) / span
    label = shown["short"] + " (" + shown["jurisdiction"] + ")"
    layout = label_layout(position, label, width)
    height = float(layout["row_px"].max() + ROW / 2)
    label_day = (first_day + layout["label_px"] / width * span).dt.strftime("%Y-%m-%d")
    data = shown.assign(href=source_page + "#src-" + shown["source_id"],
                        citation=citation(shown["source_id"], shown["locator"], names), label=label,
                        label_day=label_day, **layout[["side", "row_px", "label_row_px"]])
    jurisdictions = sorted(set(data["jurisdiction_name"]))
    pick = alt.param(name="jurisdiction", value="All",
                     bind=alt.binding_select(options=["All", *jurisdictions], name="Jurisdiction "))
    kinds = alt.selection_point(fields=["kind"], bind="legend", name="kind_pick")
    present = [k for k in KINDS if k in set(data["kind"])]
    keep = "jurisdiction == 'All' || datum.jurisdiction_name == jurisdiction"
    x = alt.X("plot_date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year", labelAngle=0, grid=True,
                                                        labelOverlap=True))
    rows = alt.Scale(domain=[height, 0], nice=False, zero=False)
    base = alt.Chart(data).transform_filter(keep)
    points = base.mark_point(filled=True, size=90).encode(
        x=x, y=alt.Y("row_px:Q", axis=None, scale=rows),
        color=alt.Color("kind:N", title="Kind of act", scale=alt.Scale(domain=present, range=PALETTE[: len(present)]),
                        legend=alt.Legend(orient="bottom", columns=2 if within.narrow else 3, labelLimit=0)),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=present, range=SHAPES[: len(present)])),
        opacity=alt.condition(kinds, alt.value(0.95), alt.value(0.15)),
        href="href:N",
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("jurisdiction_name:N", title="Jurisdiction"),
                 alt.Tooltip("title:N", title="Event"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("citation:N", title="Source")],
    ).add_params(pick, kinds)
    labels = [base.transform_filter(f"datum.side {'==' if side == 'left' else '!='} 'left'").mark_text(
        align="right" if side == "left" else "left", baseline="middle", fontSize=LABEL_SIZE, color="#333333").encode(
        x=alt.X("label_day:T"), y=alt.Y("label_row_px:Q", axis=None, scale=rows), text="label:N")
        for side in ("left", "right")]
    return alt.layer(window, points, *labels).properties(width=width, height=height)
