"""R&D funding compared: spending growth in constant dollars, government budgets by objective,
published figures beside today's (each registry indicator's views: `metrics.indicators`)."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.facts import cite
from briefing.metrics.series import growth, in_window


def indicator_series(rd: pd.DataFrame, indicator: str, source: str, countries: list[str]) -> pd.DataFrame:
    """One indicator of one source for `countries`: country, year, value, status, source."""
    rows = rd[(rd["indicator"] == indicator) & (rd["source"] == source) & rd["country"].isin(countries)]
    return rows[["source", "country", "year", "value", "status"]].reset_index(drop=True)


def gerd_growth(rd: pd.DataFrame, countries: list[str], start: int, end: int, source: str) -> pd.DataFrame:
    """GERD in constant 2015 PPP dollars: first and latest year in the window, growth and the
    compound annual growth over that span (each country's own: spans differ, so countries are
    ordered and compared by CAGR, not by total growth)."""
    series = in_window(indicator_series(rd, "gerd_usd_ppp_m_const2015", source, countries), start, end)
    table = growth(series.rename(columns={"value": "gerd_usd_ppp_m_const2015"}), "country",
                   "gerd_usd_ppp_m_const2015")
    table = table[table["year_end"] > table["year_start"]]
    return table.sort_values(["cagr_pct", "country"], ascending=[False, True], kind="stable").reset_index(drop=True)


OBJECTIVES = {
    "gbard_defense_pct": "Defence",
    "gbard_nondefense_economic_development_programs_pct": "Economic development",
    "gbard_nondefense_health_and_environment_pct": "Health and environment",
    "gbard_nondefense_education_and_society_pct": "Education and society",
    "gbard_nondefense_civil_space_pct": "Civil space",
    "gbard_nondefense_non_oriented_research_pct": "Non-oriented research",
    "gbard_nondefense_general_university_funds_pct": "General university funds",
}


def gbard_by_objective(rd: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    """Government R&D budgets by objective: share of total GBARD and PPP dollars.

    Non-defence objectives are reported as shares of non-defence GBARD; they are
    rescaled to shares of the total. Objectives a country does not report are absent."""
    columns = ["country", "year", "objective", "indicator", "share_pct", "usd_ppp_m", "gbard_usd_ppp_m"]
    rows = rd[rd["country"].isin(countries) & rd["indicator"].str.startswith("gbard_")]
    if rows.empty:  # none of the countries is in the source table (or none was asked for)
        return pd.DataFrame({c: pd.Series(dtype="object" if c in ("country", "objective", "indicator") else
                                          "int64" if c == "year" else "float64") for c in columns})
    wide = rows.pivot_table(index=["country", "year"], columns="indicator", values="value").reset_index()
    long = wide.melt(id_vars=["country", "year", "gbard_usd_ppp_m", "gbard_nondefense_pct"],
                     value_vars=[c for c in OBJECTIVES if c in wide.columns],
                     var_name="indicator", value_name="reported_pct").dropna(subset=["reported_pct"])
    nondefense = long["indicator"] != "gbard_defense_pct"
    long["share_pct"] = long["reported_pct"].where(~nondefense,
                                                   long["reported_pct"] * long["gbard_nondefense_pct"] / 100)
    long["usd_ppp_m"] = long["gbard_usd_ppp_m"] * long["share_pct"] / 100
    long["objective"] = long["indicator"].map(OBJECTIVES)
    order = {c: i for i, c in enumerate(countries)}
    long = long.sort_values(["country", "year", "indicator"],
                            key=lambda s: s.map(order) if s.name == "country" else s, kind="stable")
    return long[columns].reset_index(drop=True)


def seed_vs_series(facts: pd.DataFrame, series: pd.DataFrame, fact_ids: list[str], value: str) -> pd.DataFrame:
    """Published figures (`value`) beside today's values (`today`, from `series[value]`) of the
    same country and year, and the revision (today minus published)."""
    cited = cite(facts, fact_ids).drop(columns=["measure", "keys"])
    cited["year"] = cited["year"].astype("int64")
    today = series[["country", "year", value, "source"]].rename(columns={value: "today"})
    joined = cited.merge(today, on=["country", "year"], how="left", validate="1:1")
    joined["difference"] = joined["today"] - joined["value"]
    return joined[["id", "country", "year", "value", "today", "difference", "source", "source_id", "quote"]]


def growth_across_breaks(rd: pd.DataFrame, growth: pd.DataFrame, source: str) -> pd.DataFrame:
    """For each country of `growth` whose source flags a break in its series (status B) after its
    first year: a row a break, with the jump at it (% from the year before) and the compound annual
    growth on each side of it up to the neighbouring breaks (first year, or the break before, to the
    year before this one; this one to the year before the next break, or the latest year), so that
    no side straddles another break. A side of one year has no growth (NaN)."""
    series = indicator_series(rd, "gerd_usd_ppp_m_const2015", source, list(growth["country"]))
    rows = []
    for r in growth.itertuples():
        own = series[(series["country"] == r.country) & series["year"].between(r.year_start, r.year_end)]
        values = dict(zip(own["year"].astype(int), own["value"].astype(float), strict=True))
        flagged = own.loc[own["status"].fillna("").str.split("+").map(lambda s: "B" in s), "year"]
        cuts = sorted(int(y) for y in flagged if int(y) > r.year_start and int(y) - 1 in values)
        bounds = [r.year_start, *cuts, r.year_end + 1]
        for i, year in enumerate(cuts, start=1):
            start, end = bounds[i - 1], bounds[i + 1] - 1
            rows.append({"country": r.country, "year": year, "jump_pct": 100 * (values[year] / values[year - 1] - 1),
                         "before_start": start, "before_end": year - 1, "before_cagr_pct": _cagr(values, start, year - 1),
                         "after_start": year, "after_end": end, "after_cagr_pct": _cagr(values, year, end)})
    columns = ["country", "year", "jump_pct", "before_start", "before_end", "before_cagr_pct", "after_start",
               "after_end", "after_cagr_pct"]
    return pd.DataFrame(rows, columns=columns)


def _cagr(values: dict[int, float], start: int, end: int) -> float:
    """Compound annual growth from `start` to `end` (NaN for a single year)."""
    if end <= start or start not in values or end not in values:
        return float("nan")
    return 100 * ((values[end] / values[start]) ** (1 / (end - start)) - 1)
