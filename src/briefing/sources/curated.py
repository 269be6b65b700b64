"""Hand-typed data with a citation on every row: facts and events from published documents
(`data/curated/facts.csv`, `events.csv`), countries' own names (`country_names.csv`)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_float

FACT_COLUMNS = ["id", "statement", "value", "unit", "year", "country", "source_id",
                "seed_file", "locator", "quote"]


EVENT_COLUMNS = ["id", "date", "date_precision", "jurisdiction", "kind", "title", "short", "source_id",
                 "seed_file", "locator", "quote"]
PRECISION = {"year": r"^\d{4}$", "month": r"^\d{4}-(0[1-9]|1[0-2])$",
             "day": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}


def _cited(path: Path, raw: pd.DataFrame, documents: dict[str, dict]) -> None:
    """Every row cites a document of data/sources.yml and that document's seed file."""
    check_unique(path, raw, ["id"])
    fail_at(path, raw, ~raw["source_id"].isin(documents), "source_id",
            f"not a document of data/sources.yml (known: {sorted(documents)})")
    expected = raw["source_id"].map(lambda s: documents.get(s, {}).get("seed"))
    fail_at(path, raw, raw["seed_file"] != expected, "seed_file", "does not match the document's seed file")


def read_facts(path: Path, documents: dict[str, dict]) -> pd.DataFrame:
    raw = read_csv(path, FACT_COLUMNS)
    raw["value"] = to_float(path, raw, "value", missing=(), minimum=None)
    _cited(path, raw, documents)
    return raw[FACT_COLUMNS].reset_index(drop=True)


def read_events(path: Path, documents: dict[str, dict]) -> pd.DataFrame:
    raw = read_csv(path, EVENT_COLUMNS)
    fail_at(path, raw, ~raw["date_precision"].isin(PRECISION), "date_precision", "must be day, month or year")
    matches = raw.apply(lambda r: bool(re.match(PRECISION.get(r["date_precision"], "$^"), r["date"])), axis=1)
    fail_at(path, raw, ~matches, "date", "date does not match its precision (YYYY, YYYY-MM or YYYY-MM-DD)")
    known = raw["jurisdiction"].isin(list(countries.GROUPS)) | raw["jurisdiction"].map(countries.is_country)
    fail_at(path, raw, ~known, "jurisdiction", f"not an ISO 3166-1 alpha-2 country code or one of {sorted(countries.GROUPS)}")
    _cited(path, raw, documents)
    events = raw[EVENT_COLUMNS].assign(year=raw["date"].str[:4].astype("int64"))
    return events.reset_index(drop=True)


NAME_COLUMNS = ["code", "name", "native_name", "language", "source", "locator"]


def read_country_names(path: Path, documents: dict[str, dict]) -> pd.DataFrame:
    """Countries' names in their own script, each row citing the CLDR file it comes from."""
    raw = read_csv(path, NAME_COLUMNS)
    check_unique(path, raw, ["code"])
    fail_at(path, raw, ~raw["code"].map(countries.is_country), "code", "not an ISO 3166-1 alpha-2 country code")
    fail_at(path, raw, raw["code"].map(countries.name) != raw["name"], "name",
            "is not the briefing's name of that code (briefing.countries.name)")
    fail_at(path, raw, raw["native_name"].str.strip() == "", "native_name", "is empty")
    return raw[NAME_COLUMNS].reset_index(drop=True)
