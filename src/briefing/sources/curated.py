"""Hand-typed facts from published documents (`data/curated/facts.csv`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_float

FACT_COLUMNS = ["id", "statement", "value", "unit", "year", "country", "source_id",
                "seed_file", "locator", "quote"]


def read_facts(path: Path, documents: dict[str, dict]) -> pd.DataFrame:
    raw = read_csv(path, FACT_COLUMNS)
    raw["value"] = to_float(path, raw, "value", missing=(), minimum=None)
    check_unique(path, raw, ["id"])
    fail_at(path, raw, ~raw["source_id"].isin(documents), "source_id",
            f"not a document of data/sources.yml (known: {sorted(documents)})")
    expected = raw["source_id"].map(lambda s: documents.get(s, {}).get("seed"))
    fail_at(path, raw, raw["seed_file"] != expected, "seed_file", "does not match the document's seed file")
    return raw[FACT_COLUMNS].reset_index(drop=True)
