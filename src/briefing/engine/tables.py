"""The engine's output tables: the canonical `pairs` and `country_output` (docs/architecture.md)
extended with `counting` (full | fractional) and `attribution` (all | corresponding),
and the directed `partners` table that corresponding-author attribution needs.

Works are floats here (fractional counting); full-counting rows hold whole
numbers, and `canonical` turns them back into the canonical integer tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefing.infra.pandera_import import Series, pa
from briefing.schemas import CODES, YEAR, check, check_model

COUNTINGS = ["full", "fractional"]
ATTRIBUTIONS = ["all", "corresponding"]
FIELD = r"^[a-z][a-z0-9_]*$"
ENGINE_SOURCES = ["openalex", "scopus"]
WORKS_COLUMNS = ("works", "works_total", "works_international")
TOLERANCE = 1e-9  # relative, for sums of fractional shares


def _whole_when_full(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    full = df["counting"] == "full"
    whole = pd.Series(True, index=df.index)
    for column in columns:
        whole &= ~full | (df[column] == np.floor(df[column]))
    return whole


class _EngineTable(pa.DataFrameModel):
    """Keys every engine table shares: where, which field and year, and how it was counted."""

    source: Series[str] = pa.Field(isin=ENGINE_SOURCES)
    field: Series[str] = pa.Field(str_matches=FIELD)
    year: Series[int] = pa.Field(**YEAR)
    counting: Series[str] = pa.Field(isin=COUNTINGS)
    attribution: Series[str] = pa.Field(isin=ATTRIBUTIONS)

    class Config:
        strict = True

    @pa.dataframe_check(error="full counting gives whole numbers of works")
    def whole(cls, df: pd.DataFrame) -> Series[bool]:
        return _whole_when_full(df, [c for c in WORKS_COLUMNS if c in df.columns])


class EnginePairs(_EngineTable):
    """Works per unordered pair (country_a < country_b), by counting and attribution.

    all: every pair of countries on a work. corresponding: only pairs that include
    a corresponding author's country (the essay's attribution)."""

    class Config:
        unique = ["source", "field", "year", "country_a", "country_b", "counting", "attribution"]

    country_a: Series[str] = pa.Field(isin=CODES)
    country_b: Series[str] = pa.Field(isin=CODES)
    works: Series[float] = pa.Field(ge=0)

    @pa.dataframe_check(error="country_a must sort before country_b")
    def ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["country_a"] < df["country_b"]


class EngineOutput(_EngineTable):
    """Works per country (all: every country on a work; corresponding: the corresponding
    author's countries only), total and internationally co-authored (> 1 distinct country)."""

    class Config:
        unique = ["source", "field", "year", "country", "counting", "attribution"]

    country: Series[str] = pa.Field(isin=CODES)
    works_total: Series[float] = pa.Field(ge=0)
    works_international: Series[float] = pa.Field(ge=0)

    @pa.dataframe_check(error="works_international must not exceed works_total")
    def international_within_total(cls, df: pd.DataFrame) -> Series[bool]:
        return df["works_international"] <= df["works_total"] * (1 + TOLERANCE)


class EnginePartners(_EngineTable):
    """Directed, corresponding attribution: works whose corresponding author is in
    `country`, co-authored with `partner` (the essay's Figures 2 and 4)."""

    class Config:
        unique = ["source", "field", "year", "country", "partner", "counting", "attribution"]

    country: Series[str] = pa.Field(isin=CODES)
    partner: Series[str] = pa.Field(isin=CODES)
    works: Series[float] = pa.Field(ge=0)
    attribution: Series[str] = pa.Field(isin=["corresponding"])

    @pa.dataframe_check(error="a country is not its own partner")
    def distinct(cls, df: pd.DataFrame) -> Series[bool]:
        return df["country"] != df["partner"]


TABLES: dict[str, type[pa.DataFrameModel]] = {"pairs": EnginePairs, "country_output": EngineOutput,
                                               "partners": EnginePartners}


def check_engine(name: str, frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Validate one engine output table (see TABLES; each model's Config.unique is its key)."""
    return check_model(TABLES[name], frame, f"{origin} -> table '{name}'")


def canonical(name: str, frame: pd.DataFrame, attribution: str = "all") -> pd.DataFrame:
    """The full-counting rows of an engine table as the canonical `pairs` or `country_output`."""
    rows = frame[(frame["counting"] == "full") & (frame["attribution"] == attribution)]
    rows = rows.drop(columns=["counting", "attribution"]).reset_index(drop=True)
    if name == "pairs":
        return check("pairs", rows.assign(works=rows["works"].astype("int64")), "engine")
    total = rows["works_total"].astype("Int64")
    international = rows["works_international"].astype("Int64")
    # A work with one distinct country is domestic; records give both counts, so the rest is exact.
    return check("country_output", rows.assign(works_total=total, works_international=international,
                                               works_domestic=total - international), "engine")
