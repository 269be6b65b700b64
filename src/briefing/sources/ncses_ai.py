"""NCSES artificial-intelligence article tables (Scopus, whole counts), summed over
2003-2022 with no yearly split: SPBS-92 (pair matrix) to `period_pairs`, SPBS-91
(articles by coauthorship attribute) to `period_output`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.errors import InputError
from briefing.sources.readcsv import check_unique, fail_at, read_csv, to_int

MATRIX_FILE = "sei2024_ai_intl_coauthored_matrix_2003_2022.csv"
TOTALS_FILE = "sei2024_ai_articles_by_country_2003_2022.csv"
FIELD = "artificial_intelligence"
NAME = "region_country_or_economy"
ID_COLUMNS = ("table_id", "row_id", NAME)
TOTALS = {
    "number_of_papers_whole_": "works_total",
    "papers_involving_international_institutions_whole_": "works_international",
    "papers_involving_only_domestic_institutions_whole_": "works_domestic",
}

Codes = Callable[[Path, pd.DataFrame, str], pd.Series]


def period_of(path: Path) -> tuple[int, int]:
    """The years a summed table covers, from its name (`..._2003_2022.csv`): the files
    carry no year column, NCSES states the period only in the title."""
    found = re.search(r"_(\d{4})_(\d{4})\.csv$", path.name)
    if not found or int(found[1]) > int(found[2]):
        raise InputError(str(path), "file name must end in _<first year>_<last year>.csv (the period summed)")
    return int(found[1]), int(found[2])


def snake(name: str) -> str:
    """'South Korea' -> 'south_korea', as NCSES names the partner columns."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def partner_codes(path: Path, partners: list[str], row_codes: dict[str, str]) -> dict[str, str]:
    """Alpha-2 code of each snake_case partner column: the row whose name it spells, else
    the name read back from snake case; an unknown column is an error."""
    codes = {}
    for column in partners:
        code = row_codes.get(column) or countries.from_name(column.replace("_", " ").title())
        if code is None:
            raise InputError(f"{path}, line 1, column '{column}'", "unknown country name in the header")
        codes[column] = code
    return codes


def pair_matrix(path: Path, codes: Codes) -> pd.DataFrame:
    """SPBS-92: 60x60 matrix of internationally co-authored AI articles, one column a partner.

    It must be square (the same economies down and across), zero on the diagonal and
    symmetric (SEI 2024: it is); each unordered pair is kept once."""
    raw = read_csv(path, list(ID_COLUMNS))
    partners = [c for c in raw.columns if c not in ID_COLUMNS and c != "_line"]
    raw["code"] = codes(path, raw, NAME)
    fail_at(path, raw, raw["code"].isna(), NAME, "a row of the matrix must be one economy")
    check_unique(path, raw, ["code"])
    by_column = partner_codes(path, partners, dict(zip(raw[NAME].str.strip().map(snake), raw["code"], strict=True)))
    rows, across = set(raw["code"]), set(by_column.values())
    if rows != across or len(across) != len(partners):
        raise InputError(str(path), f"matrix must be square: rows without a column {sorted(rows - across)}, "
                                    f"columns without a row {sorted(across - rows)}")
    for column in partners:
        raw[column] = to_int(path, raw, column, minimum=0)
    long = raw.melt(id_vars=["code", "_line"], value_vars=partners, var_name="column", value_name="works")
    long["partner"] = long["column"].map(by_column)
    self_pairs = long["code"] == long["partner"]
    fail_at(path, long, self_pairs & (long["works"] != 0), "column", "the diagonal must be 0")
    _check_symmetric(path, long[~self_pairs])
    once = long[long["code"] < long["partner"]].sort_values(["code", "partner"])
    start, end = period_of(path)
    return pd.DataFrame({
        "source": "ncses", "field": FIELD, "year_start": start, "year_end": end,
        "country_a": once["code"], "country_b": once["partner"], "works": once["works"].astype("int64"),
    }).reset_index(drop=True)


def _check_symmetric(path: Path, long: pd.DataFrame) -> None:
    both = long.merge(long, left_on=["code", "partner"], right_on=["partner", "code"],
                      suffixes=("", "_rev"), validate="1:1")
    bad = both[both["works"] != both["works_rev"]].sort_values("_line", kind="stable")
    if not bad.empty:
        row = bad.iloc[0]
        raise InputError(f"{path}, line {row['_line']}, column '{row['column']}'",
                         f"matrix must be symmetric: {row['code']}-{row['partner']} {row['works']} vs "
                         f"{row['partner']}-{row['code']} {row['works_rev']} (line {row['_line_rev']})")


def totals(path: Path, codes: Codes) -> pd.DataFrame:
    """SPBS-91: AI articles per economy summed over the period (whole counts): total,
    international and domestic-only; World, Unassigned and areas without a code dropped."""
    raw = read_csv(path, [NAME, *TOTALS])
    raw["code"] = codes(path, raw, NAME)
    kept = raw[raw["code"].notna()].copy()
    check_unique(path, kept, ["code"])
    start, end = period_of(path)
    out = pd.DataFrame({"source": "ncses", "field": FIELD, "year_start": start, "year_end": end,
                        "country": kept["code"]})
    for column, measure in TOTALS.items():
        out[measure] = to_int(path, kept, column, minimum=0).astype("Int64")
    return out.sort_values("country").reset_index(drop=True)
