"""Charts of the decoupling section. Every chart states the counting method in its
subtitle (`counting`, from `prose.decoupling.counting_note`), and is drawn for a frame
(charts.frames): on a phone, panels stack and titles and long labels wrap."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from briefing import countries
from briefing.charts import placement
from briefing.charts.frames import WIDE, Frame, axis_width, legend_labels, responsive, year_labels
from briefing.charts.groups import OTHER, country_colours, highlighted, label_scale
from briefing.charts.marks import BAND_COLOUR, provisional_points
from briefing.charts.textsize import text_width
from briefing.charts.theme import LABEL_GREY, LABEL_SIZE, MUTED, PALETTE, SMALL_SIZE, note_mark
from briefing.words import cap, the

SHARE_FORMAT = ".1f"
START_SIZE = SMALL_SIZE
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross"]
TITLE_SIZE = 14


def _title(text: str, counting: str, *more: str, within: Frame = WIDE) -> alt.Title:
    """The chart's title and its subtitle lines (the counting, and `more`), wrapped to the frame."""
    subtitle = []
    for line in [counting, *more]:
        wrapped = within.wrap(line, 12)
        subtitle += wrapped if isinstance(wrapped, list) else [wrapped]
    return alt.Title(within.wrap(text, TITLE_SIZE), subtitle=subtitle, subtitleColor=LABEL_GREY, subtitleFontSize=12)


def _end_labels(rows: pd.DataFrame, x: alt.X, y: str, y_px: placement.LinearScale, scale: alt.Scale) -> alt.Chart:
    """Each series' name beside its last point, pushed apart so names do not overlap."""
    placed = rows.assign(label_y=placement.end_label_positions(rows[y], y_px, LABEL_SIZE))
    return alt.Chart(placed).mark_text(align="left", dx=7, fontSize=LABEL_SIZE).encode(
        x=x, y=alt.Y("label_y:Q", scale=y_px.scale()), text="name:N",
        color=alt.Color("label_group:N", scale=label_scale(scale), legend=None))


def _map_labels(data: pd.DataFrame, x: placement.LinearScale, y: placement.LinearScale, scale: alt.Scale,
                taken: list[placement.Rect]) -> list[alt.Chart]:
    """Each country's name by its latest dot (a highlighted country's always, a grey one's where
    there is room: else its tooltip names it) and, for the highlighted countries, the first year by
    the hollow dot where there is room, clear of every trail, dot and label (charts.placement);
    `taken` is already in use."""
    at = {(r.country, r.point): (x.px(r.share_a_pct), y.px(r.share_b_pct)) for r in data.itertuples() if r.point}
    segments = [((x.px(a), y.px(b)), (x.px(c), y.px(d))) for (a, b), (c, d) in _trail_segments(data)]
    obstacles = placement.Obstacles([*segments, *_diagonal_px(x, y)],
                                    [placement.point_box(*xy, 5.5) for xy in at.values()] + taken)
    ends = data[data["point"] == "latest"]
    ends = pd.concat([ends[ends["group"] != OTHER], ends[ends["group"] == OTHER]])  # the highlighted first
    names = [box for required in (True, False) for box in placement.place_labels(
        [(*at[(c, "latest")], 5, n) for c, n, g in zip(ends["country"], ends["name"], ends["group"], strict=True)
         if (g != OTHER) == required], obstacles, x.length, y.length, LABEL_SIZE, required=required)]
    starts = data[(data["point"] == "start") & (data["group"] != OTHER)]
    years = placement.place_labels([(*at[(c, "start")], 4.5, str(int(v))) for c, v in zip(starts["country"],
                                                                                         starts["year"], strict=True)],
                                   obstacles, x.length, y.length, START_SIZE, required=False)
    named = _at_boxes(ends, names, x, y)
    dated = _at_boxes(starts, years, x, y)
    encode = {"x": alt.X("label_x:Q", scale=x.scale()), "y": alt.Y("label_y:Q", scale=y.scale())}
    return [alt.Chart(named).mark_text(align="left", baseline="middle", fontSize=LABEL_SIZE).encode(
                **encode, text="name:N", color=alt.Color("label_group:N", scale=label_scale(scale), legend=None)),
            alt.Chart(dated.assign(start_label=dated["year"].astype(int).astype(str))).mark_text(
                align="left", baseline="middle", fontSize=START_SIZE).encode(
                **encode, text="start_label:N", color=alt.Color("label_group:N", scale=label_scale(scale), legend=None))]


def _at_boxes(rows: pd.DataFrame, boxes: list, x: placement.LinearScale, y: placement.LinearScale) -> pd.DataFrame:
    """`rows` with `label_x` and `label_y` (data units) at the left middle of each box; the rows
    left without a box (no clear place for an optional label) dropped."""
    return rows.assign(label_x=[x.value(b.x0) if b else None for b in boxes],
                       label_y=[y.value((b.y0 + b.y1) / 2) if b else None for b in boxes]).dropna(subset=["label_x"])


def _trail_segments(data: pd.DataFrame) -> list:
    """Each country's path from year to year, in data units."""
    segments = []
    for _, rows in data.sort_values("year").groupby("country", sort=False):
        points = list(zip(rows["share_a_pct"], rows["share_b_pct"], strict=True))
        segments += list(zip(points, points[1:], strict=False))
    return segments


def _measure_encodings(measures: list[str], colours: list[str], columns: int, width: float) -> dict:
    """Colour and shape on `measure`, one merged legend below a plot `width` px wide, its labels
    never cut but wrapped to fit."""
    legend = alt.Legend(orient="bottom", columns=columns, labelLimit=0, title=None,
                        labelExpr=legend_labels(measures, width / columns - 30))
    return {"color": alt.Color("measure:N", sort=measures, scale=alt.Scale(domain=measures, range=colours),
                               legend=legend, title=None),
            "shape": alt.Shape("measure:N", sort=measures, scale=alt.Scale(domain=measures, range=SHAPES[: len(measures)]),
                               legend=legend, title=None)}


@responsive
def shares_chart(shares: pd.DataFrame, poles: list[str], counting: str, provisional=(), breaks=(), *,
                 within: Frame = WIDE) -> alt.FacetChart:
    """Share of each country's international works with each pole, per year: a small panel a
    country (four a row, two on a phone), a line a pole in its colour (charts.groups), on one
    scale so panels compare; hollow points in `provisional` years; a shaded band over each break
    `breaks` lists ((year, country code) pairs) in that country's panel."""
    labels = {p: cap(f"with {the(p)}") for p in poles}
    colours = country_colours([], poles)
    data = shares.assign(name=shares["country"].map(countries.name), measure=shares["pole"].map(labels),
                         break_year=shares["country"].map({code: int(year) for year, code in breaks}))
    years = sorted(data["year"].unique())
    columns = 2 if within.narrow else 4
    spacing = 16
    # Vega-Lite keeps a panel's axis room (ticks, their padding, the offset) in every column of the grid.
    width = int((within.plot_width(axis_width(["00"], title=False)) - (columns - 1) * (spacing + 13)) / columns)
    x_scale = alt.Scale(domain=[years[0], years[-1]])
    x_axis = alt.Axis(values=[years[0], years[-1]], format="d", labelAngle=0, grid=False, labelFlush=True)
    x = alt.X("year:Q", title=None, scale=x_scale, axis=x_axis)
    base = alt.Chart().encode(
        x=x, y=alt.Y("share_pct:Q", title=None, axis=alt.Axis(tickCount=4)),
        color=alt.Color("measure:N", sort=list(labels.values()),
                        scale=alt.Scale(domain=list(labels.values()), range=[colours[p] for p in poles]),
                        legend=alt.Legend(orient="bottom", direction="horizontal", labelLimit=0, title=None)),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("measure:N", title="Co-author"),
                 alt.Tooltip("year:O", title="Year"), alt.Tooltip("share_pct:Q", title="%", format=SHARE_FORMAT),
                 alt.Tooltip("works:Q", title="Co-authored works", format=",")])
    hollow = [base.transform_filter(alt.FieldOneOfPredicate(field="year", oneOf=[int(y) for y in provisional]))
              .mark_point(size=30, filled=False, fill="white", fillOpacity=1, strokeWidth=1.5, opacity=1)] \
        if provisional else []
    layers = alt.layer(*_panel_breaks(breaks, x_scale, x_axis), base.mark_line(), base.mark_point(size=16, filled=True),
                       *hollow, data=data)
    return layers.properties(width=width, height=90).facet(
        facet=alt.Facet("name:N", sort=list(dict.fromkeys(data["name"])), title=None,
                        header=alt.Header(labelFontSize=12, labelAnchor="start", labelPadding=2)),
        columns=columns, spacing={"row": 14, "column": spacing},
    ).properties(title=_title("Share of each country's international works co-authored with each pole (%)",
                              counting, within=within))


def _panel_breaks(breaks, scale: alt.Scale, axis: alt.Axis) -> list[alt.Chart]:
    """A light band from the year before a break to its year, in the panel of the country whose
    series it is in (`break_year` of its rows: `breaks` lists (year, country code)); on the panels'
    own year `scale` and `axis`, so the layers draw one axis."""
    if not breaks:
        return []
    return [alt.Chart().transform_filter("isValid(datum.break_year)").transform_aggregate(
        groupby=["break_year"]).transform_calculate(break_before="datum.break_year - 1").mark_rect(
        color=BAND_COLOUR, opacity=0.25).encode(x=alt.X("break_before:Q", title=None, scale=scale, axis=axis),
                                                 x2="break_year:Q")]


def _zoom(values: pd.Series, step: float = 5) -> list[float]:
    """An axis domain around `values`, on multiples of `step`, never below zero."""
    low, high = float(values.min()), float(values.max())
    return [max(0.0, step * math.floor(low / step - 0.5)), step * math.ceil(high / step + 0.5)]


def _map_domains(data: pd.DataFrame, width: float, tallest: float) -> tuple[list[float], list[float], float]:
    """Domains for the map's two axes, each zoomed on its own shares but drawn at the same pixels
    per percentage point (so the line of equal shares keeps 45 degrees), and the plot's height:
    between 0.6 and `tallest` times its width, the shorter axis's domain widened to fill it."""
    x, y = _zoom(data["share_a_pct"]), _zoom(data["share_b_pct"])
    span_x, span_y = x[1] - x[0], y[1] - y[0]
    height = min(max(span_y * width / span_x, 0.6 * width), tallest * width)
    per_point = min(width / span_x, height / span_y)
    x = _widen(x, width / per_point)
    y = _widen(y, height / per_point)
    return x, y, height


def _widen(domain: list[float], span: float) -> list[float]:
    """`domain` widened about its middle to `span`, kept at or above zero."""
    extra = span - (domain[1] - domain[0])
    low = max(0.0, domain[0] - extra / 2)
    return [low, low + span]


def _diagonal_px(x: placement.LinearScale, y: placement.LinearScale) -> list:
    """The line of equal shares within the plot, in pixels (none when it misses the plot)."""
    low, high = max(x.low, y.low), min(x.high, y.high)
    return [((x.px(low), y.px(low)), (x.px(high), y.px(high)))] if low < high else []


@responsive
def exposure_map(paths: pd.DataFrame, highlight: list[str], counting: str, *, within: Frame = WIDE) -> alt.LayerChart:
    """Share with pole A (x) against share with pole B (y): each country's path from its first
    year (hollow) to its latest (filled, labelled), and the line of equal shares."""
    pole_a, pole_b = paths["pole_a"].iloc[0], paths["pole_b"].iloc[0]
    data, scale = highlighted(paths, highlight)
    data = data.assign(label_group=data["group"])
    width = within.plot_width(axis_width(["00"]))
    # Taller than wide on a phone; on a wide screen and in print, no taller than 0.7 of its width.
    x_domain, y_domain, height = _map_domains(data, width, 1.25 if within.narrow else 0.7)
    x_px, y_px = placement.LinearScale(*x_domain, width), placement.LinearScale(*y_domain, height, upward=True)
    tooltip = [alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("share_a_pct:Q", title=f"With {countries.name(pole_a)} %", format=SHARE_FORMAT),
               alt.Tooltip("share_b_pct:Q", title=f"With {countries.name(pole_b)} %", format=SHARE_FORMAT)]
    base = alt.Chart(data).encode(
        x=alt.X("share_a_pct:Q", title=within.wrap(f"% of international works with {the(pole_a)}", 12, width),
                scale=x_px.scale()),
        y=alt.Y("share_b_pct:Q", title=f"% of international works with {the(pole_b)}", scale=y_px.scale()),
        color=alt.Color("group:N", scale=scale, title=None, legend=None), detail="country:N", tooltip=tooltip)
    trail = base.mark_line(strokeWidth=1.5, opacity=0.7).encode(order="year:O")
    start = base.transform_filter("datum.point == 'start'").mark_point(filled=False, size=45, strokeWidth=1.5)
    latest = base.transform_filter("datum.point == 'latest'").mark_point(filled=True, size=75, opacity=1)
    labels = _map_labels(data, x_px, y_px, scale, taken=[])
    years = f"Hollow dot: {int(data['year'].min())}; filled dot: {int(data['year'].max())}."
    return alt.layer(*_equal_shares(x_px, y_px), trail, start, latest, *labels).resolve_scale(
        color="independent").properties(width=width, height=height,
                                        title=_title(f"Exposure to {the(pole_a)} and {the(pole_b)}", counting, years,
                                                     within=within))


def _equal_shares(x: placement.LinearScale, y: placement.LinearScale) -> list[alt.Chart]:
    """The dashed line of equal shares across the plot, named at its upper end; none when it
    misses the plot."""
    low, high = max(x.low, y.low), min(x.high, y.high)
    if low >= high:
        return []
    diagonal = pd.DataFrame({"x": [low, high], "y": [low, high]})
    encode = {"x": alt.X("x:Q", scale=x.scale()), "y": alt.Y("y:Q", scale=y.scale())}
    line = alt.Chart(diagonal).mark_line(strokeDash=[4, 4], color=LABEL_GREY, strokeWidth=1).encode(**encode)
    note = alt.Chart(diagonal.tail(1).assign(text="equal shares")).mark_text(
        align="right", baseline="bottom", dx=-4, dy=-4, color=LABEL_GREY, fontStyle="italic").encode(
        **encode, text="text:N")
    return [line, note]


@responsive
def pole_pair_chart(pair: pd.DataFrame, counting: str, events: pd.DataFrame | None = None,
                    provisional=(), *, within: Frame = WIDE) -> alt.ConcatChart:
    """Works co-authored by the two poles per year, with policy events marked when given; and
    that pair as a share of each pole's international works, each line labelled with its pole in
    its colour (charts.groups). Side by side, stacked on a phone. A `provisional` year's bar is
    lighter and its points hollow."""
    pole_a, pole_b = pair["pole_a"].iloc[0], pair["pole_b"].iloc[0]
    long = pd.concat([pair.assign(country=pole_b, share_pct=pair["share_b_pct"]),
                      pair.assign(country=pole_a, share_pct=pair["share_a_pct"])], ignore_index=True)
    long = long.assign(name=long["country"].map(countries.name))[["year", "country", "name", "share_pct", "works"]]
    label_room = max(text_width(n, LABEL_SIZE) for n in long["name"]) + 12
    works_axis, share_axis, spacing = axis_width(["80,000"]), axis_width(["40"]), 36
    if within.narrow:
        works_width = within.plot_width(works_axis)
        share_width = within.plot_width(share_axis, label_room)
    else:
        room = within.width - 2 * 5 - works_axis - share_axis - label_room - spacing
        works_width = share_width = int(room / 2)
    works = _pole_works(pair, events, provisional, works_width)
    shares = _pole_shares(long, pole_a, pole_b, provisional, share_width)
    title = _title(f"Co-authorship between {the(pole_a)} and {the(pole_b)}", counting, within=within)
    if within.narrow:
        return alt.vconcat(works, shares, spacing=24).properties(title=title)
    return alt.hconcat(works, shares, spacing=spacing).properties(title=title)


def _pole_works(pair: pd.DataFrame, events, provisional, width: int) -> alt.LayerChart:
    years = sorted(pair["year"].unique())
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, values=year_labels(years, width)))
    works = alt.Chart(pair.assign(provisional=pair["year"].isin(list(provisional)))).mark_bar(color=PALETTE[0]).encode(
        opacity=alt.condition("datum.provisional", alt.value(0.45), alt.value(1.0)), x=x,
        y=alt.Y("works:Q", title="Co-authored works", axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("works:Q", title="Works", format=",")],
    )
    marks = placement.event_marks(events, years, width, 230)
    return alt.layer(works, *marks).properties(width=width, height=230,
                                               title=alt.Title("Works co-authored by the two", fontSize=13))


def _pole_shares(long: pd.DataFrame, pole_a: str, pole_b: str, provisional, width: int) -> alt.LayerChart:
    colours = country_colours([], [pole_a, pole_b])
    scale = alt.Scale(domain=[countries.name(pole_b), countries.name(pole_a)], range=[colours[pole_b], colours[pole_a]])
    years = sorted(long["year"].unique())
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, values=year_labels(years, width)))
    y_px = placement.LinearScale(*placement.nice_domain(long["share_pct"], zero=True), 230, upward=True)
    base = alt.Chart(long).encode(
        x=x, y=alt.Y("share_pct:Q", title="% of the pole's international works", scale=y_px.scale()),
        color=alt.Color("name:N", scale=scale, legend=None),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("name:N", title="Share of the works of"),
                 alt.Tooltip("share_pct:Q", title="%", format=SHARE_FORMAT)])
    last = long.sort_values("year").groupby("country").tail(1).assign(label_group=lambda f: f["name"])
    labels = _end_labels(last, x, "share_pct", y_px, scale)
    hollow = provisional_points(long, x, alt.Y("share_pct:Q", scale=y_px.scale()),
                                alt.Color("name:N", scale=scale, legend=None), provisional)
    return alt.layer(base.mark_line(), base.mark_point(size=30, filled=True), labels, *hollow).properties(
        width=width, height=230, title=alt.Title("As a share of each one's international works", fontSize=13))


@responsive
def field_chart(compare: pd.DataFrame, poles: list[str], counting: str, *, within: Frame = WIDE) -> alt.FacetChart:
    """Shares with each pole in AI (summed over the period) beside all fields in the period's
    first and last years, same source: a row a country, a panel a pole (stacked on a phone). A note
    when the window holds no AI period (the chapter leaves the section out)."""
    if compare[compare["field"] != "all"].empty:
        return note_mark("No period of the source's AI table in this edition's window").properties(
            width=within.plot_width(0), height=40)
    data = compare.assign(name=compare["country"].map(countries.name), measure=_measure_labels(compare),
                          panel=compare["pole"].map(lambda p: cap(f"with {the(p)}")))
    ordered = data.sort_values(["field", "period"]).drop_duplicates("measure")
    measures = list(ordered["measure"])
    names = axis_width(data["name"], title=False)
    spacing = 20
    width = within.plot_width(names) if within.narrow else int((within.plot_width(names) - names - spacing) / 2)
    base = alt.Chart().encode(
        y=alt.Y("name:N", sort=list(dict.fromkeys(data["name"])), title=None),
        x=alt.X("share_pct:Q", title=within.wrap("% of international articles with the pole", 12, width),
                axis=alt.Axis(tickCount=5)),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("panel:N", title="Pole"),
                 alt.Tooltip("measure:N", title="Articles"), alt.Tooltip("share_pct:Q", title="%", format=SHARE_FORMAT)])
    rule = base.mark_rule(color=MUTED).encode(x="min(share_pct):Q", x2="max(share_pct):Q")
    dots = base.mark_point(filled=True, size=70, opacity=1).encode(
        **_measure_encodings(measures, _measure_colours(ordered["field"]), 1 if within.narrow else len(measures),
                             width if within.narrow else 2 * width))
    panels = [cap(f"with {the(p)}") for p in poles]
    header = alt.Header(labelFontSize=13, labelAnchor="start", labelAngle=0, labelOrient="top")
    facet = alt.Row("panel:N", sort=panels, title=None, header=header) if within.narrow else \
        alt.Column("panel:N", sort=panels, title=None, header=header)
    layered = alt.layer(rule, dots, data=data).properties(width=width, height=alt.Step(22))
    faceted = layered.facet(row=facet, spacing=spacing) if within.narrow else layered.facet(column=facet, spacing=spacing)
    return faceted.properties(title=_title("Artificial intelligence beside all fields, same source", counting,
                                           within=within))


def _measure_colours(fields: pd.Series) -> list[str]:
    """All-fields years in grey then blue (earliest first), the summed field in vermillion."""
    all_fields = int((fields == "all").sum())
    greys = [LABEL_GREY] * max(all_fields - 1, 0) + [PALETTE[0]] * min(all_fields, 1)
    return greys + PALETTE[1:][: len(fields) - all_fields]


def _measure_labels(compare: pd.DataFrame) -> pd.Series:
    field = compare["field"].map({"all": "All fields", "artificial_intelligence": "AI"}).fillna(compare["field"])
    summed = compare["period"].str.contains("-")
    return field + ", " + compare["period"].str.replace("-", "–") + summed.map({True: " (summed)", False: ""})


@responsive
def scenario_chart(frame: pd.DataFrame, measures: dict[str, str], reference: tuple[float, str] | None,
                   counting: str, *, within: Frame = WIDE) -> alt.LayerChart:
    """At the largest cut: what each country would lose, one row a country and pole, one dot
    a measure (`measures`: column -> legend label), most exposed first; an optional
    reference rule (value, label), e.g. a published estimate. On a phone a row's name takes two
    lines (the country, then the pole)."""
    cut = int(frame["cut_pct"].max())
    rows = frame[frame["cut_pct"] == cut]
    rows = rows.assign(row=rows["country"].map(countries.name) + ", with " + rows["pole"].map(countries.name))
    long = rows.melt(id_vars=["row", "country", "pole"], value_vars=list(measures), var_name="measure_id",
                     value_name="loss_pct").dropna(subset=["loss_pct"])
    long["measure"] = long["measure_id"].map(measures)
    order = list(rows.assign(_max=rows[list(measures)].max(axis=1)).sort_values("_max", ascending=False)["row"])
    labels = list(measures.values())
    names = [part for row in order for part in row.split(", ")] if within.narrow else order
    width = within.plot_width(axis_width(names, title=False))
    axis = alt.Axis(labelLimit=0, labelExpr="split(datum.label, ', ')") if within.narrow else alt.Axis(labelLimit=0)
    base = alt.Chart(long).encode(
        y=alt.Y("row:N", sort=order, title=None, axis=axis),
        x=alt.X("loss_pct:Q", title=within.wrap(f"% lost if co-authorship with the pole fell by {cut}%", 12, width)),
        tooltip=[alt.Tooltip("row:N", title="Country"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("loss_pct:Q", title="% lost", format=SHARE_FORMAT)])
    layers = [base.mark_rule(color=MUTED).encode(x="min(loss_pct):Q", x2="max(loss_pct):Q"),
              base.mark_point(filled=True, size=60, opacity=1).encode(
                  **_measure_encodings(labels, PALETTE[: len(labels)], 1, width))]
    if reference is not None:
        ref = alt.Chart(pd.DataFrame({"loss_pct": [reference[0]], "text": [reference[1]]}))
        layers.append(ref.mark_rule(strokeDash=[5, 4], color=LABEL_GREY).encode(x="loss_pct:Q"))
        layers.append(ref.mark_text(align="left", dx=4, baseline="bottom", color=LABEL_GREY).encode(
            x="loss_pct:Q", y=alt.value(-4), text="text:N"))
    return alt.layer(*layers).properties(
        width=width, height=alt.Step(34 if within.narrow else 20),
        title=_title("What a cut in co-authorship with a pole would remove", counting, " ", within=within))


@responsive
def rate_chart(rates: pd.DataFrame, highlight: list[str], counting: str, *, within: Frame = WIDE) -> alt.LayerChart:
    """Share of each country's articles that are internationally co-authored: a row a
    country, most international first; a hollow dot for the first year, a filled one for the
    latest, joined by a rule; the focus countries and the poles in their colours. A note where the
    source has no totals in the window (the chapter leaves the section out: `prose.decoupling.rate_summary`)."""
    if rates.empty:
        return note_mark("No article totals for this edition's countries in its window").properties(
            width=within.plot_width(0), height=40)
    first, last = int(rates["year"].min()), int(rates["year"].max())
    ends = rates[rates["year"].isin([first, last])]
    data, scale = highlighted(ends, highlight)
    order = list(data[data["year"] == last].sort_values("rate_pct", ascending=False)["name"])
    data = data.assign(point=data["year"].map({first: f"{first}", last: f"{last}"}))
    width = within.plot_width(axis_width(data["name"], title=False))
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", sort=order, title=None),
        x=alt.X("rate_pct:Q", title=within.wrap("% of the country's articles with a co-author abroad", 12, width),
                scale=alt.Scale(zero=True), axis=alt.Axis(tickCount=5 if within.narrow else 10)),
        color=alt.Color("group:N", scale=scale, legend=None),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("rate_pct:Q", title="%", format=SHARE_FORMAT),
                 alt.Tooltip("works_international:Q", title="International articles", format=","),
                 alt.Tooltip("works_total:Q", title="All articles", format=",")])
    rule = base.mark_rule(strokeWidth=1.5).encode(x="min(rate_pct):Q", x2="max(rate_pct):Q", detail="name:N")
    hollow = base.transform_filter(f"datum.year == {first}").mark_point(filled=False, size=60, strokeWidth=1.5)
    filled = base.transform_filter(f"datum.year == {last}").mark_point(filled=True, size=80, opacity=1)
    top = rates.loc[rates.groupby("country")["rate_pct"].idxmax()]
    top = top[~top["year"].isin([first, last])]
    layers = [rule, hollow, filled]
    if len(top):  # a highest year inside the window, which a message may name, is drawn too
        peaks, _ = highlighted(top, highlight)
        layers.append(alt.Chart(peaks).mark_tick(thickness=2, size=14).encode(
            y=alt.Y("name:N", sort=order, title=None), x="rate_pct:Q", color=alt.Color("group:N", scale=scale, legend=None),
            tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:O", title="Highest in"),
                     alt.Tooltip("rate_pct:Q", title="%", format=SHARE_FORMAT)]))
    marks = f"Hollow dot: {first}; filled dot: {last}" + ("; bar: a country's highest year between them." if len(top) else ".")
    return alt.layer(*layers).properties(
        width=width, height=alt.Step(20),
        title=_title("International co-authorship rate", counting, marks, within=within))
