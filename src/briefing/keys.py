"""Light constants about the canonical tables, importable without pandas or pandera."""

from __future__ import annotations

# Every value the `source` column of a canonical table may take.
SOURCE_NAMES = ["openalex", "ncses", "worldbank", "oecd", "scopus"]
# The sources with an adapter and a snapshot in data/raw, in the order they are read.
SOURCES = ["ncses", "oecd", "openalex", "worldbank"]

# The years a canonical table may hold (schemas) and a source file may give (sources.readcsv).
YEAR = {"ge": 1900, "le": 2100}

KEYS: dict[str, list[str]] = {
    "pairs": ["source", "field", "year", "country_a", "country_b"],
    "country_output": ["source", "field", "year", "country"],
    "period_pairs": ["source", "field", "year_start", "year_end", "country_a", "country_b"],
    "period_output": ["source", "field", "year_start", "year_end", "country"],
    "rd_indicators": ["source", "country", "year", "indicator"],
    "facts": ["id"],
    "events": ["id"],
    "country_names": ["code"],
}

# The key under which a section's displayed outputs carry their label, kind and files.
METADATA_KEY = "briefing"
