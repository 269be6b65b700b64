"""The summary's key-figures chart: one small line a key finding, first year to latest, its
first and latest values written beside its ends, a turn the summary names marked with its
value, a break in the source's series as a dashed rule, a provisional year as a hollow point.
Three panels a row in the wide frame, one on a phone (charts.frames)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing.charts.frames import PADDING, SLACK, WIDE, Frame, responsive
from briefing.charts.textsize import LINE_HEIGHT_EM, text_width
from briefing.charts.theme import LABEL_GREY, LABEL_SIZE, NOTE_GREY, PALETTE, SMALL_SIZE

COLUMNS_WIDE = 3
SPACING = 16  # px between panels
PLOT_HEIGHT = 64  # px of a panel's line
ROOM = LABEL_SIZE * LINE_HEIGHT_EM + 4  # px above a peak (below a low) for its value
GAP = 5  # px between a line's end and its value


def _domain(values: list[float], height: float) -> list[float]:
    """The y domain that leaves `ROOM` px above the highest value and below the lowest."""
    low, high = min(values), max(values)
    spread = (high - low) or (abs(high) or 1.0) * 0.1
    pad = spread * ROOM / max(height - 2 * ROOM, 1)
    return [low - pad, high + pad]


def _panel(rows: pd.DataFrame, breaks: pd.DataFrame, width: float, left: float, right: float,
           lines: list[str] | str) -> alt.LayerChart:
    """One finding's panel: `rows` its years (year, value, shown, provisional, end), `breaks` its
    breaks (x, the rule's place between two years)."""
    years = sorted(rows["year"])
    plot = max(width - left - right, 40)
    reverse = bool(rows["reverse"].iloc[0])
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=[years[0], years[-1]], nice=False, zero=False),
              axis=alt.Axis(values=[years[0], years[-1]], format="d", grid=False, labelFlush=True, ticks=False,
                            domainColor="#CCCCCC", labelFontSize=LABEL_SIZE))
    y = alt.Y("value:Q", title=None, axis=None,
              scale=alt.Scale(domain=_domain(list(rows["value"]), PLOT_HEIGHT), zero=False, nice=False,
                              reverse=reverse))
    tooltip = [alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("shown:N", title="Value")]
    base = alt.Chart(rows).encode(x=x, y=y)
    layers = [base.mark_line(color=PALETTE[0], strokeWidth=2, interpolate="linear")]
    if len(breaks):
        layers.insert(0, alt.Chart(breaks).mark_rule(color=LABEL_GREY, strokeDash=[3, 3], strokeWidth=1).encode(
            x=alt.X("x:Q", scale=alt.Scale(domain=[years[0], years[-1]], nice=False, zero=False))))
    dots = rows[rows["end"] != ""]
    marks = [  # (its rows, its mark): a layer without rows is left out (an empty mark has no name to read)
        (dots[~dots["provisional"]], dict(filled=True)),
        (dots[dots["provisional"]], dict(filled=False, fill="white", strokeWidth=1.5)),
    ]
    labels = [(dots[dots["end"] == "first"], dict(align="right", dx=-GAP, fontSize=LABEL_SIZE)),
              (dots[dots["end"] == "last"], dict(align="left", dx=GAP, fontSize=LABEL_SIZE)),
              (dots[dots["end"] == "peak"], dict(baseline="bottom", dy=GAP if reverse else -GAP, fontSize=SMALL_SIZE,
                                                 align=_turn_align(years, dots, "peak"))),
              (dots[dots["end"] == "low"], dict(baseline="top", dy=-GAP if reverse else GAP, fontSize=SMALL_SIZE,
                                                align=_turn_align(years, dots, "low")))]
    layers += [alt.Chart(part).mark_point(size=36, color=PALETTE[0], opacity=1, **options)
               .encode(x=x, y=y, tooltip=tooltip) for part, options in marks if len(part)]
    layers += [alt.Chart(part).mark_text(color=NOTE_GREY, **options).encode(x=x, y=y, text="shown:N")
               for part, options in labels if len(part)]
    return alt.layer(*layers).properties(
        width=plot, height=PLOT_HEIGHT,
        # Anchored at the plot's left edge less the room of the first values: every panel's title
        # starts where the widest first value does, so stacked panels line up on a phone.
        title=alt.TitleParams(lines, fontSize=LABEL_SIZE, anchor="start", frame="group", dx=-left, offset=6,
                              color="#333333"))


def _turn_align(years: list[int], dots: pd.DataFrame, end: str) -> str:
    """A turn's value centred above (below) it, or, within two years of either end, reaching away
    from that end's value: it stays over (under) the line, which never passes a peak (low)."""
    found = dots.loc[dots["end"] == end, "year"]
    if found.empty:
        return "center"
    year = int(found.iloc[0])
    return "right" if year >= years[-1] - 2 else "left" if year <= years[0] + 2 else "center"


def _lines(wrapped: str | list[str]) -> list[str]:
    return [wrapped] if isinstance(wrapped, str) else list(wrapped)


@responsive
def key_figures_chart(frame: pd.DataFrame, breaks: pd.DataFrame, *, within: Frame = WIDE) -> alt.ConcatChart:
    """Small lines of the summary's key findings, in the order of the summary's messages.

    `frame`: one row a panel and year: panel (its order), title, year, value, shown (the value
    as printed), provisional, end ('first', 'last', 'peak', 'low' or ''), reverse (a rank: 1 on
    top). `breaks`: panel and x (the rule's place: between the last year before a break and the
    break's year)."""
    columns = 1 if within.narrow else COLUMNS_WIDE
    width = (within.width - 2 * PADDING - SLACK - (columns - 1) * SPACING) / columns
    left = max(text_width(s, LABEL_SIZE) for s in frame.loc[frame["end"] == "first", "shown"]) + GAP + 2
    right = max(text_width(s, LABEL_SIZE) for s in frame.loc[frame["end"] == "last", "shown"]) + GAP + 2
    groups = list(frame.groupby("panel", sort=True))
    titles = [_lines(within.wrap(rows["title"].iloc[0], LABEL_SIZE, width)) for _, rows in groups]
    panels = []
    for i, (panel, rows) in enumerate(groups):
        row = titles[i - i % columns: i - i % columns + columns]
        lines = titles[i] + [" "] * (max(len(t) for t in row) - len(titles[i]))  # plots of a row level
        panels.append(_panel(rows.reset_index(drop=True), breaks[breaks["panel"] == panel], width, left, right,
                             lines))
    return alt.concat(*panels, columns=columns, spacing=SPACING).resolve_scale(x="independent", y="independent")
