"""Sentences of the funding section, written from its data."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.indicators import IndicatorView
from briefing.prose import fmt
from briefing.prose.tables import with_data
from briefing.quality.indicators import the_names


def yearly_change(cagr_pct: float) -> str:
    """'grew by 4.1% a year', 'fell by 1.2% a year', 'was unchanged'."""
    if round(cagr_pct, 1) == 0:
        return "was about unchanged"
    return f"{'grew' if cagr_pct > 0 else 'fell'} by {abs(cagr_pct):.1f}% a year"


def spans_text(growth: pd.DataFrame) -> str:
    """'2015–2022 for Japan and China; 2015–2021 for the United States'."""
    spans = growth.assign(span=growth["year_start"].astype(str) + "–" + growth["year_end"].astype(str))
    groups = spans.groupby("span", sort=False)["country"].apply(list)
    ordered = sorted(groups.items(), key=lambda item: (-int(item[0][-4:]), item[0]))
    return "; ".join(f"{span} for {the_names(codes)}" for span, codes in ordered)


def _segments(rows: list) -> list[tuple[int, int, float]]:
    """(first year, last year, growth a year) of each span between one country's breaks
    (`metrics.funding.growth_across_breaks` rows, in year order), first to latest."""
    return [(rows[0].before_start, rows[0].before_end, rows[0].before_cagr_pct),
            *((r.after_start, r.after_end, r.after_cagr_pct) for r in rows)]


def _by_country(across: pd.DataFrame) -> dict[str, list]:
    found: dict[str, list] = {}
    if across.empty:
        return found
    for r in across.sort_values(["year"], kind="stable").itertuples():
        found.setdefault(r.country, []).append(r)
    return found


def break_sentences(across: pd.DataFrame, source_name: str) -> list[str]:
    """Growth over the breaks the source flags, given on each side of them, one sentence a
    country: its spans between breaks never straddle one (`metrics.funding.growth_across_breaks`)."""
    lines = []
    for country, rows in _by_country(across).items():
        many = len(rows) > 1
        jumps = fmt.join_and([fmt.signed_pct(r.jump_pct, 1) for r in rows])
        head = (f"{source_name} marks {'breaks' if many else 'a break'} in {fmt.possessive(country)} series in "
                f"{fmt.join_and([str(r.year) for r in rows])} ({'jumps' if many else 'a jump'} of {jumps} in one year)")
        sides = [f"{fmt.signed_pct(v, 1)} a year over {fmt.span(a, b)}" for a, b, v in _segments(rows) if v == v]
        if len(sides) >= 2:
            where = "split at the breaks" if many else "on each side of it"
            lines.append(f"{head}: {where}, spending changed by {fmt.join_and(sides)}, which is the growth to compare.")
        elif sides:
            lines.append(f"{head}: spending changed by {sides[0]}, the only span of two years or more without a break.")
        else:
            lines.append(f"{head}: no span of two years or more is without a break, so its growth is not compared.")
    return lines


def growth_summary(growth: pd.DataFrame, focus: list[str], across: pd.DataFrame | None = None,
                   source_name: str = "") -> str:
    """Who raised R&D spending fastest, compared by compound annual growth over each country's
    years with figures, and the focus countries' levels; the spans, when they differ; growth on
    each side of every break the source flags."""
    if growth.empty:
        return "No country of this edition has two years of R&D spending in constant dollars in the window."
    fastest, slowest = growth.iloc[0], growth.iloc[-1]
    lines = [
        f"Measured in constant 2015 PPP dollars, {fmt.the(fastest['country'])} raised its R&D spending fastest, "
        f"by {fmt.signed_pct(float(fastest['cagr_pct']), 1)} a year from {int(fastest['year_start'])} to "
        f"{int(fastest['year_end'])} ({fmt.signed_pct(float(fastest['growth_pct']))} in all)"
        + (f"; {fmt.the(slowest['country'])} {'grew slowest' if slowest['cagr_pct'] > 0 else 'cut it most'}, "
           f"by {fmt.signed_pct(float(slowest['cagr_pct']), 1)} a year." if len(growth) > 1 else ".")]
    for code in focus:
        row = growth[growth["country"] == code]
        if row.empty:
            continue
        r = row.iloc[0]
        lines.append(
            f"{fmt.cap(fmt.possessive(code))} spending went from "
            f"{fmt.usd_bn(float(r['gerd_usd_ppp_m_const2015_start']))} to "
            f"{fmt.usd_bn(float(r['gerd_usd_ppp_m_const2015_end']))} "
            f"({fmt.signed_pct(float(r['cagr_pct']), 1)} a year, {int(r['year_start'])}–{int(r['year_end'])}).")
    if (growth[["year_start", "year_end"]].nunique() > 1).any():
        lines.append(f"The years with figures differ ({spans_text(growth)}), so countries are compared by "
                     f"growth a year over their own span.")
    lines += break_sentences(across if across is not None else pd.DataFrame(), source_name)
    return "\n".join(fmt.literal(line) for line in lines)


def growth_caption(growth: pd.DataFrame) -> str:
    return ("Growth of R&D spending a year, constant 2015 PPP dollars, over each country's first and latest "
            "year with a figure in the window (the span beside each bar)")


def growth_alt(growth: pd.DataFrame) -> str:
    top, bottom = growth.iloc[0], growth.iloc[-1]
    return (f"Bar chart of the compound annual growth of R&D spending in constant 2015 PPP dollars for "
            f"{len(growth)} countries, each over its own years with figures, fastest first: "
            f"{fmt.name(top['country'])} {fmt.signed_pct(float(top['cagr_pct']), 1)} a year "
            f"({int(top['year_start'])}–{int(top['year_end'])}) down to {fmt.name(bottom['country'])} "
            f"{fmt.signed_pct(float(bottom['cagr_pct']), 1)} a year ({int(bottom['year_start'])}–"
            f"{int(bottom['year_end'])}).")


def gbard_summary(gbard: pd.DataFrame) -> str:
    """Each country's latest budget, its largest objective and defence's share; the years the
    source table gives; the section left out when no country of the edition has them."""
    if gbard.empty:
        return fmt.omitted("NCSES SEI publishes government R&D budgets by objective (table RD-18, from OECD MSTI) "
                           "for a few economies only, none of them among the countries this edition draws budgets "
                           "for; the funding section's parameters name those countries.")
    years = sorted({int(y) for y in gbard["year"]})
    lines = [f"The source table gives budgets by objective for {fmt.years(years)} only; "
             f"{years[-1]} is the latest."] if len(years) > 1 else []
    for code, rows in gbard.groupby("country", sort=False):
        year = int(rows["year"].max())
        latest = rows[rows["year"] == year].sort_values("share_pct", ascending=False)
        top = latest.iloc[0]
        defence = latest[latest["indicator"] == "gbard_defense_pct"]
        defence_text = (f"; defence took {fmt.pct(float(defence['share_pct'].iloc[0]), 1)}"
                        if not defence.empty else "")
        lines.append(
            f"In {year}, {fmt.possessive(code)} government R&D budget was "
            f"{fmt.usd_bn(float(top['gbard_usd_ppp_m']))} (current PPP); its largest objective was "
            f"{top['objective'].lower()} at {fmt.pct(float(top['share_pct']), 1)} of the total{defence_text}.")
    return "\n".join(fmt.literal(line) for line in lines)


def gbard_alt(gbard: pd.DataFrame) -> str:
    if gbard.empty:
        return "Empty chart: no government R&D budget by objective for this edition's countries."
    years = sorted(gbard["year"].unique())
    return (f"Stacked bar chart of government R&D budget allocations by objective for "
            f"{fmt.names(list(dict.fromkeys(gbard['country'])))} in {', '.join(map(str, years))}, "
            f"in US$ bn at current purchasing power parity.")


def seed_years(compare) -> str:
    """The years of the published figures compared, for the table's caption: '2018'."""
    return fmt.years(compare["year"]) if len(compare) else ""


REVISIONS = """::: {.callout-note}
## Why a published figure changes later

Intensity is a ratio, and both of its terms are revised after publication.
National statistical offices re-benchmark GDP every few years, which moves the denominator for every past year, and R&D surveys are revised as late responses arrive.
An article also quotes the figures of its time, sometimes from another source than the one this briefing uses.
Small differences are routine revisions; a larger gap usually means the GDP series was re-benchmarked.
:::"""


def seed_budgets_intro(budgets: pd.DataFrame, compare: pd.DataFrame, outside: str = "") -> str:
    """The section's opening: what the series' documents cite; the whole section left out (with
    how to add them) when they cite neither budgets nor intensities (`outside`: the sentence on
    those outside the window, `citations.outside_window`)."""
    if budgets.empty and compare.empty and outside:
        return fmt.omitted(f"{outside} An edition whose window reaches them sets them beside its series.")
    if budgets.empty and compare.empty:
        return fmt.omitted("the series' documents cite no budget figures or R&D intensities for its countries; "
                           "add them as rows of the series' facts.csv, each quoting its document, and name them in "
                           "the funding section's parameters.")
    if budgets.empty:
        return ""
    return ("The documents behind this series cite budget figures that no statistical table yet holds; they are "
            "reproduced as published, each with its source (@tbl-seed-budgets).")


def seed_comparison(compare: pd.DataFrame, names: dict[str, str], outside: str = "") -> str:
    """The published intensities beside today's values of the same year, the revision, and why
    published figures move ('' when the series cites none); then `outside`, the sentence on
    those outside the window."""
    if compare.empty:
        return outside
    year = int(compare["year"].iloc[0])
    document = names.get(compare["source_id"].iloc[0], compare["source_id"].iloc[0])
    published = [f"{fmt.name(r['country'])}'s at {fmt.pct(float(r['value']))}" for _, r in compare.iterrows()]
    sentences = [f"For {year}, {document} gave R&D intensity as " + fmt.join_and(published) + "."]
    today = compare.dropna(subset=["today"])
    if not today.empty:
        source = names.get(today["source"].iloc[0], today["source"].iloc[0])
        values = [f"{fmt.pct(float(r['today']))} for {fmt.name(r['country'])} "
                  f"({fmt.pp(float(r['difference']))})" for _, r in today.iterrows()]
        sentences.append(f"{source} now gives " + fmt.join_and(values) + " (@tbl-seed-intensity).")
    return "\n".join([*sentences, outside]).strip() + "\n\n" + REVISIONS


def growth_table(growth: pd.DataFrame, across: pd.DataFrame | None = None) -> pd.DataFrame:
    """Formatted levels and growth, one row a country, for a markdown table; a country whose
    series breaks in the window gets its growth on each side of the break in a last column."""
    table = pd.DataFrame({
        "Country": growth["country"].map(fmt.name),
        "First year": growth["year_start"].astype(str),
        "GERD, first year": growth["gerd_usd_ppp_m_const2015_start"].map(fmt.usd_bn),
        "Latest year": growth["year_end"].astype(str),
        "GERD, latest year": growth["gerd_usd_ppp_m_const2015_end"].map(fmt.usd_bn),
        "Change": growth["growth_pct"].map(fmt.signed_pct),
        "Per year": growth["cagr_pct"].map(lambda v: fmt.signed_pct(v, 1)),
    })
    data = growth[["country", "year_start", "gerd_usd_ppp_m_const2015_start", "year_end",
                   "gerd_usd_ppp_m_const2015_end", "growth_pct", "cagr_pct"]]
    if across is None or across.empty:
        return with_data(table, data)
    note = {country: _break_note(rows) for country, rows in _by_country(across).items()}
    table = table.assign(**{"Across a break in the source": growth["country"].map(note).fillna("").to_numpy()})
    return with_data(table, data.merge(breaks_data(across), on="country", how="left", validate="1:m"))


def _break_note(rows: list) -> str:
    """'break in 2016 (+4.1%): +3.8% a year to 2015 and +6.5% a year from 2016'; with more breaks,
    the spans between them ('+2.0% a year over 2015–2017')."""
    segments = _segments(rows)
    head = (f"{'breaks' if len(rows) > 1 else 'break'} in "
            + fmt.join_and([f"{r.year} ({fmt.signed_pct(r.jump_pct, 1)})" for r in rows]))
    def when(i: int, a: int, b: int) -> str:  # the first span runs to its end, the last from its start
        return f"to {b}" if i == 0 else f"from {a}" if i == len(segments) - 1 else f"over {fmt.span(a, b)}"
    sides = [f"{fmt.signed_pct(v, 1)} a year {when(i, a, b)}" for i, (a, b, v) in enumerate(segments) if v == v]
    return f"{head}: {fmt.join_and(sides)}" if sides else head


def breaks_data(across: pd.DataFrame) -> pd.DataFrame:
    """The breaks of `metrics.growth_across_breaks` as columns of a growth table's data, a row a break."""
    renamed = across.rename(columns={"year": "break_year", "jump_pct": "break_jump_pct"})
    return renamed[["country", "break_year", "break_jump_pct", "before_end", "before_cagr_pct", "after_start",
                    "after_cagr_pct"]]


def comparison_table(compare: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Published R&D intensities beside today's figure of the same country and year, and the revision."""
    data = compare.rename(columns={"value": "gerd_pct_gdp_published", "source_id": "published_source_id",
                                   "today": "gerd_pct_gdp", "difference": "revision_pp"})
    data = data[["country", "year", "gerd_pct_gdp_published", "published_source_id", "gerd_pct_gdp", "source",
                 "revision_pp"]]
    return with_data(pd.DataFrame({
        "Country": compare["country"].map(fmt.name),
        "Year": compare["year"].astype(str),
        "Published": compare["value"].map(fmt.pct),
        "Published in": compare["source_id"].map(lambda s: names.get(s, s)),
        "Today": compare["today"].map(fmt.pct),
        "Today's source": compare["source"].map(lambda s: names.get(s, s) if isinstance(s, str) else "n/a"),
        "Revision": compare["difference"].map(lambda v: fmt.pp(v).replace(" percentage points", " pp")),
    }), data)


def highlights(intensity: IndicatorView | None, growth: pd.DataFrame, focus: list[str]) -> list[dict]:
    """Key findings for the executive summary: each focus country's latest R&D intensity, its
    change over the window and its rank by latest figure (naming who is not ranked), and its
    spending growth in constant dollars a year."""
    items = []
    for code in focus if intensity is not None else []:
        series = intensity.panel[intensity.panel["country"] == code].sort_values("year")
        if series.empty:
            continue
        first, last = series.iloc[0], series.iloc[-1]
        rank = intensity.ranking.set_index("country")["rank"][code]
        left_out = (f" ({fmt.names(list(intensity.not_ranked['country']))} not ranked: no figure)"
                    if not intensity.not_ranked.empty else "")
        items.append({
            "finding": f"funding.gerd_pct_gdp.{code}.{int(last['year'])}", "figure": intensity.trend_label,
            "text": f"{fmt.cap(fmt.the(code))} spent {fmt.pct(float(last['value']))} of GDP on R&D in "
                    f"{int(last['year'])}, {fmt.pp(float(last['value'] - first['value']))} since "
                    f"{int(first['year'])}; {fmt.ordinal(int(rank))} of the {len(intensity.ranking)} countries "
                    f"ranked by their latest figure{left_out}."})
    for r in growth[growth["country"].isin(focus)].itertuples():
        items.append({
            "finding": f"funding.gerd_const_growth_pct.{r.country}.{r.year_start}-{r.year_end}",
            "figure": "fig-gerd-growth",
            "text": f"{fmt.cap(fmt.possessive(r.country))} R&D spending in constant dollars "
                    f"{yearly_change(float(r.cagr_pct))} from {r.year_start} to {r.year_end} "
                    f"(from {fmt.usd_bn(float(r.gerd_usd_ppp_m_const2015_start))} to "
                    f"{fmt.usd_bn(float(r.gerd_usd_ppp_m_const2015_end))})."})
    return items
