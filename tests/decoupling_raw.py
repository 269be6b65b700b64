"""Expected values of the decoupling section computed straight from the raw mirror files
with the csv module, independently of project code (shared by the section test and the
other-poles acceptance test)."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

NAMES = {"CN": "China", "US": "United States", "JP": "Japan", "KR": "South Korea", "TW": "Taiwan",
         "DE": "Germany", "AU": "Australia", "SG": "Singapore"}


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=2)
def openalex(mirror: Path) -> dict[tuple[int, str, str], int]:
    """(year, country_a, country_b) -> works; the diagonal is a country's international total.
    The csv module converts nothing, so Namibia stays 'NA'."""
    return {(int(r["year"]), r["country_a"], r["country_b"]): int(r["works"])
            for r in _rows(mirror / "openalex" / "country_pairs_1990_2023.csv")}


def openalex_pair(mirror: Path, year: int, a: str, b: str) -> int:
    lo, hi = sorted((a, b))
    return openalex(mirror)[(year, lo, hi)]


def openalex_share(mirror: Path, year: int, country: str, pole: str) -> float:
    """Share of `country`'s international works co-authored with `pole` = pair / diagonal."""
    return 100 * openalex_pair(mirror, year, country, pole) / openalex(mirror)[(year, country, country)]


@lru_cache(maxsize=2)
def ai_matrix(mirror: Path) -> dict[str, dict[str, str]]:
    return {r["region_country_or_economy"]: r
            for r in _rows(mirror / "ncses" / "sei2024_ai_intl_coauthored_matrix_2003_2022.csv")}


@lru_cache(maxsize=2)
def ai_totals(mirror: Path) -> dict[str, dict[str, str]]:
    return {r["region_country_or_economy"]: r
            for r in _rows(mirror / "ncses" / "sei2024_ai_articles_by_country_2003_2022.csv")}


def ai_pair(mirror: Path, country: str, pole: str) -> int:
    column = re.sub(r"[^a-z]+", "_", NAMES[pole].lower())
    return int(ai_matrix(mirror)[NAMES[country]][column])


def ai_share(mirror: Path, country: str, pole: str) -> float:
    totals = ai_totals(mirror)[NAMES[country]]
    return 100 * ai_pair(mirror, country, pole) / int(totals["papers_involving_international_institutions_whole_"])


def ai_output_share(mirror: Path, country: str, pole: str) -> float:
    totals = ai_totals(mirror)[NAMES[country]]
    output = (int(totals["papers_involving_international_institutions_whole_"])
              + int(totals["papers_involving_only_domestic_institutions_whole_"]))
    return 100 * ai_pair(mirror, country, pole) / output


@lru_cache(maxsize=2)
def ncses_counts(mirror: Path) -> dict[tuple[str, str, str, str], int]:
    """(field, country, attribute, year) -> articles, SPBS-33/99."""
    return {(r["field"], r["country"], r["attribute"], r["year"]): int(r["articles"])
            for r in _rows(mirror / "ncses" / "sei2024_articles_by_coauthorship_2003_2022.csv")}


@lru_cache(maxsize=2)
def ncses_pairs(mirror: Path) -> dict[tuple[str, str, str], int]:
    """(year, country, partner) -> articles, SPBS-35 (all fields)."""
    return {(r["year"], r["country"], r["partner"]): int(r["articles"])
            for r in _rows(mirror / "ncses" / "sei2024_intl_coauthored_pairs_2003_2022.csv")}


def ncses_share(mirror: Path, year: int, country: str, pole: str, *, of_output: bool = False) -> float:
    """All fields: pair / international articles, or / (domestic-only + international)."""
    counts = ncses_counts(mirror)
    name, y = NAMES[country], str(year)
    intl = counts[("All S&E fields", name, "Total articles > With international institutions", y)]
    domestic = counts[("All S&E fields", name, "Total articles > With domestic institutions only", y)]
    pair = ncses_pairs(mirror)[(y, name, NAMES[pole])]
    return 100 * pair / (intl + domestic if of_output else intl)
