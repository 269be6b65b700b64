"""NCSES R&D tables: SRD-1 (GERD, GDP), SRD-2 (GERD by sector and funds), RD-18 (GBARD).

Each reader names every row as the table prints it (its column headings joined by " / ", the
`row` of an `ncses:` source in data/indicators.yml); a row the registry names becomes that
indicator, the others keep the briefing's own ids (GBARD objective shares, GDP, ...)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from briefing.sources.indicators import Registry, for_root
from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_float

GERD_FILE = "sei2024_gerd_gdp_1990_2021.csv"
GBARD_FILE = "sei2022_gbard_by_objective_2000_2010_2019.csv"
SECTOR_FILE = "sei2024_gerd_by_sector_and_funds_latest.csv"

Codes = Callable[[Path, pd.DataFrame, str], pd.Series]
MISSING = ("NA", "na", "**", "")

# SRD-1 measures kept; growth rates are derived figures and are recomputed, not imported.
GERD_MEASURES = {
    ("GERD", "Current PPP dollars"): ("gerd_usd_ppp_m", 1000.0),
    ("GERD", "Constant (2015) PPP dollars"): ("gerd_usd_ppp_m_const2015", 1000.0),
    ("GDP", "Current PPP dollars"): ("gdp_usd_ppp_m", 1000.0),
    ("GERD-to-GDP ratio (%)", ""): ("gerd_pct_gdp", 1.0),
}


def row_label(*headings: pd.Series) -> pd.Series:
    """'GERD / Current PPP dollars': a table row named by its non-empty column headings."""
    parts = pd.concat([h.fillna("").str.replace(r"\s+", " ", regex=True).str.strip() for h in headings], axis=1)
    return parts.apply(lambda row: " / ".join(p for p in row if p), axis=1)


def registry_ids(table: str, rows: pd.Series, native: pd.Series, registry: Registry | None) -> pd.Series:
    """The indicator of each row: the registry's (default: the project's) for the rows it names,
    else the native id. (A test checks every row the registry names is in the mirror's tables.)"""
    return rows.map((registry or for_root()).ncses_rows(table)).fillna(native)


def _frame(source_rows: pd.DataFrame, codes: pd.Series, years, indicators, values, status) -> pd.DataFrame:
    table = pd.DataFrame({"source": "ncses", "country": codes, "year": years, "indicator": indicators,
                          "value": values, "status": status, "_line": source_rows["_line"]})
    return table.dropna(subset=["country", "value", "indicator"])


def gerd_gdp(path: Path, codes: Codes, registry: Registry | None = None) -> pd.DataFrame:
    """SRD-1. The `2021a` column holds the latest year (`latest year 2019` notes say which);
    `a` marks preliminary data (status P, as in SDMX)."""
    raw = read_csv(path, ["country", "latest_year_note", "measure", "basis", "period", "value"])
    keep = raw[["measure", "basis"]].apply(tuple, axis=1).isin(GERD_MEASURES)
    raw = raw[keep & ~raw["period"].str.contains("–|-")].copy()
    period = raw["period"].str.extract(r"^(\d{4})(a?)$")
    fail_at(path, raw, period[0].isna(), "period", "expected a year, optionally followed by 'a'")
    latest = raw["latest_year_note"].str.extract(r"^latest year (\d{4})$")[0]
    fail_at(path, raw, latest.isna() & (raw["latest_year_note"] != ""), "latest_year_note",
            "expected empty or 'latest year YYYY'")
    years = period[0].astype("int64").where(period[1] != "a", latest.fillna(period[0]).astype("float"))
    native, scale = zip(*raw[["measure", "basis"]].apply(tuple, axis=1).map(GERD_MEASURES), strict=True)
    indicator = registry_ids("SRD-1", row_label(raw["measure"], raw["basis"]),
                             pd.Series(native, index=raw.index), registry)
    values = to_float(path, raw, "value", missing=MISSING, minimum=0) * list(scale)
    status = period[1].map({"a": "P", "": ""})
    out = _frame(raw, codes(path, raw, "country"), years.astype("int64"), indicator, values, status)
    check_unique(path, out, ["country", "year", "indicator"])
    return out.drop(columns="_line")


def gbard(path: Path, codes: Codes, registry: Registry | None = None) -> pd.DataFrame:
    """RD-18: the country is on its group's first row only (forward-filled); each row
    group rNNN starts with a `Year` row."""
    raw = read_csv(path, ["row_id", "time_period", "column_level_1", "column_level_2", "value"])
    raw["group"] = raw["row_id"].str.extract(r"^(r\d+)_")[0]
    fail_at(path, raw, raw["group"].isna(), "row_id", "expected rNNN_M")
    raw["time_period"] = raw["time_period"].replace("", pd.NA).ffill()
    fail_at(path, raw, raw["time_period"].isna(), "time_period", "first row must name a country")
    raw["number"] = to_float(path, raw, "value", missing=MISSING, minimum=0)
    year_rows = raw[raw["column_level_1"] == "Year"].set_index("group")["number"]
    raw["year"] = raw["group"].map(year_rows)
    fail_at(path, raw, raw["year"].isna(), "row_id", "row group has no Year row")
    raw = raw[raw["column_level_1"] != "Year"]
    native = raw.apply(_gbard_indicator, axis=1)
    fail_at(path, raw, native.isna(), "column_level_1", "unknown GBARD measure")
    indicator = registry_ids("RD-18", row_label(raw["column_level_1"], raw["column_level_2"]), native,
                             registry)
    out = _frame(raw, codes(path, raw, "time_period"), raw["year"].astype("int64"), indicator,
                 raw["number"], "")
    check_unique(path, out, ["country", "year", "indicator"])
    return out.drop(columns="_line")


def _gbard_indicator(row: pd.Series) -> str | None:
    level1, level2 = row["column_level_1"], _slug(row["column_level_2"])
    if level1.startswith("GBARD (current PPP US$millions)"):
        return "gbard_usd_ppp_m"
    if level1 == "Percentage of GBARD" and level2 in {"defense", "nondefense"}:
        return f"gbard_{level2}_pct"
    if level1 == "Percentage of nondefense" and level2:
        return f"gbard_nondefense_{level2}_pct"
    return None


def sector_funds(path: Path, codes: Codes, registry: Registry | None = None) -> pd.DataFrame:
    """SRD-2: shares of GERD by performing sector and by source of funds, 2021 or the
    year in parentheses after the name. Names carry footnote marks and a 'Non-OECD ->' prefix."""
    raw = read_csv(path, ["time_period", "column_level_1", "column_level_2", "value"])
    label = raw["time_period"].str.replace(r"<sup>.*?</sup>", "", regex=True).str.replace("Non-OECD -> ", "")
    parts = label.str.extract(r"^(.*?)(?: \((\d{4})\))?$")
    raw["name"] = parts[0].str.strip()
    raw["year"] = parts[1].fillna("2021").astype("int64")
    kinds = {"R&D performing sector: Share of total (percent)": "gerd_performed_by",
             "R&D source of funds: Share of total (percent)": "gerd_funded_by"}
    raw = raw[raw["column_level_1"].isin(kinds)].copy()
    sector = raw["column_level_2"].map(_slug).str.removesuffix("a").where(
        raw["column_level_2"] != "Private nonprofita", "private_nonprofit")
    native = raw["column_level_1"].map(kinds) + "_" + sector + "_pct"
    indicator = registry_ids("SRD-2", row_label(raw["column_level_1"], raw["column_level_2"]), native,
                             registry)
    values = to_float(path, raw, "value", missing=MISSING, minimum=0)
    out = _frame(raw, codes(path, raw, "name"), raw["year"], indicator, values, "")
    check_unique(path, out, ["country", "year", "indicator"])
    return out.drop(columns="_line")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")
