"""Sentences of the funding section, written from its data."""

from __future__ import annotations

import pandas as pd

from briefing.prose import fmt


def _latest_common_year(frame: pd.DataFrame, countries: list[str]) -> int:
    years = frame[frame["country"].isin(countries)].groupby("country")["year"].max()
    return int(years.min()) if len(years) == len(countries) else int(frame["year"].max())


def intensity_summary(frame: pd.DataFrame, focus: list[str], source_names: dict[str, str]) -> str:
    """Where the focus countries stand on R&D intensity and how it moved in the window."""
    year = _latest_common_year(frame, focus)
    that_year = frame[frame["year"] == year]
    n = that_year["country"].nunique()
    lines = []
    for code in focus:
        row = that_year[that_year["country"] == code]
        series = frame[frame["country"] == code].sort_values("year")
        if row.empty or series.empty:
            lines.append(f"{fmt.name(code)} has no R&D intensity figure in the window.")
            continue
        value, rank = float(row["gerd_pct_gdp"].iloc[0]), int(row["rank"].iloc[0])
        change = float(series["gerd_pct_gdp"].iloc[-1] - series["gerd_pct_gdp"].iloc[0])
        lines.append(
            f"In {year}, {fmt.name(code)} spent {fmt.pct(value)} of its GDP on R&D, "
            f"the {fmt.ordinal(rank)} of the {n} countries with a figure for that year; "
            f"from {int(series['year'].iloc[0])} to {int(series['year'].iloc[-1])} its intensity changed "
            f"by {fmt.pp(change)}.")
    secondary = frame[frame["source"] != frame["source"].iloc[0]] if not frame.empty else frame
    for code, rows in secondary.groupby("country", sort=False):
        last = rows.sort_values("year").iloc[-1]
        lines.append(
            f"{fmt.name(code)}'s series comes from {fmt.literal(source_names.get(last['source'], last['source']))} "
            f"({fmt.pct(float(last['gerd_pct_gdp']))} in {int(last['year'])}), because the primary "
            f"source does not cover it.")
    return "\n".join(lines)


def intensity_alt(frame: pd.DataFrame) -> str:
    """Alt text: what the chart shows and its extremes, from the data."""
    year = int(frame["year"].max())
    last = frame[frame["year"] == year].sort_values("gerd_pct_gdp", ascending=False)
    top, bottom = last.iloc[0], last.iloc[-1]
    return (f"Line chart of gross domestic expenditure on R&D as a percentage of GDP, "
            f"{int(frame['year'].min())} to {year}, for {frame['country'].nunique()} countries. "
            f"In {year} the highest is {fmt.name(top['country'])} at {fmt.pct(float(top['gerd_pct_gdp']))} "
            f"and the lowest {fmt.name(bottom['country'])} at {fmt.pct(float(bottom['gerd_pct_gdp']))}.")


def growth_summary(growth: pd.DataFrame, focus: list[str]) -> str:
    lines = []
    fastest = growth.iloc[0]
    lines.append(
        f"Measured in constant 2015 PPP dollars, {fmt.name(fastest['country'])} raised its R&D spending "
        f"fastest: {fmt.signed_pct(float(fastest['growth_pct']))} from {int(fastest['year_start'])} to "
        f"{int(fastest['year_end'])} ({fmt.signed_pct(float(fastest['cagr_pct']), 1)} a year).")
    for code in focus:
        row = growth[growth["country"] == code]
        if row.empty:
            continue
        r = row.iloc[0]
        lines.append(
            f"{fmt.name(code)}'s spending went from {fmt.usd_bn(float(r['gerd_usd_ppp_m_const2015_start']))} "
            f"to {fmt.usd_bn(float(r['gerd_usd_ppp_m_const2015_end']))} "
            f"({fmt.signed_pct(float(r['growth_pct']))}, {int(r['year_start'])}–{int(r['year_end'])}).")
    return "\n".join(lines)


def growth_alt(growth: pd.DataFrame) -> str:
    top, bottom = growth.iloc[0], growth.iloc[-1]
    return (f"Bar chart of the change in R&D spending in constant 2015 PPP dollars over the window, "
            f"for {len(growth)} countries, largest first: {fmt.name(top['country'])} "
            f"{fmt.signed_pct(float(top['growth_pct']))} down to {fmt.name(bottom['country'])} "
            f"{fmt.signed_pct(float(bottom['growth_pct']))}.")


def gbard_summary(gbard: pd.DataFrame) -> str:
    lines = []
    for code, rows in gbard.groupby("country", sort=False):
        year = int(rows["year"].max())
        latest = rows[rows["year"] == year].sort_values("share_pct", ascending=False)
        top = latest.iloc[0]
        defence = latest[latest["indicator"] == "gbard_defense_pct"]
        defence_text = (f"; defence took {fmt.pct(float(defence['share_pct'].iloc[0]), 1)}"
                        if not defence.empty else "")
        lines.append(
            f"In {year}, {fmt.name(code)}'s government R&D budget was "
            f"{fmt.usd_bn(float(top['gbard_usd_ppp_m']))} (current PPP); its largest objective was "
            f"{top['objective'].lower()} at {fmt.pct(float(top['share_pct']), 1)} of the total{defence_text}.")
    return "\n".join(lines)


def gbard_alt(gbard: pd.DataFrame) -> str:
    years = sorted(gbard["year"].unique())
    return (f"Stacked bar chart of government R&D budget allocations by objective for "
            f"{fmt.names(list(dict.fromkeys(gbard['country'])))} in {', '.join(map(str, years))}, "
            f"in million current PPP dollars.")


def seed_comparison(compare: pd.DataFrame, names: dict[str, str]) -> str:
    """The published figures beside today's values of the same year, and the revision."""
    if compare.empty:
        return ("No published figure of R&D intensity is cited for this series: add facts.csv rows quoting its "
                "documents and name them in the parameters (sections.funding.seed_intensity_facts).")
    year = int(compare["year"].iloc[0])
    document = names.get(compare["source_id"].iloc[0], compare["source_id"].iloc[0])
    published = [f"{fmt.name(r['country'])}'s at {fmt.pct(float(r['value']))}" for _, r in compare.iterrows()]
    sentences = [f"For {year}, {document} gave R&D intensity as " + fmt.join_and(published) + "."]
    today = compare.dropna(subset=["gerd_pct_gdp"])
    if not today.empty:
        source = names.get(today["source"].iloc[0], today["source"].iloc[0])
        values = [f"{fmt.pct(float(r['gerd_pct_gdp']))} for {fmt.name(r['country'])} "
                  f"({fmt.pp(float(r['difference']))})" for _, r in today.iterrows()]
        sentences.append(f"{source} now gives " + fmt.join_and(values) + ".")
    return "\n".join(sentences)


def growth_table(growth: pd.DataFrame) -> pd.DataFrame:
    """Formatted levels and growth, one row a country, for a markdown table."""
    return pd.DataFrame({
        "Country": growth["country"].map(fmt.name),
        "First year": growth["year_start"].astype(str),
        "GERD, first year": growth["gerd_usd_ppp_m_const2015_start"].map(fmt.usd_bn),
        "Latest year": growth["year_end"].astype(str),
        "GERD, latest year": growth["gerd_usd_ppp_m_const2015_end"].map(fmt.usd_bn),
        "Change": growth["growth_pct"].map(fmt.signed_pct),
        "Per year": growth["cagr_pct"].map(lambda v: fmt.signed_pct(v, 1)),
    })


def comparison_table(compare: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "Country": compare["country"].map(fmt.name),
        "Year": compare["year"].astype(str),
        "Published": compare["value"].map(fmt.pct),
        "Published in": compare["source_id"].map(lambda s: names.get(s, s)),
        "Today": compare["gerd_pct_gdp"].map(fmt.pct),
        "Today's source": compare["source"].map(lambda s: names.get(s, s) if isinstance(s, str) else "n/a"),
        "Revision": compare["difference"].map(lambda v: fmt.pp(v).replace(" percentage points", " pp")),
    })


def highlights(intensity: pd.DataFrame, growth: pd.DataFrame, focus: list[str]) -> list[dict]:
    """Key findings for the executive summary: each focus country's latest intensity and
    its change over the window, and its spending growth in constant dollars."""
    items = []
    for code in focus:
        series = intensity[intensity["country"] == code].sort_values("year")
        if series.empty:
            continue
        first, last = series.iloc[0], series.iloc[-1]
        rank = int(last["rank"])
        items.append({
            "finding": f"funding.gerd_pct_gdp.{code}.{int(last['year'])}", "figure": "fig-gerd-intensity",
            "text": f"{fmt.name(code)} spent {fmt.pct(float(last['gerd_pct_gdp']))} of GDP on R&D in "
                    f"{int(last['year'])}, {fmt.pp(float(last['gerd_pct_gdp'] - first['gerd_pct_gdp']))} since "
                    f"{int(first['year'])}; {fmt.ordinal(rank)} among the countries compared."})
    rows = growth[growth["country"].isin(focus)]
    for r in rows.itertuples():
        items.append({
            "finding": f"funding.gerd_const_growth_pct.{r.country}.{r.year_start}-{r.year_end}",
            "figure": "fig-gerd-growth",
            "text": f"{fmt.name(r.country)}'s R&D spending in constant dollars changed by "
                    f"{fmt.signed_pct(float(r.growth_pct))} from {r.year_start} to {r.year_end} "
                    f"(from {fmt.usd_bn(float(r.gerd_usd_ppp_m_const2015_start))} to "
                    f"{fmt.usd_bn(float(r.gerd_usd_ppp_m_const2015_end))})."})
    return items
