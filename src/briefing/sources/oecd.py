"""OECD SDMX-CSV (labels included), GERD dataflow, to `rd_indicators`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_float, to_year

COLUMNS = ["REF_AREA", "MEASURE", "SECT_PERF", "UNIT_MEASURE", "PRICE_BASE", "BASE_PER",
           "UNIT_MULT", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "OBS_STATUS_2", "OBS_STATUS_3"]
# Current prices (V) and constant 2015 prices (Q), both PPP US dollars, millions.
PRICE_INDICATORS = {"V": "gerd_usd_ppp_m", "Q": "gerd_usd_ppp_m_const2015"}


def read(files: dict[str, Path]) -> dict[str, pd.DataFrame]:
    (path,) = files.values()
    raw = read_csv(path, COLUMNS)
    expected = {"MEASURE": "G", "SECT_PERF": "_T", "UNIT_MEASURE": "USD_PPP", "UNIT_MULT": "6"}
    for column, value in expected.items():
        fail_at(path, raw, raw[column] != value, column, f"this dataflow slice must have {column}={value}")
    fail_at(path, raw, ~raw["PRICE_BASE"].isin(PRICE_INDICATORS), "PRICE_BASE", "must be V or Q")
    constant = raw["PRICE_BASE"] == "Q"
    fail_at(path, raw, constant & (raw["BASE_PER"] != "2015"), "BASE_PER", "constant prices must be 2015 prices")
    alpha2 = raw["REF_AREA"].map(countries.from_alpha3)
    fail_at(path, raw, alpha2.isna(), "REF_AREA", "not an ISO 3166-1 alpha-3 country code")
    raw["year"] = to_year(path, raw, "TIME_PERIOD")
    raw["value"] = to_float(path, raw, "OBS_VALUE", minimum=0)
    check_unique(path, raw, ["REF_AREA", "PRICE_BASE", "TIME_PERIOD"])
    status = raw[["OBS_STATUS", "OBS_STATUS_2", "OBS_STATUS_3"]].apply(
        lambda flags: "+".join(f for f in flags if f), axis=1)
    table = pd.DataFrame({
        "source": "oecd",
        "country": alpha2,
        "year": raw["year"],
        "indicator": raw["PRICE_BASE"].map(PRICE_INDICATORS),
        "value": raw["value"],
        "status": status,
    }).dropna(subset=["value"])
    return {"rd_indicators": table.reset_index(drop=True)}
