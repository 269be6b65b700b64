"""Charts of the decoupling section. Every chart states the counting method in its
subtitle (`counting`, from `prose.decoupling.counting_note`)."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from briefing import countries
from briefing.charts import placement
from briefing.charts.groups import OTHER, highlighted, label_scale
from briefing.charts.marks import provisional_points
from briefing.charts.theme import LABEL_GREY, LABEL_SIZE, MUTED, PALETTE, WIDTH
from briefing.words import cap, the

SHARE_FORMAT = ".1f"
START_SIZE = 10
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross"]


def _title(text: str, counting: str, *more: str) -> alt.Title:
    return alt.Title(text, subtitle=[counting, *more], subtitleColor=LABEL_GREY, subtitleFontSize=12)


def _end_labels(rows: pd.DataFrame, x: str, y: str, y_px: placement.LinearScale, scale: alt.Scale) -> alt.Chart:
    """Each series' name beside its last point, pushed apart so names do not overlap."""
    placed = rows.assign(label_y=placement.end_label_positions(rows[y], y_px, LABEL_SIZE))
    return alt.Chart(placed).mark_text(align="left", dx=7, fontSize=LABEL_SIZE).encode(
        x=x, y=alt.Y("label_y:Q", scale=y_px.scale()), text="name:N",
        color=alt.Color("label_group:N", scale=label_scale(scale), legend=None))


def _map_labels(data: pd.DataFrame, x: placement.LinearScale, y: placement.LinearScale, scale: alt.Scale,
                taken: list[placement.Rect]) -> list[alt.Chart]:
    """Each country's name by its latest dot and, for the highlighted countries, the first year by
    the hollow dot where there is room, clear of every trail, dot and label (charts.placement);
    `taken` is already in use."""
    at = {(r.country, r.point): (x.px(r.share_a_pct), y.px(r.share_b_pct)) for r in data.itertuples() if r.point}
    segments = [((x.px(a), y.px(b)), (x.px(c), y.px(d))) for (a, b), (c, d) in _trail_segments(data)]
    diagonal = ((x.px(x.low), y.px(y.low)), (x.px(x.high), y.px(y.high)))
    obstacles = placement.Obstacles([*segments, diagonal], [placement.point_box(*xy, 5.5) for xy in at.values()]
                                    + taken)
    ends = data[data["point"] == "latest"]
    names = placement.place_labels([(*at[(c, "latest")], 5, n) for c, n in zip(ends["country"], ends["name"],
                                                                                  strict=True)],
                                   obstacles, x.length, y.length, LABEL_SIZE)
    starts = data[(data["point"] == "start") & (data["group"] != OTHER)]
    years = placement.place_labels([(*at[(c, "start")], 4.5, str(int(v))) for c, v in zip(starts["country"],
                                                                                         starts["year"], strict=True)],
                                   obstacles, x.length, y.length, START_SIZE, required=False)
    named = ends.assign(label_x=[x.value(b.x0) for b in names], label_y=[y.value((b.y0 + b.y1) / 2) for b in names])
    dated = starts.assign(label_x=[x.value(b.x0) if b else None for b in years],
                          label_y=[y.value((b.y0 + b.y1) / 2) if b else None for b in years]).dropna(subset=["label_x"])
    encode = {"x": alt.X("label_x:Q", scale=x.scale()), "y": alt.Y("label_y:Q", scale=y.scale())}
    return [alt.Chart(named).mark_text(align="left", baseline="middle", fontSize=LABEL_SIZE).encode(
                **encode, text="name:N", color=alt.Color("label_group:N", scale=label_scale(scale), legend=None)),
            alt.Chart(dated.assign(start_label=dated["year"].astype(int).astype(str))).mark_text(
                align="left", baseline="middle", fontSize=START_SIZE).encode(
                **encode, text="start_label:N", color=alt.Color("label_group:N", scale=label_scale(scale), legend=None))]


def _trail_segments(data: pd.DataFrame) -> list:
    """Each country's path from year to year, in data units."""
    segments = []
    for _, rows in data.sort_values("year").groupby("country", sort=False):
        points = list(zip(rows["share_a_pct"], rows["share_b_pct"], strict=True))
        segments += list(zip(points, points[1:], strict=False))
    return segments


def _measure_encodings(measures: list[str], colours: list[str], columns: int) -> dict:
    """Colour and shape on `measure`, one merged legend, labels never cut."""
    legend = alt.Legend(orient="bottom", columns=columns, labelLimit=0, title=None)
    return {"color": alt.Color("measure:N", sort=measures, scale=alt.Scale(domain=measures, range=colours),
                               legend=legend, title=None),
            "shape": alt.Shape("measure:N", sort=measures, scale=alt.Scale(domain=measures, range=SHAPES[: len(measures)]),
                               legend=legend, title=None)}


def shares_chart(shares: pd.DataFrame, poles: list[str], counting: str, provisional=()) -> alt.FacetChart:
    """Share of each country's international works with each pole, per year: a small panel a
    country, a line a pole, on one scale so panels compare; hollow points in `provisional` years."""
    labels = {p: cap(f"with {the(p)}") for p in poles}
    data = shares.assign(name=shares["country"].map(countries.name), measure=shares["pole"].map(labels))
    years = sorted(data["year"].unique())
    base = alt.Chart().encode(
        x=alt.X("year:Q", title=None, scale=alt.Scale(domain=[years[0], years[-1]]),
                axis=alt.Axis(values=[years[0], years[-1]], format="d", labelAngle=0, grid=False)),
        y=alt.Y("share_pct:Q", title=None, axis=alt.Axis(tickCount=4)),
        color=alt.Color("measure:N", sort=list(labels.values()),
                        scale=alt.Scale(domain=list(labels.values()), range=PALETTE[: len(poles)]),
                        legend=alt.Legend(orient="bottom", direction="horizontal", labelLimit=0, title=None)),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("measure:N", title="Co-author"),
                 alt.Tooltip("year:O", title="Year"), alt.Tooltip("share_pct:Q", title="%", format=SHARE_FORMAT),
                 alt.Tooltip("works:Q", title="Co-authored works", format=",")])
    hollow = [base.transform_filter(alt.FieldOneOfPredicate(field="year", oneOf=[int(y) for y in provisional]))
              .mark_point(size=22, filled=True, fill="white", strokeWidth=1.5, opacity=1)] if provisional else []
    layers = alt.layer(base.mark_line(), base.mark_point(size=16), *hollow, data=data)
    return layers.properties(width=120, height=90).facet(
        facet=alt.Facet("name:N", sort=list(dict.fromkeys(data["name"])), title=None,
                        header=alt.Header(labelFontSize=12, labelAnchor="start", labelPadding=2)),
        columns=4, spacing={"row": 14, "column": 16},
    ).properties(title=_title("Share of each country's international works co-authored with each pole (%)",
                              counting))


def _zoom(values: pd.Series, step: float = 5) -> list[float]:
    """An axis domain around `values`, on multiples of `step`, never below zero."""
    low, high = float(values.min()), float(values.max())
    return [max(0.0, step * math.floor(low / step - 0.5)), step * math.ceil(high / step + 0.5)]


def exposure_map(paths: pd.DataFrame, highlight: list[str], counting: str) -> alt.LayerChart:
    """Share with pole A (x) against share with pole B (y): each country's path from its first
    year (hollow) to its latest (filled, labelled), and the line of equal shares."""
    pole_a, pole_b = paths["pole_a"].iloc[0], paths["pole_b"].iloc[0]
    data, scale = highlighted(paths, highlight)
    data = data.assign(label_group=data["group"])
    domain = _zoom(pd.concat([data["share_a_pct"], data["share_b_pct"]]))
    side = WIDTH - 80
    x_px, y_px = placement.LinearScale(*domain, side), placement.LinearScale(*domain, side, upward=True)
    tooltip = [alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("share_a_pct:Q", title=f"With {countries.name(pole_a)} %", format=SHARE_FORMAT),
               alt.Tooltip("share_b_pct:Q", title=f"With {countries.name(pole_b)} %", format=SHARE_FORMAT)]
    base = alt.Chart(data).encode(
        x=alt.X("share_a_pct:Q", title=f"% of international works with {the(pole_a)}", scale=x_px.scale()),
        y=alt.Y("share_b_pct:Q", title=f"% of international works with {the(pole_b)}", scale=y_px.scale()),
        color=alt.Color("group:N", scale=scale, title=None, legend=None), detail="country:N", tooltip=tooltip)
    trail = base.mark_line(strokeWidth=1.5, opacity=0.7).encode(order="year:O")
    start = base.transform_filter("datum.point == 'start'").mark_point(filled=False, size=45, strokeWidth=1.5)
    latest = base.transform_filter("datum.point == 'latest'").mark_point(filled=True, size=75, opacity=1)
    labels = _map_labels(data, x_px, y_px, scale, taken=[])
    diagonal = pd.DataFrame({"x": domain, "y": domain})
    equal = alt.Chart(diagonal).mark_line(strokeDash=[4, 4], color=LABEL_GREY, strokeWidth=1).encode(
        x="x:Q", y="y:Q")
    note = alt.Chart(diagonal.tail(1).assign(text="equal shares")).mark_text(
        align="right", baseline="bottom", dx=-4, dy=-4, color=LABEL_GREY, fontStyle="italic").encode(
        x="x:Q", y="y:Q", text="text:N")
    years = f"Hollow dot: {int(data['year'].min())}; filled dot: {int(data['year'].max())}."
    return alt.layer(equal, note, trail, start, latest, *labels).resolve_scale(color="independent").properties(
        width=side, height=side,
        title=_title(f"Exposure to {the(pole_a)} and {the(pole_b)}", counting, years))


def pole_pair_chart(pair: pd.DataFrame, counting: str, events: pd.DataFrame | None = None,
                    provisional=()) -> alt.HConcatChart:
    """Left: works co-authored by the two poles per year, with policy events marked when
    given. Right: that pair as a share of each pole's international works, each line
    labelled with its pole. A `provisional` year's bar is lighter and its points hollow."""
    pole_a, pole_b = pair["pole_a"].iloc[0], pair["pole_b"].iloc[0]
    works = alt.Chart(pair.assign(provisional=pair["year"].isin(list(provisional)))).mark_bar(color=PALETTE[0]).encode(
        opacity=alt.condition("datum.provisional", alt.value(0.45), alt.value(1.0)),
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap="parity")),
        y=alt.Y("works:Q", title="Co-authored works", axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("works:Q", title="Works", format=",")],
    )
    marks = placement.event_marks(events, sorted(pair["year"].unique()), 250, 230)
    works = alt.layer(works, *marks).properties(width=250, height=230,
                                                title=alt.Title("Works co-authored by the two", fontSize=13))
    long = pd.concat([pair.assign(country=pole_b, share_pct=pair["share_b_pct"]),
                      pair.assign(country=pole_a, share_pct=pair["share_a_pct"])], ignore_index=True)
    long = long.assign(name=long["country"].map(countries.name))[["year", "country", "name", "share_pct", "works"]]
    names = [countries.name(pole_b), countries.name(pole_a)]
    scale = alt.Scale(domain=names, range=[PALETTE[1], PALETTE[0]])
    y_px = placement.LinearScale(*placement.nice_domain(long["share_pct"], zero=True), 230, upward=True)
    base = alt.Chart(long).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap="parity")),
        y=alt.Y("share_pct:Q", title="% of the pole's international works", scale=y_px.scale()),
        color=alt.Color("name:N", scale=scale, legend=None),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("name:N", title="Share of the works of"),
                 alt.Tooltip("share_pct:Q", title="%", format=SHARE_FORMAT)])
    last = long.sort_values("year").groupby("country").tail(1).assign(label_group=lambda f: f["name"])
    labels = _end_labels(last, "year:O", "share_pct", y_px, scale)
    hollow = provisional_points(long, alt.X("year:O"), alt.Y("share_pct:Q", scale=y_px.scale()),
                                alt.Color("name:N", scale=scale, legend=None), provisional)
    shares = alt.layer(base.mark_line(), base.mark_point(size=30), labels, *hollow).properties(
        width=230, height=230, title=alt.Title("As a share of each one's international works", fontSize=13))
    return alt.hconcat(works, shares, spacing=36).properties(
        title=_title(f"Co-authorship between {the(pole_a)} and {the(pole_b)}", counting))


def field_chart(compare: pd.DataFrame, poles: list[str], counting: str) -> alt.FacetChart:
    """Shares with each pole in AI (summed over the period) beside all fields in the period's
    first and last years, same source: a row a country, a panel a pole."""
    data = compare.assign(name=compare["country"].map(countries.name), measure=_measure_labels(compare),
                          panel=compare["pole"].map(lambda p: cap(f"with {the(p)}")))
    ordered = data.sort_values(["field", "period"]).drop_duplicates("measure")
    measures = list(ordered["measure"])
    base = alt.Chart().encode(
        y=alt.Y("name:N", sort=list(dict.fromkeys(data["name"])), title=None),
        x=alt.X("share_pct:Q", title="% of international articles with the pole"),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("panel:N", title="Pole"),
                 alt.Tooltip("measure:N", title="Articles"), alt.Tooltip("share_pct:Q", title="%", format=SHARE_FORMAT)])
    rule = base.mark_rule(color=MUTED).encode(x="min(share_pct):Q", x2="max(share_pct):Q")
    dots = base.mark_point(filled=True, size=70, opacity=1).encode(
        **_measure_encodings(measures, _measure_colours(ordered["field"]), len(measures)))
    panels = [cap(f"with {the(p)}") for p in poles]
    return alt.layer(rule, dots, data=data).properties(width=250, height=alt.Step(22)).facet(
        column=alt.Column("panel:N", sort=panels, title=None, header=alt.Header(labelFontSize=13, labelAnchor="start")),
        spacing=20,
    ).properties(title=_title("Artificial intelligence beside all fields, same source", counting))


def _measure_colours(fields: pd.Series) -> list[str]:
    """All-fields years in grey then blue (earliest first), the summed field in vermillion."""
    all_fields = int((fields == "all").sum())
    greys = [LABEL_GREY] * max(all_fields - 1, 0) + [PALETTE[0]] * min(all_fields, 1)
    return greys + PALETTE[1:][: len(fields) - all_fields]


def _measure_labels(compare: pd.DataFrame) -> pd.Series:
    field = compare["field"].map({"all": "All fields", "artificial_intelligence": "AI"}).fillna(compare["field"])
    summed = compare["period"].str.contains("-")
    return field + ", " + compare["period"].str.replace("-", "–") + summed.map({True: " (summed)", False: ""})


def scenario_chart(frame: pd.DataFrame, measures: dict[str, str], reference: tuple[float, str] | None,
                   counting: str) -> alt.LayerChart:
    """At the largest cut: what each country would lose, one row a country and pole, one dot
    a measure (`measures`: column -> legend label), most exposed first; an optional
    reference rule (value, label), e.g. a published estimate."""
    cut = int(frame["cut_pct"].max())
    rows = frame[frame["cut_pct"] == cut]
    rows = rows.assign(row=rows["country"].map(countries.name) + ", with " + rows["pole"].map(countries.name))
    long = rows.melt(id_vars=["row", "country", "pole"], value_vars=list(measures), var_name="measure_id",
                     value_name="loss_pct").dropna(subset=["loss_pct"])
    long["measure"] = long["measure_id"].map(measures)
    order = list(rows.assign(_max=rows[list(measures)].max(axis=1)).sort_values("_max", ascending=False)["row"])
    labels = list(measures.values())
    base = alt.Chart(long).encode(
        y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("loss_pct:Q", title=f"% lost if co-authorship with the pole fell by {cut}%"),
        tooltip=[alt.Tooltip("row:N", title="Country"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("loss_pct:Q", title="% lost", format=SHARE_FORMAT)])
    layers = [base.mark_rule(color=MUTED).encode(x="min(loss_pct):Q", x2="max(loss_pct):Q"),
              base.mark_point(filled=True, size=60, opacity=1).encode(**_measure_encodings(labels, PALETTE[: len(labels)], 1))]
    if reference is not None:
        ref = alt.Chart(pd.DataFrame({"loss_pct": [reference[0]], "text": [reference[1]]}))
        layers.append(ref.mark_rule(strokeDash=[5, 4], color=LABEL_GREY).encode(x="loss_pct:Q"))
        layers.append(ref.mark_text(align="left", dx=4, baseline="bottom", color=LABEL_GREY).encode(
            x="loss_pct:Q", y=alt.value(-4), text="text:N"))
    return alt.layer(*layers).properties(
        width=WIDTH - 220, height=alt.Step(20),
        title=_title("What a cut in co-authorship with a pole would remove", counting, " "))


def rate_chart(rates: pd.DataFrame, highlight: list[str], counting: str) -> alt.LayerChart:
    """Share of each country's articles that are internationally co-authored: a row a
    country, most international first; a hollow dot for the first year, a filled one for the
    latest, joined by a rule; the focus countries in colour."""
    first, last = int(rates["year"].min()), int(rates["year"].max())
    ends = rates[rates["year"].isin([first, last])]
    data, scale = highlighted(ends, highlight)
    order = list(data[data["year"] == last].sort_values("rate_pct", ascending=False)["name"])
    data = data.assign(point=data["year"].map({first: f"{first}", last: f"{last}"}))
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", sort=order, title=None),
        x=alt.X("rate_pct:Q", title="% of the country's articles with a co-author abroad", scale=alt.Scale(zero=True)),
        color=alt.Color("group:N", scale=scale, legend=None),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("rate_pct:Q", title="%", format=SHARE_FORMAT),
                 alt.Tooltip("works_international:Q", title="International articles", format=","),
                 alt.Tooltip("works_total:Q", title="All articles", format=",")])
    rule = base.mark_rule(strokeWidth=1.5).encode(x="min(rate_pct):Q", x2="max(rate_pct):Q", detail="name:N")
    hollow = base.transform_filter(f"datum.year == {first}").mark_point(filled=False, size=60, strokeWidth=1.5)
    filled = base.transform_filter(f"datum.year == {last}").mark_point(filled=True, size=80, opacity=1)
    return alt.layer(rule, hollow, filled).properties(
        width=WIDTH - 200, height=alt.Step(20),
        title=_title("International co-authorship rate", counting, f"Hollow dot: {first}; filled dot: {last}."))
