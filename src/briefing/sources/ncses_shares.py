"""NCSES tables of shares of international articles with the United States (Scopus, whole
counts), odd years 2003-2021: SPBS-37 (NCSES table 10005), the share of each of the 15 largest
producers' international articles that have a US co-author; SPBS-36 (10004), the share of the
United States' international articles co-authored with each partner. A second source for the
briefing's OpenAlex shares with the United States (`partner_shares`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_float

WITH_US_FILE = "sei2024_intl_articles_with_us_share.csv"  # SPBS-37: country's share with a US co-author
US_WITH_FILE = "sei2024_us_intl_articles_partner_share.csv"  # SPBS-36: the US's share with each partner
TABLE_IDS = {WITH_US_FILE: "10005", US_WITH_FILE: "10004"}
COLUMNS = ["source", "field", "year", "country", "partner", "share_pct"]

Codes = Callable[[Path, pd.DataFrame, str], pd.Series]


def shares(path: Path, codes: Codes) -> pd.DataFrame:
    """One file in the canonical `partner_shares` form: the row's economy with the United States
    (10005), or the United States with the row's economy (10004)."""
    header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    years = [c for c in header if re.fullmatch(r"\d{4}", c)]
    raw = read_csv(path, ["table_id", "row_id", "region_country_or_economy", *years])
    expected = TABLE_IDS[path.name]
    fail_at(path, raw, raw["table_id"].str.strip() != expected, "table_id", f"expected NCSES table {expected}")
    raw["code"] = codes(path, raw, "region_country_or_economy")
    check_unique(path, raw, ["region_country_or_economy"])
    frames = []
    for year in years:
        value = to_float(path, raw, year, missing=("", "NA"), minimum=0)
        fail_at(path, raw, value > 100, year, "a share must be at most 100")
        rows = raw.assign(share_pct=value).dropna(subset=["share_pct", "code"])
        other = rows["code"]
        country, partner = (other, "US") if expected == "10005" else ("US", other)
        frames.append(pd.DataFrame({"source": "ncses", "field": "all", "year": int(year), "country": country,
                                    "partner": partner, "share_pct": rows["share_pct"]}))
    return pd.concat(frames, ignore_index=True)[COLUMNS]


def partner_shares(files: dict[str, Path], codes: Codes) -> pd.DataFrame:
    return pd.concat([shares(files[name], codes) for name in TABLE_IDS], ignore_index=True)
