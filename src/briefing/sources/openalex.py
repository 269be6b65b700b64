"""OpenAlex pair table (DERIVED CSV of group_by counts) to `pairs` and `country_output`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_int

PAIRS_FILE = "country_pairs_1990_2023.csv"
NAMES_FILE = "iso2_country_names.csv"


def read(files: dict[str, Path]) -> dict[str, pd.DataFrame]:
    path = files[PAIRS_FILE]
    names = read_csv(files[NAMES_FILE], ["code", "name"], sep=";")
    known = set(names["code"]) | set(countries.all_codes())
    raw = read_csv(path, ["year", "country_a", "country_b", "works"])
    raw["year"] = to_int(path, raw, "year", minimum=1900)
    raw["works"] = to_int(path, raw, "works", minimum=0)
    for column in ("country_a", "country_b"):
        fail_at(path, raw, ~raw[column].isin(known), column, "unknown country code")
    fail_at(path, raw, raw["country_a"] > raw["country_b"], "country_b", "country_a must sort before country_b")
    check_unique(path, raw, ["year", "country_a", "country_b"])
    raw = raw.assign(source="openalex", field="all")
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
