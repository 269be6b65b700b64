"""Co-authorship between countries from the canonical `pairs` and `country_output`
tables (full counting: a work counts once for every country on it)."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.series import rank_within


def select(frame: pd.DataFrame, source: str, field: str = "all") -> pd.DataFrame:
    """Rows of one source and field."""
    return frame[(frame["source"] == source) & (frame["field"] == field)]


def directed(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each unordered pair as two rows: country, partner, year, works."""
    forward = pairs.rename(columns={"country_a": "country", "country_b": "partner"})
    backward = pairs.rename(columns={"country_b": "country", "country_a": "partner"})
    both = pd.concat([forward, backward], ignore_index=True)
    return both[["year", "country", "partner", "works"]]


def pair_works(pairs: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Works co-authored by `a` and `b` per year (order of a and b does not matter)."""
    lo, hi = sorted((a, b))
    rows = pairs[(pairs["country_a"] == lo) & (pairs["country_b"] == hi)]
    return rows[["year", "works"]].sort_values("year").reset_index(drop=True)


def partner_shares(pairs: pd.DataFrame, output: pd.DataFrame, country: str,
                   partners: list[str] | None = None) -> pd.DataFrame:
    """Share of `country`'s internationally co-authored works that have each partner, per year."""
    own = directed(pairs)
    own = own[own["country"] == country]
    if partners is not None:
        own = own[own["partner"].isin(partners)]
    totals = output[output["country"] == country][["year", "country", "works_international"]]
    joined = own.merge(totals, on=["year", "country"], how="left", validate="m:1")
    joined["works_international"] = joined["works_international"].astype("float64")
    return joined.assign(share_pct=100 * joined["works"] / joined["works_international"]).reset_index(drop=True)


def indexed(series: pd.DataFrame, value: str, base_year: int, by: list[str] | None = None) -> pd.Series:
    """`value` as an index, base year = 100, within each `by` group."""
    keys = by or []
    base = series[series["year"] == base_year].set_index(keys)[value] if keys else \
        series.loc[series["year"] == base_year, value].iloc[0]
    if not keys:
        return 100 * series[value] / base
    return 100 * series[value] / series.set_index(keys).index.map(base).astype("float64")


def pair_ranks(pairs: pd.DataFrame, region: list[str]) -> pd.DataFrame:
    """Every pair of countries both in `region`, ranked by works within each year (1 = most)."""
    inside = pairs[pairs["country_a"].isin(region) & pairs["country_b"].isin(region)].copy()
    inside["rank"] = rank_within(inside, "works")
    return inside.sort_values(["year", "rank", "country_a", "country_b"]).reset_index(drop=True)


def top_partners(pairs: pd.DataFrame, country: str, year: int, n: int = 10) -> pd.DataFrame:
    """`country`'s partners in `year`, most works first (ties by code)."""
    own = directed(pairs)
    own = own[(own["country"] == country) & (own["year"] == year)]
    return own.sort_values(["works", "partner"], ascending=[False, True]).head(n).reset_index(drop=True)


def pair_history(pairs: pd.DataFrame, pair_ids: list[str]) -> pd.DataFrame:
    """Every year of each pair's works (ids like 'JP-KR'), for checks that need the years
    before the window: pair, year, works."""
    frames = [pair_works(pairs, *p.split("-")).assign(pair=p) for p in dict.fromkeys(pair_ids)]
    return pd.concat(frames, ignore_index=True)[["pair", "year", "works"]]


def totals_history(output: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Every year of each country's internationally co-authored works: country, year, works."""
    rows = output[output["country"].isin(list(codes))].dropna(subset=["works_international"])
    return rows.assign(works=rows["works_international"].astype("float64"))[["country", "year", "works"]]


def affinity(pairs: pd.DataFrame, pair_list: list[tuple[str, str]], start: int, end: int) -> pd.DataFrame:
    """The probabilistic affinity index of each pair per year (Zitt, Bassecoulard & Okubo 2000,
    Scientometrics 47(3)): the pair's co-authored works over those expected if each country's
    links were spread in proportion to every other country's, A_ij = C_ij * C / (C_i * C_j),
    with C_i the country's links (its co-authored works summed over all its partners) and C
    all links of the year, over every pair of the table. 1 is as expected from the two
    countries' sizes; above 1, the pair works together more than their sizes predict.
    Columns: pair, country_a, country_b, year, works, expected, affinity."""
    rows = pairs[(pairs["year"] >= start) & (pairs["year"] <= end)]
    links = directed(rows).groupby(["year", "country"])["works"].sum()
    total = links.groupby("year").sum()
    out = []
    for a, b in dict.fromkeys(tuple(sorted(p)) for p in pair_list):
        own = pair_works(rows, a, b)
        for year, works in zip(own["year"], own["works"], strict=True):
            expected = links[(year, a)] * links[(year, b)] / total[year]
            out.append({"pair": f"{a}-{b}", "country_a": a, "country_b": b, "year": int(year), "works": int(works),
                        "expected": expected, "affinity": works / expected})
    return pd.DataFrame(out, columns=["pair", "country_a", "country_b", "year", "works", "expected", "affinity"])
