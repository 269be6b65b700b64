"""NCSES article tables (Scopus, whole counts): pairs and country totals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from briefing.errors import InputError
from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_int, to_year

PAIRS_FILE = "sei2024_intl_coauthored_pairs_2003_2022.csv"
OUTPUT_FILE = "sei2024_articles_by_coauthorship_2003_2022.csv"
FIELDS = {"All S&E fields": "all", "Artificial intelligence": "artificial_intelligence"}
ATTRIBUTES = {
    "Total articles": "works_total",
    "Total articles > With international institutions": "works_international",
    "Total articles > With domestic institutions only": "works_domestic",
}

Codes = Callable[[Path, pd.DataFrame, str], pd.Series]


def pairs(path: Path, codes: Codes) -> pd.DataFrame:
    """SPBS-35: symmetric partner table for 2003 and 2022, kept once per unordered pair."""
    raw = read_csv(path, ["year", "country", "partner", "articles"])
    raw["year"] = to_year(path, raw, "year")
    raw["works"] = to_int(path, raw, "articles", minimum=0)
    raw["a"] = codes(path, raw, "country")
    raw["b"] = codes(path, raw, "partner")
    check_unique(path, raw, ["year", "country", "partner"])
    both = raw.dropna(subset=["a", "b"])
    fail_at(path, both, both["a"] == both["b"], "partner", "a country cannot partner itself")
    mirror = both.merge(both, left_on=["year", "a", "b"], right_on=["year", "b", "a"],
                        suffixes=("", "_rev"), validate="1:1")
    asymmetric = mirror["works"] != mirror["works_rev"]
    if bool(asymmetric.any()):
        row = mirror[asymmetric].iloc[0]
        raise InputError(f"{path}, line {row['_line']}",
                         f"table must be symmetric: {row['country']}-{row['partner']} {row['works']} "
                         f"vs {row['partner']}-{row['country']} {row['works_rev']} (line {row['_line_rev']})")
    once = both[both["a"] < both["b"]]
    return pd.DataFrame({
        "source": "ncses", "field": "all", "year": once["year"],
        "country_a": once["a"], "country_b": once["b"], "works": once["works"],
    }).reset_index(drop=True)


def country_output(path: Path, codes: Codes) -> pd.DataFrame:
    """SPBS-33 (all S&E) and SPBS-99 (AI): total, international and domestic-only articles per year.

    Domestic-only plus international can fall short of the total: NCSES leaves out of both
    the multi-institution articles whose addresses are incomplete (table notes, SPBS-33)."""
    raw = read_csv(path, ["field", "country", "attribute", "year", "articles"])
    fail_at(path, raw, ~raw["field"].isin(FIELDS), "field", f"unknown field (known: {sorted(FIELDS)})")
    raw["year"] = to_year(path, raw, "year")
    raw["works"] = to_int(path, raw, "articles", minimum=0)
    raw["code"] = codes(path, raw, "country")
    check_unique(path, raw, ["field", "country", "attribute", "year"])
    kept = raw[raw["attribute"].isin(ATTRIBUTES) & raw["code"].notna()]
    check_unique(path, kept, ["field", "code", "attribute", "year"])
    wide = kept.assign(field=kept["field"].map(FIELDS), measure=kept["attribute"].map(ATTRIBUTES)).pivot(
        index=["field", "code", "year"], columns="measure", values="works").reset_index()
    return pd.DataFrame({
        "source": "ncses", "field": wide["field"], "year": wide["year"].astype("int64"),
        "country": wide["code"], "works_total": wide["works_total"].astype("Int64"),
        "works_international": wide["works_international"].astype("Int64"),
        "works_domestic": wide["works_domestic"].astype("Int64"),
    })
