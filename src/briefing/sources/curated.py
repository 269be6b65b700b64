"""Hand-typed data with a citation on every row: facts and events from published documents
(`facts.csv`, `events.csv`), countries' own names (`data/curated/country_names.csv`).

A series brings its own (`curated:` in params: a folder of `events.csv`, `facts.csv` and
`documents.yml`, and a folder of the documents as plain text); without it an edition uses
the project's (`data/curated/`, the documents of `data/sources.yml`, and the seed documents
in `BRIEFING_SEEDS`, else `../shared/seeds` beside the project). Either way every quote must
occur verbatim (whitespace collapsed) in the document its row cites."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.sources.documents import CuratedInputs, Documents, collapse
from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_float

FACT_COLUMNS = ["id", "statement", "value", "unit", "year", "country", "source_id",
                "seed_file", "locator", "quote"]


EVENT_COLUMNS = ["id", "date", "date_precision", "jurisdiction", "kind", "title", "short", "source_id",
                 "seed_file", "locator", "quote"]
PRECISION = {"year": r"^\d{4}$", "month": r"^\d{4}-(0[1-9]|1[0-2])$",
             "day": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}


def read_curated(inputs: CuratedInputs) -> dict[str, pd.DataFrame]:
    """Facts and events of the edition's series, every quote checked against its document."""
    if inputs.tables is None:
        return {"facts": _empty(FACT_COLUMNS, value="float64"), "events": _empty(EVENT_COLUMNS, year="int64")}
    texts = inputs.documents.texts()
    tables = {}
    for name, reader, columns in (("facts", read_facts, FACT_COLUMNS), ("events", read_events, EVENT_COLUMNS)):
        path = inputs.tables / f"{name}.csv"
        if path.is_file():
            tables[name] = reader(path, inputs.documents, texts)
        else:
            tables[name] = _empty(columns, **({"value": "float64"} if name == "facts" else {"year": "int64"}))
    return tables


def _empty(columns: list[str], **dtypes: str) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in columns})
    for column, dtype in dtypes.items():
        frame[column] = pd.Series(dtype=dtype)
    return frame


def _cited(path: Path, raw: pd.DataFrame, documents: Documents, texts: dict[str, str] | None) -> None:
    """Every row cites a listed document, that document's file, and quotes it verbatim."""
    entries = documents.entries
    check_unique(path, raw, ["id"])
    fail_at(path, raw, ~raw["source_id"].isin(entries), "source_id",
            f"not a document of {documents.listed_in.name} (known: {sorted(entries)})")
    expected = raw["source_id"].map(lambda s: entries.get(s, {}).get("seed"))
    fail_at(path, raw, raw["seed_file"] != expected, "seed_file", "does not match the document's file")
    if texts is None:
        return
    quotes = raw["quote"].map(collapse)
    fail_at(path, raw, quotes == "", "quote", "is empty: a row quotes the sentence of its document that states it")
    found = [q in texts.get(f, "") for q, f in zip(quotes, raw["seed_file"], strict=True)]
    fail_at(path, raw, ~pd.Series(found, index=raw.index), "quote",
            "does not occur verbatim in its document (whitespace aside)")


def read_facts(path: Path, documents: Documents, texts: dict[str, str] | None = None) -> pd.DataFrame:
    raw = read_csv(path, FACT_COLUMNS)
    raw["value"] = to_float(path, raw, "value", missing=(), minimum=None)
    _cited(path, raw, documents, texts)
    return raw[FACT_COLUMNS].reset_index(drop=True)


def read_events(path: Path, documents: Documents, texts: dict[str, str] | None = None) -> pd.DataFrame:
    raw = read_csv(path, EVENT_COLUMNS)
    fail_at(path, raw, ~raw["date_precision"].isin(PRECISION), "date_precision", "must be day, month or year")
    matches = raw.apply(lambda r: bool(re.match(PRECISION.get(r["date_precision"], "$^"), r["date"])), axis=1)
    fail_at(path, raw, ~matches, "date", "date does not match its precision (YYYY, YYYY-MM or YYYY-MM-DD)")
    known = raw["jurisdiction"].isin(list(countries.GROUPS)) | raw["jurisdiction"].map(countries.is_country)
    fail_at(path, raw, ~known, "jurisdiction", f"not an ISO 3166-1 alpha-2 country code or one of {sorted(countries.GROUPS)}")
    _cited(path, raw, documents, texts)
    events = raw[EVENT_COLUMNS].assign(year=raw["date"].str[:4].astype("int64"))
    return events.reset_index(drop=True)


NAME_COLUMNS = ["code", "name", "native_name", "language", "source", "locator"]


def read_country_names(path: Path, documents: dict[str, dict] | None = None) -> pd.DataFrame:
    """Countries' names in their own script, each row citing the CLDR file it comes from."""
    raw = read_csv(path, NAME_COLUMNS)
    check_unique(path, raw, ["code"])
    fail_at(path, raw, ~raw["code"].map(countries.is_country), "code", "not an ISO 3166-1 alpha-2 country code")
    fail_at(path, raw, raw["code"].map(countries.name) != raw["name"], "name",
            "is not the briefing's name of that code (briefing.countries.name)")
    fail_at(path, raw, raw["native_name"].str.strip() == "", "native_name", "is empty")
    return raw[NAME_COLUMNS].reset_index(drop=True)
