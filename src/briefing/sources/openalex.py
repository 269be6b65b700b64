"""OpenAlex pair table (DERIVED CSV of group_by counts) to `pairs` and `country_output`.

The mirror's file covers all fields (no `field` column); a live fetch writes
`country_pairs_<first>_<last>.csv` with a `field` column, one block per field."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.errors import InputError
from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_int, to_year

PAIRS_FILE = "country_pairs_1990_2023.csv"  # the mirror's
PAIRS_PATTERN = "country_pairs_*.csv"
NAMES_FILE = "iso2_country_names.csv"
FIELD_NAME = r"^[a-z][a-z0-9_]*$"


def pairs_file(files: dict[str, Path]) -> Path:
    hits = sorted(name for name in files if fnmatch(name, PAIRS_PATTERN))
    if len(hits) != 1:
        folder = next(iter(files.values())).parent if files else Path(".")
        raise InputError(str(folder), f"expected one {PAIRS_PATTERN} file, found {hits or 'none'}")
    return files[hits[0]]


def fields_of(path: Path, raw: pd.DataFrame) -> pd.Series:
    """The `field` column when present (live files), else 'all' (the mirror's table)."""
    if "field" not in raw.columns:
        return pd.Series("all", index=raw.index)
    fail_at(path, raw, ~raw["field"].str.fullmatch(FIELD_NAME), "field", "field names are lowercase snake_case")
    return raw["field"]


def read(files: dict[str, Path]) -> dict[str, pd.DataFrame]:
    path = pairs_file(files)
    names = read_csv(files[NAMES_FILE], ["code", "name"], sep=";")
    known = set(names["code"]) | set(countries.all_codes())
    raw = read_csv(path, ["year", "country_a", "country_b", "works"])
    raw["year"] = to_year(path, raw, "year")
    raw["works"] = to_int(path, raw, "works", minimum=0)
    for column in ("country_a", "country_b"):
        fail_at(path, raw, ~raw[column].isin(known), column, "unknown country code")
    fail_at(path, raw, raw["country_a"] > raw["country_b"], "country_b", "country_a must sort before country_b")
    raw = raw.assign(source="openalex", field=fields_of(path, raw))
    check_unique(path, raw, ["field", "year", "country_a", "country_b"])
    # The diagonal (country_a == country_b) is the country's total of international works.
    diagonal = raw["country_a"] == raw["country_b"]
    pairs = raw.loc[~diagonal, ["source", "field", "year", "country_a", "country_b", "works"]]
    output = raw.loc[diagonal].rename(columns={"country_a": "country", "works": "works_international"})
    # The pair table counts only internationally co-authored works: no total, no domestic count.
    missing = pd.array([pd.NA] * len(output), dtype="Int64")
    output = output.assign(works_total=missing, works_domestic=missing,
                           works_international=output["works_international"].astype("Int64"))[
        ["source", "field", "year", "country", "works_total", "works_international", "works_domestic"]]
    return {"pairs": pairs.reset_index(drop=True), "country_output": output.reset_index(drop=True)}
