"""The canonical tables: their names, keys and files, and how a section reads them.
Importable without pandas or pandera (pandas is imported when a table is read)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

# Every value the `source` column of a canonical table may take.
SOURCE_NAMES = ["openalex", "ncses", "worldbank", "oecd", "scopus"]
# The sources with an adapter and a snapshot in data/raw, in the order they are read.
SOURCES = ["ncses", "oecd", "openalex", "worldbank"]
# Record-level works (the engine's input), snapshotted per field in data/raw/<RECORDS_SOURCE>/.
RECORDS_SOURCE = "openalex_works"

# The years a canonical table may hold (schemas) and a source file may give (sources.readcsv).
YEAR = {"ge": 1900, "le": 2100}

KEYS: dict[str, list[str]] = {
    "pairs": ["source", "field", "year", "country_a", "country_b"],
    "country_output": ["source", "field", "year", "country"],
    "period_pairs": ["source", "field", "year_start", "year_end", "country_a", "country_b"],
    "period_output": ["source", "field", "year_start", "year_end", "country"],
    "rd_indicators": ["source", "country", "year", "indicator"],
    "partner_shares": ["source", "field", "year", "country", "partner"],
    "facts": ["id"],
    "events": ["id"],
    "country_names": ["code"],
}

# The key under which a section's displayed outputs carry their label, kind and files.
METADATA_KEY = "briefing"

TABLES = ["pairs", "country_output", "period_pairs", "period_output", "rd_indicators", "partner_shares", "facts",
          "events", "country_names"]
# Record-level counts by field (engine output), empty when no records are snapshotted.
FIELD_TABLES = {
    "field_partners": ("partners", ["source", "field", "year", "country", "partner", "counting", "attribution",
                                    "works"]),
    "field_output": ("country_output", ["source", "field", "year", "country", "counting", "attribution",
                                        "works_total", "works_international"]),
}
INPUTS_FILE = "inputs.json"
SOURCES_FILE = "sources.json"
YEARS_FILE = "years.json"  # each yearly table's first and last year by source (`series.window`)


def read_catalogue(build: Path) -> dict:
    """The source catalogue of an edition's build: sources.yml with each snapshot's metadata."""
    return json.loads((build / "data" / SOURCES_FILE).read_text(encoding="utf-8"))


DOCUMENT_TABLES = ("facts", "events")  # rows chosen by id, then set against the window where used


def within_window(frame: pd.DataFrame, window: tuple[int, int] | None, name: str = "") -> pd.DataFrame:
    """`frame`'s rows whose `year` (or, for a period, `year_end`) lies in `window`; all of them
    without a window or a year column. Documents' rows (`facts`, `events`) are chosen by id, not here."""
    import pandas as pd

    if window is None or name in DOCUMENT_TABLES:
        return frame
    first, last = window
    column = "year" if "year" in frame.columns else "year_end" if "year_end" in frame.columns else None
    if column is None or not pd.api.types.is_integer_dtype(frame[column]):
        return frame
    inside = frame[(frame[column] >= first) & (frame[column] <= last)].reset_index(drop=True)
    if {"source", "field"} <= set(frame.columns):  # what the whole table holds, for `metrics.select_required`
        inside.attrs["held"] = sorted(set(zip(frame["source"], frame["field"], strict=True)))
    return inside


def read_table(build: Path, name: str) -> pd.DataFrame:
    """A validated table of an edition's build folder."""
    import pandas as pd

    return pd.read_parquet(build / "data" / f"{name}.parquet")
