"""Exposure to the poles by corresponding-author country, as in the seed essay
(Yoshioka-Kobayashi, FY2020 Essay No. 4, Figures 2 and 4): of the works whose
corresponding author is in a country, the share co-authored with each pole.

Reads the engine's `partners` and `country_output` tables (corresponding attribution)."""

from __future__ import annotations

import pandas as pd

KEYS = ["source", "field", "year", "country"]


def corresponding_exposure(partners: pd.DataFrame, country_output: pd.DataFrame,
                           poles: tuple[str, ...] | list[str] = ("US", "CN"),
                           counting: str = "full") -> pd.DataFrame:
    """Per field, year and corresponding-author country: works co-authored with each pole.

    Columns: source, field, year, country, pole, works (with the pole), works_total and
    works_international (the country's works under corresponding attribution),
    share_pct = 100 * works / works_total. A pole is not its own partner (no CN-CN row);
    a country without works with a pole gets 0. With counting="fractional" the shares
    are of fractional credit, not of papers; the essay counts papers (full)."""
    totals = country_output[(country_output["attribution"] == "corresponding")
                            & (country_output["counting"] == counting)]
    totals = totals[[*KEYS, "works_total", "works_international"]]
    grid = totals.merge(pd.DataFrame({"pole": list(poles)}), how="cross")
    grid = grid[grid["country"] != grid["pole"]]
    with_pole = partners[(partners["counting"] == counting) & partners["partner"].isin(list(poles))]
    with_pole = with_pole.rename(columns={"partner": "pole"})[[*KEYS, "pole", "works"]]
    joined = grid.merge(with_pole, on=[*KEYS, "pole"], how="left", validate="1:1")
    joined["works"] = joined["works"].fillna(0.0)
    joined = joined.assign(share_pct=100 * joined["works"] / joined["works_total"])
    columns = [*KEYS, "pole", "works", "works_total", "works_international", "share_pct"]
    return joined[columns].sort_values([*KEYS, "pole"]).reset_index(drop=True)


def pooled(exposure: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """The exposure over a window of years (the essay pools 2015-2019): sums, then the share."""
    window = exposure[exposure["year"].between(start, end)]
    summed = window.groupby(["source", "field", "country", "pole"], as_index=False)[
        ["works", "works_total", "works_international"]].sum()
    return summed.assign(start=start, end=end, share_pct=100 * summed["works"] / summed["works_total"])
