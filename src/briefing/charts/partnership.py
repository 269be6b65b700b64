"""Charts of the partnership section: the pair over time, its rank among the region's
pairs (a bump chart), its weight for each partner, and each partner's leading partners."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing import countries
from briefing.charts import placement
from briefing.charts.groups import label_scale
from briefing.charts.marks import break_bands, provisional_points
from briefing.charts.theme import LABEL_SIZE, MUTED, PALETTE, WIDTH
from briefing.metrics.partnership import pair_name

YEAR_AXIS = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0))
LABEL_ROOM = 190  # px right of the plot for direct labels


def _end_labels(data: pd.DataFrame, y: str, text: str, scale: placement.LinearScale) -> pd.DataFrame:
    """The last point of each series, with `label_y` where its label goes (charts.placement)."""
    return placement.end_labels(data, y, text, scale, LABEL_SIZE)


def _label_layer(last: pd.DataFrame, text: str, color: alt.Color, y_scale: alt.Scale) -> alt.Chart:
    return alt.Chart(last).mark_text(align="left", dx=8, fontSize=LABEL_SIZE).encode(
        x=YEAR_AXIS, y=alt.Y("label_y:Q", scale=y_scale), text=f"{text}:N", color=color)


def _widths(is_focus: pd.Series) -> pd.Series:
    """Line width in pixels: the focus pair stands out."""
    return is_focus.map({True: 3.5, False: 1.6})


def _series_colours(names: list[str]) -> alt.Scale:
    """First name (the focus) in the first hue; the rest in the following ones."""
    return alt.Scale(domain=names, range=(PALETTE * 2)[: len(names)])


def trend_chart(series: pd.DataFrame, events: pd.DataFrame | None = None, provisional=()) -> alt.LayerChart:
    """Works per year of each pair, indexed to the window start; the focus pair drawn first
    and thicker; policy events marked when given; hollow points in `provisional` years."""
    names = list(dict.fromkeys(series["pair_name"]))
    data = series.dropna(subset=["index_start_100"])
    data = data.assign(line_width=_widths(data["pair_name"] == names[0]))
    colour = alt.Color("pair_name:N", scale=_series_colours(names), legend=None)
    width, height = WIDTH - LABEL_ROOM, 320
    y = placement.LinearScale(*placement.nice_domain(data["index_start_100"]), height, upward=True)
    y_scale = y.scale()
    base = alt.Chart(data).encode(
        x=YEAR_AXIS, color=colour,
        y=alt.Y("index_start_100:Q", scale=y_scale, title=f"Co-authored works, {int(data['year'].min())} = 100"),
        tooltip=[alt.Tooltip("pair_name:N", title="Pair"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("works:Q", title="Works", format=","),
                 alt.Tooltip("index_start_100:Q", title="Index", format=".0f")])
    lines = base.mark_line().encode(strokeWidth=alt.StrokeWidth("line_width:Q", scale=None))
    points = base.mark_point(filled=True, size=30)
    labels = _label_layer(_end_labels(data, "index_start_100", "pair_name", y), "pair_name", colour, y_scale)
    marks = placement.event_marks(events, sorted(data["year"].unique()), width, height)
    hollow = provisional_points(data, YEAR_AXIS, alt.Y("index_start_100:Q", scale=y_scale), colour, provisional)
    return alt.layer(lines, points, labels, *marks, *hollow).properties(width=width, height=height)


def rank_chart(shown: pd.DataFrame, seeds: pd.DataFrame, seed_label: str) -> alt.LayerChart:
    """Bump chart: rank (1 at the top) of the leading pairs and the focus pair each year; the
    published ranks of the focus pair as hollow diamonds, labelled as a different measure."""
    measure = "Rank by co-authored works (this briefing)"
    data = shown.assign(group=shown["pair_name"].where(shown["is_focus"], "Other leading pairs"), measure=measure,
                        line_width=_widths(shown["is_focus"]))
    focus_name = data.loc[data["is_focus"], "pair_name"].iloc[0]
    scale = alt.Scale(domain=[focus_name, "Other leading pairs"], range=[PALETTE[0], MUTED])
    colour = alt.Color("group:N", legend=None, scale=scale)
    shape = alt.Shape("measure:N", title=None, scale=alt.Scale(domain=[measure, seed_label],
                                                               range=["circle", "diamond"]),
                      legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=WIDTH,
                                        symbolFillColor="white", symbolStrokeColor="#000000",
                                        symbolStrokeWidth=1.5))
    lowest = int(max([data["rank"].max(), *seeds["seed_rank"]]))
    width, height = WIDTH - LABEL_ROOM, int(min(460, max(260, 17 * lowest)))
    y_px = placement.LinearScale(1, lowest, height)
    y_scale = y_px.scale(reverse=True)
    y = alt.Y("rank:Q", scale=y_scale, title="Rank among the region's pairs (1 = most works)",
              axis=alt.Axis(tickMinStep=1, format="d"))
    tooltip = [alt.Tooltip("pair_name:N", title="Pair"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("rank:Q", title="Rank"), alt.Tooltip("works:Q", title="Works", format=",")]
    base = alt.Chart(data).encode(x=YEAR_AXIS, y=y, color=colour, detail="pair:N", tooltip=tooltip)
    lines = base.mark_line().encode(strokeWidth=alt.StrokeWidth("line_width:Q", scale=None))
    points = base.mark_point(filled=True, size=45).encode(shape=shape)
    label_colour = alt.Color("group:N", legend=None, scale=label_scale(scale))
    ends = _end_labels(data, "rank", "pair_name", y_px)
    labels = _label_layer(ends, "pair_name", label_colour, y_scale)
    x_px = placement.point_positions(sorted(data["year"].unique()), width)
    taken = placement.series_obstacles(data, "year", "rank", "pair", x_px.get, y_px.px, radius=4)
    taken.boxes += placement.label_boxes(ends, x_px.get, y_px.px, "pair_name", LABEL_SIZE, dx=8)
    layers = [lines, points, labels, *_seed_marks(seeds, seed_label, shape, y_scale,
                                                            (x_px, y_px, taken, width + LABEL_ROOM))]
    return alt.layer(*layers).resolve_scale(color="independent").properties(width=width, height=height)


def _seed_marks(seeds: pd.DataFrame, measure: str, shape: alt.Shape, y_scale: alt.Scale, plot) -> list[alt.Chart]:
    """The published ranks: hollow diamonds joined by a dashed line, one haloed label by the
    last, set where it covers no line, point or label (`plot`: x and y pixels, what is taken, the width there is)."""
    if seeds.empty:
        return []
    data = seeds.assign(measure=measure)
    x_px, y_px, taken, room = plot
    seed_series = data.assign(series="seed")
    taken.segments += placement.series_obstacles(seed_series, "year", "seed_rank", "series", x_px.get, y_px.px,
                                                 radius=7.5).segments
    end = data.sort_values("year").iloc[-1]
    text = f"{pair_name(data['pair'].iloc[0])}\nin the Nature Index"
    anchor = (x_px[end["year"]], y_px.px(end["seed_rank"]), 7.5, text)
    box = placement.place_labels([anchor], taken, room, y_px.length, LABEL_SIZE, bold=True)[0]
    base = alt.Chart(data).encode(x=YEAR_AXIS, y=alt.Y("seed_rank:Q", scale=y_scale),
                                  tooltip=[alt.Tooltip("seed_label:N", title="Published"),
                                           alt.Tooltip("year:O", title="Year")])
    path = base.mark_line(color="#000000", strokeDash=[4, 3], strokeWidth=1.5)
    diamonds = base.mark_point(filled=False, fill="white", fillOpacity=1, stroke="#000000", size=170,
                               strokeWidth=2, opacity=1).encode(shape=shape)
    last = alt.Chart(data.sort_values("year").tail(1).assign(label_y=y_px.value(box.y0))).encode(
        x=YEAR_AXIS, y=alt.Y("label_y:Q", scale=y_scale), text=alt.value(text.split("\n")))
    style = {"align": "left", "baseline": "top", "dx": box.x0 - anchor[0], "fontSize": LABEL_SIZE,
             "fontWeight": "bold"}
    halo = last.mark_text(**style, stroke="white", strokeWidth=4)
    label = last.mark_text(**style, color="#000000")
    return [path, diamonds, halo, label]


def share_chart(shares: pd.DataFrame, provisional=(), breaks=()) -> alt.LayerChart:
    """Share of each focus country's international works that have the other, per year; hollow
    points in `provisional` years, a shaded band over each break [(year, label)] in a series."""
    data = shares.assign(series=shares["name"] + "'s works with " + shares["partner_name"])
    names = list(dict.fromkeys(data["series"]))
    colour = alt.Color("series:N", scale=_series_colours(names), legend=None)
    width, height = WIDTH - LABEL_ROOM - 20, 280
    y = placement.LinearScale(*placement.nice_domain(data["share_pct"], zero=True), height, upward=True)
    y_scale = y.scale()
    base = alt.Chart(data).encode(
        x=YEAR_AXIS, color=colour,
        y=alt.Y("share_pct:Q", scale=y_scale, title="Share of the country's international works (%)"),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("partner_name:N", title="With"),
                 alt.Tooltip("year:O", title="Year"), alt.Tooltip("works:Q", title="Works", format=","),
                 alt.Tooltip("works_international:Q", title="Its international works", format=","),
                 alt.Tooltip("share_pct:Q", title="Share %", format=".1f")])
    labels = _label_layer(_end_labels(data, "share_pct", "series", y), "series", colour, y_scale)
    hollow = provisional_points(data, YEAR_AXIS, alt.Y("share_pct:Q", scale=y_scale), colour, provisional)
    return alt.layer(*break_bands(list(breaks)), base.mark_line(), base.mark_point(filled=True, size=30), labels,
                     *hollow).properties(width=width, height=height)


def partners_chart(top: pd.DataFrame, focus_codes: list[str], poles: list[str]) -> alt.VConcatChart:
    """Each focus country's leading partners in the latest year, share of its international works;
    the other focus country and the poles in colour."""
    roles = ["The other focus country", " or ".join(countries.name(p) for p in poles), "Other partners"]
    scale = alt.Scale(domain=roles, range=[PALETTE[0], PALETTE[1], MUTED])
    panels = []
    for code in focus_codes:
        rows = top[top["country"] == code]
        role = rows["partner"].map(lambda p: roles[0] if p in focus_codes else roles[1] if p in poles else roles[2])
        data = rows.assign(role=role)
        base = alt.Chart(data, title=f"{data['name'].iloc[0]}, {int(data['year'].iloc[0])}").encode(
            y=alt.Y("partner_name:N", sort=list(data["partner_name"]), title=None),
            x=alt.X("share_pct:Q", title="Share of its international works (%)",
                    scale=alt.Scale(domain=[0, float(top["share_pct"].max()) * 1.12])),
            tooltip=[alt.Tooltip("partner_name:N", title="Partner"), alt.Tooltip("rank:Q", title="Rank"),
                     alt.Tooltip("works:Q", title="Works", format=","),
                     alt.Tooltip("share_pct:Q", title="Share %", format=".1f")])
        bars = base.mark_bar().encode(color=alt.Color("role:N", scale=scale, title=None))
        text = base.mark_text(align="left", dx=4).encode(text=alt.Text("share_pct:Q", format=".1f"))
        panels.append(alt.layer(bars, text).properties(width=WIDTH - 150, height=alt.Step(18)))
    return alt.vconcat(*panels, spacing=24)
