"""Charts of the partnership section: the pair over time, its rank among the region's pairs (a
bump chart), its weight for each partner, and each partner's leading partners. Each is drawn for
a frame (charts.frames): on a phone, lines named by a legend instead of labels at their ends."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing.charts import placement
from briefing.charts.frames import WIDE, Frame, axis_width, legend_labels, responsive, year_labels
from briefing.charts.groups import OTHER, colour_scale, country_colours, label_scale
from briefing.charts.marks import break_bands, provisional_points
from briefing.charts.textsize import text_width
from briefing.charts.theme import LABEL_SIZE, MUTED, PALETTE
from briefing.metrics.partnership import pair_name

LABEL_DX = 8  # px between a line's last point and its label
OTHER_PAIRS = "Other leading pairs"


def year_ticks(years, width: float) -> alt.Axis:
    """A year axis `width` px long, as many years labelled as fit."""
    return alt.Axis(labelAngle=0, values=year_labels(years, width))


def year_axis(years, width: float) -> alt.X:
    """Years as points along `width` px, as many labelled as fit."""
    return alt.X("year:O", title=None, axis=year_ticks(years, width))


def label_room(names) -> float:
    """Px right of a plot for labels at the ends of its lines."""
    return max(text_width(str(n), LABEL_SIZE) for n in names) + LABEL_DX + 4


def _label_layer(last: pd.DataFrame, text: str, color: alt.Color, x: alt.X, y_scale: alt.Scale) -> alt.Chart:
    return alt.Chart(last).mark_text(align="left", dx=LABEL_DX, fontSize=LABEL_SIZE).encode(
        x=x, y=alt.Y("label_y:Q", scale=y_scale), text=f"{text}:N", color=color)


def _widths(is_focus: pd.Series) -> pd.Series:
    """Line width in pixels: the focus pair stands out."""
    return is_focus.map({True: 3.5, False: 1.6})


def _series_colours(names: list[str]) -> alt.Scale:
    """First name (the focus) in the first hue; the rest in the following ones."""
    return alt.Scale(domain=names, range=(PALETTE * 2)[: len(names)])


def _legend(names, width: float) -> alt.Legend:
    """Lines named below a plot `width` px wide, one a row (on a phone, instead of labels at their ends)."""
    return alt.Legend(orient="bottom", direction="vertical", columns=1, title=None, symbolType="stroke",
                      symbolStrokeWidth=3, labelLimit=0, labelExpr=legend_labels(names, width - 30))


def _named_lines(data: pd.DataFrame, y: str, names: str, colour: alt.Color, x: alt.X,
                 scale: placement.LinearScale, within: Frame) -> list[alt.Chart]:
    """Labels at the lines' last points, pushed apart no more than they must (charts.placement);
    none on a phone, where the legend names the lines."""
    if within.narrow:
        return []
    return [_label_layer(placement.end_labels(data, y, names, scale, LABEL_SIZE), names, colour, x, scale.scale())]


@responsive
def trend_chart(series: pd.DataFrame, events: pd.DataFrame | None = None, provisional=(), *,
                within: Frame = WIDE) -> alt.LayerChart:
    """Works per year of each pair, indexed to the window start; the focus pair drawn first
    and thicker; policy events marked when given; hollow points in `provisional` years."""
    names = list(dict.fromkeys(series["pair_name"]))
    data = series.dropna(subset=["index_start_100"])
    data = data.assign(line_width=_widths(data["pair_name"] == names[0]))
    right = 0 if within.narrow else label_room(names)
    width, height = within.plot_width(axis_width(["000"]), right), 340 if within.narrow else 320
    colour = alt.Color("pair_name:N", scale=_series_colours(names),
                       legend=_legend(names, width) if within.narrow else None)
    years = sorted(data["year"].unique())
    x = year_axis(years, width)
    y = placement.LinearScale(*placement.nice_domain(data["index_start_100"]), height, upward=True)
    y_scale = y.scale()
    base = alt.Chart(data).encode(
        x=x, color=colour,
        y=alt.Y("index_start_100:Q", scale=y_scale, title=f"Co-authored works, {int(data['year'].min())} = 100"),
        tooltip=[alt.Tooltip("pair_name:N", title="Pair"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("works:Q", title="Works", format=","),
                 alt.Tooltip("index_start_100:Q", title="Index", format=".0f")])
    lines = base.mark_line().encode(strokeWidth=alt.StrokeWidth("line_width:Q", scale=None))
    points = base.mark_point(filled=True, size=30)
    labels = _named_lines(data, "index_start_100", "pair_name",
                          alt.Color("pair_name:N", scale=_series_colours(names), legend=None), x, y, within)
    marks = placement.event_marks(events, years, width, height)
    hollow = provisional_points(data, x, alt.Y("index_start_100:Q", scale=y_scale), colour, provisional)
    return alt.layer(lines, points, *labels, *marks, *hollow).properties(width=width, height=height)


@responsive
def rank_chart(shown: pd.DataFrame, seeds: pd.DataFrame, seed_label: str, *, within: Frame = WIDE) -> alt.LayerChart:
    """Bump chart: rank (1 at the top) of the leading pairs and the focus pair each year; the
    published ranks of the focus pair as hollow diamonds, labelled as a different measure."""
    measure = "Rank by co-authored works (this briefing)"
    data = shown.assign(group=shown["pair_name"].where(shown["is_focus"], OTHER_PAIRS), measure=measure,
                        line_width=_widths(shown["is_focus"]))
    focus_name = data.loc[data["is_focus"], "pair_name"].iloc[0]
    scale = alt.Scale(domain=[focus_name, OTHER_PAIRS], range=[PALETTE[0], MUTED])
    colour = alt.Color("group:N", legend=None, scale=scale)
    lowest = int(max([data["rank"].max(), *seeds["seed_rank"]]))
    room = label_room(data["pair_name"])
    width, height = within.plot_width(axis_width(["00"]), room), int(min(460, max(260, 17 * lowest)))
    # The legend names the published ranks only where the chart draws some.
    measures, marks = ([measure, seed_label], ["circle", "diamond"]) if len(seeds) else ([measure], ["circle"])
    shape = alt.Shape("measure:N", title=None, scale=alt.Scale(domain=measures, range=marks),
                      legend=alt.Legend(orient="bottom", direction="vertical", columns=1, labelLimit=0,
                                        labelExpr=legend_labels(measures, width + room - 30),
                                        symbolFillColor="white", symbolStrokeColor="#000000",
                                        symbolStrokeWidth=1.5))
    years = sorted(data["year"].unique())
    x = year_axis(years, width)
    y_px = placement.LinearScale(1, lowest, height)
    y_scale = y_px.scale(reverse=True)
    y = alt.Y("rank:Q", scale=y_scale, title="Rank among the region's pairs (1 = most works)",
              axis=alt.Axis(tickMinStep=1, format="d"))
    tooltip = [alt.Tooltip("pair_name:N", title="Pair"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("rank:Q", title="Rank"), alt.Tooltip("works:Q", title="Works", format=",")]
    base = alt.Chart(data).encode(x=x, y=y, color=colour, detail="pair:N", tooltip=tooltip)
    lines = base.mark_line().encode(strokeWidth=alt.StrokeWidth("line_width:Q", scale=None))
    points = base.mark_point(filled=True, size=45).encode(shape=shape)
    label_colour = alt.Color("group:N", legend=None, scale=label_scale(scale))
    ends = placement.end_labels(data, "rank", "pair_name", y_px, LABEL_SIZE)
    labels = _label_layer(ends, "pair_name", label_colour, x, y_scale)
    x_px = placement.point_positions(years, width)
    taken = placement.series_obstacles(data, "year", "rank", "pair", x_px.get, y_px.px, radius=4)
    taken.boxes += placement.label_boxes(ends, x_px.get, y_px.px, "pair_name", LABEL_SIZE, dx=LABEL_DX)
    layers = [lines, points, labels, *_seed_marks(seeds, seed_label, shape, x, y_scale,
                                                  (x_px, y_px, taken, width + room))]
    return alt.layer(*layers).resolve_scale(color="independent").properties(width=width, height=height)


def _seed_marks(seeds: pd.DataFrame, measure: str, shape: alt.Shape, x: alt.X, y_scale: alt.Scale,
                plot) -> list[alt.Chart]:
    """The published ranks: hollow diamonds joined by a dashed line, one haloed label by the
    last, set where it covers no line, point or label, if there is such a place (`plot`: x and y
    pixels, what is taken, the width there is)."""
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
    box = placement.place_labels([anchor], taken, room, y_px.length, LABEL_SIZE, required=False, bold=True)[0]
    base = alt.Chart(data).encode(x=x, y=alt.Y("seed_rank:Q", scale=y_scale),
                                  tooltip=[alt.Tooltip("seed_label:N", title="Published"),
                                           alt.Tooltip("year:O", title="Year")])
    path = base.mark_line(color="#000000", strokeDash=[4, 3], strokeWidth=1.5)
    diamonds = base.mark_point(filled=False, fill="white", fillOpacity=1, stroke="#000000", size=170,
                               strokeWidth=2, opacity=1).encode(shape=shape)
    if box is None:  # no clear place (a phone's narrow plot): the legend names the diamonds
        return [path, diamonds]
    last = alt.Chart(data.sort_values("year").tail(1).assign(label_y=y_px.value(box.y0))).encode(
        x=x, y=alt.Y("label_y:Q", scale=y_scale), text=alt.value(text.split("\n")))
    style = {"align": "left", "baseline": "top", "dx": box.x0 - anchor[0], "fontSize": LABEL_SIZE,
             "fontWeight": "bold"}
    halo = last.mark_text(**style, stroke="white", strokeWidth=4)
    label = last.mark_text(**style, color="#000000")
    return [path, diamonds, halo, label]


@responsive
def share_chart(shares: pd.DataFrame, provisional=(), breaks=(), *, within: Frame = WIDE) -> alt.LayerChart:
    """Share of each focus country's international works that have the other, per year, a line a
    country in its colour (charts.groups); hollow points in `provisional` years, a shaded band over
    each break [(year, label)] in a series."""
    data = shares.assign(series=shares["name"] + "'s works with " + shares["partner_name"])
    names = list(dict.fromkeys(data["series"]))
    colours = country_colours(list(dict.fromkeys(data["country"])))
    by_series = dict(zip(data["series"], data["country"], strict=False))
    scale = alt.Scale(domain=names, range=[colours[by_series[n]] for n in names])
    right = 0 if within.narrow else label_room(names)
    width, height = within.plot_width(axis_width(["00"]), right), 300 if within.narrow else 280
    colour = alt.Color("series:N", scale=scale, legend=_legend(names, width) if within.narrow else None)
    years = sorted(data["year"].unique())
    x = year_axis(years, width)
    y = placement.LinearScale(*placement.nice_domain(data["share_pct"], zero=True), height, upward=True)
    y_scale = y.scale()
    base = alt.Chart(data).encode(
        x=x, color=colour,
        y=alt.Y("share_pct:Q", scale=y_scale, title="Share of the country's international works (%)"),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("partner_name:N", title="With"),
                 alt.Tooltip("year:O", title="Year"), alt.Tooltip("works:Q", title="Works", format=","),
                 alt.Tooltip("works_international:Q", title="Its international works", format=","),
                 alt.Tooltip("share_pct:Q", title="Share %", format=".1f")])
    labels = _named_lines(data, "share_pct", "series", alt.Color("series:N", scale=scale, legend=None), x, y, within)
    hollow = provisional_points(data, x, alt.Y("share_pct:Q", scale=y_scale), colour, provisional)
    bands = break_bands(list(breaks), axis=year_ticks(years, width))
    return alt.layer(*bands, base.mark_line(), base.mark_point(filled=True, size=30), *labels,
                     *hollow).properties(width=width, height=height)


@responsive
def partners_chart(top: pd.DataFrame, focus_codes: list[str], poles: list[str], *,
                   within: Frame = WIDE) -> alt.VConcatChart:
    """Each focus country's leading partners in the latest year, share of its international works;
    the other focus country and the poles in their colours (charts.groups), the rest grey."""
    colours = country_colours(focus_codes, poles)
    scale = colour_scale(colours, set(top["partner"]), other=True)
    room = axis_width(top["partner_name"], title=False)
    value_room = text_width("00.0", LABEL_SIZE) + 8
    panels = []
    for code in focus_codes:
        rows = top[top["country"] == code]
        group = rows["partner_name"].where(rows["partner"].isin(list(colours)), OTHER)
        data = rows.assign(group=group)
        base = alt.Chart(data, title=f"{data['name'].iloc[0]}, {int(data['year'].iloc[0])}").encode(
            y=alt.Y("partner_name:N", sort=list(data["partner_name"]), title=None),
            x=alt.X("share_pct:Q", title=within.wrap("Share of its international works (%)", 12),
                    scale=alt.Scale(domain=[0, float(top["share_pct"].max())], nice=False),
                    axis=alt.Axis(tickCount=4 if within.narrow else 8)),
            tooltip=[alt.Tooltip("partner_name:N", title="Partner"), alt.Tooltip("rank:Q", title="Rank"),
                     alt.Tooltip("works:Q", title="Works", format=","),
                     alt.Tooltip("share_pct:Q", title="Share %", format=".1f")])
        bars = base.mark_bar().encode(color=alt.Color("group:N", scale=scale, legend=None))
        text = base.mark_text(align="left", dx=4, fontSize=LABEL_SIZE).encode(text=alt.Text("share_pct:Q", format=".1f"))
        panels.append(alt.layer(bars, text).properties(width=within.plot_width(room, value_room),
                                                       height=alt.Step(18)))
    return alt.vconcat(*panels, spacing=24)

