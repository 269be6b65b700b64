"""Checks on data/curated/facts.csv, the quantitative claims of the five seed documents.

Every row must quote its seed verbatim, and its value must be readable from that quote.
The seeds live outside the repository (../shared/seeds); without them every test of the module fails, saying so.
"""

from __future__ import annotations

import math
import re

import pytest

from tests.conftest import REPO, require
from tests.curated_checks import SEEDS_DIR, check_quotes, check_shape, load_rows

FACTS_CSV = REPO / "data" / "curated" / "facts.csv"

require(SEEDS_DIR.is_dir(), f"the seed documents folder {SEEDS_DIR}", "put ../shared/seeds beside the project or set BRIEFING_SEEDS")

HEADER = ["id", "statement", "value", "unit", "year", "country", "source_id", "seed_file", "locator", "quote"]
ID_RE = re.compile(r"^seed\.[a-z0-9_]+(\.[A-Za-z0-9_-]+)*$")
SOURCE_BY_PREFIX = {
    "000": "fuyuno2020",
    "001": "nature2024korea",
    "002": "glosserman2024",
    "003": "spf2021",
    "004": "yoshioka2020",
}

# id -> (value, unit, year, country) that other parts of the briefing rely on.
REQUIRED = {
    "seed.gerd_pct_gdp.JP.2018": (3.28, "pct_of_gdp", "2018", "JP"),
    "seed.gerd_pct_gdp.KR.2018": (4.53, "pct_of_gdp", "2018", "KR"),
    "seed.rd_budget_cut_pct.KR.2024": (14.7, "pct", "2024", "KR"),
    "seed.global_rd_budget_krw_bn.KR.2023": (500, "krw_bn", "2023", "KR"),
    "seed.global_rd_budget_krw_bn.KR.2024": (1800, "krw_bn", "2024", "KR"),
    "seed.global_rd_budget_share_pct.KR.2023": (1.6, None, "2023", "KR"),
    "seed.global_rd_budget_share_pct.KR.2024": (6.8, None, "2024", "KR"),
    "seed.rd_budget_jpy_bn.JP.2021": (1350, "jpy_bn", "2021", "JP"),
    "seed.ni_pair_rank.JP-KR.2015": (4, "rank", "2015", "JP-KR"),
    "seed.ni_pair_rank.JP-KR.2019": (6, "rank", "2019", "JP-KR"),
    "seed.ni_share.KR.US.2023": (639.94, None, "2023", None),
    "seed.ni_share.KR.CN.2023": (300.81, None, "2023", None),
    "seed.ni_share.KR.JP.2023": (114.88, None, "2023", None),
    "seed.ni_articles_growth_pct.CN-KR.2015-2023": (222, "pct_change", "2015-2023", "CN-KR"),
    "seed.ni_articles_growth_pct.KR-US.2015-2023": (-4, "pct_change", "2015-2023", "KR-US"),
    "seed.dl_share_pct.CN.US.2015-2019": (14, None, "2015-2019", None),
    "seed.dl_share_pct.US.CN.2015-2019": (11, None, "2015-2019", None),
    "seed.qc_intl_share_pct.CN.US.2015-2019": (84, None, "2015-2019", None),
    "seed.intl_collab_pub_share_pct.WORLD.1980": (4.7, None, "1980", "WORLD"),
    "seed.intl_collab_pub_share_pct.WORLD.2021": (25.7, None, "2021", "WORLD"),
    "seed.top1pct_paper_rank.JP.2022": (12, "rank", "2022", "JP"),
}
REQUIRED_PREFIXES = ["seed.ni_pair_rank.", "seed.top1pct_paper_rank.JP.", "seed.qc_share_pct.", "seed.dl_share_pct."]

# Written forms of numbers that appear in the seeds as words.
WORD_NUMBERS = {
    "one": [1], "two": [2], "three": [3], "four": [4], "five": [5], "six": [6], "seven": [7],
    "eight": [8], "nine": [9], "ten": [10], "eleven": [11], "twelve": [12], "twenty": [20],
    "first": [1], "second": [2], "third": [3], "fourth": [4], "fifth": [5], "sixth": [6],
    "seventh": [7], "eighth": [8], "ninth": [9], "tenth": [10], "eleventh": [11], "twelfth": [12],
    "twice": [2], "double": [2], "doubled": [2], "triple": [3], "tripled": [3], "quadrupled": [4],
    "half": [0.5, 50],
}
# A superlative states rank 1; only accepted for rows whose unit is `rank`.
SUPERLATIVES = {"largest", "highest", "lowest", "biggest", "most", "top", "first", "leading"}
DECREASE_WORDS = re.compile(
    r"\b(drop|dropped|fall|fell|fallen|falling|decline|declined|decrease|decreased|cut|reduction|down|lower|shrank)\b"
)
NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


@pytest.fixture(scope="module")
def facts() -> list[dict[str, str]]:
    assert FACTS_CSV.is_file(), f"missing {FACTS_CSV}"
    return load_rows(FACTS_CSV)[1]


def numbers_in(quote: str, unit: str) -> list[float]:
    """Every number written in `quote`: digits (with thousands commas), number words, ordinals."""
    found: list[float] = []
    for token in NUMBER_RE.findall(quote):
        token = token.rstrip(",").replace(",", "")
        found.append(float(token))
    lower = quote.lower()
    for word, values in WORD_NUMBERS.items():
        if re.search(rf"\b{word}\b", lower):
            found.extend(values)
    if unit == "rank" and any(re.search(rf"\b{w}\b", lower) for w in SUPERLATIVES):
        found.append(1.0)
    return found


def value_in_quote(value: float, quote: str, unit: str) -> bool:
    signs = [1.0, -1.0] if DECREASE_WORDS.search(quote.lower()) else [1.0]
    for number in numbers_in(quote, unit):
        for scale in (1.0, 1000.0):  # 1000: "1.8 trillion won" recorded as 1800 krw_bn
            for sign in signs:
                if math.isclose(number * scale * sign, value, rel_tol=0.0, abs_tol=1e-9):
                    return True
    return False


def test_header_row_count_and_ids() -> None:
    check_shape(FACTS_CSV, HEADER, ID_RE, 40)


def test_quotes_occur_verbatim_in_seeds(facts: list[dict[str, str]]) -> None:
    check_quotes(facts)


def test_values_numeric_and_present_in_quote(facts: list[dict[str, str]]) -> None:
    not_numeric = [r["id"] for r in facts if not re.fullmatch(r"-?\d+(\.\d+)?", r["value"])]
    assert not not_numeric, f"values that are not plain decimals: {not_numeric}"
    missing = [
        f"{r['id']}={r['value']}" for r in facts if not value_in_quote(float(r["value"]), r["quote"], r["unit"])
    ]
    assert not missing, f"values not found in any written form in their quote: {missing}"


def test_normaliser_rejects_wrong_values() -> None:
    assert value_in_quote(1800, "committing to 1.8 trillion won", "krw_bn")
    assert value_in_quote(-4, "output, which dropped by 4% over the same period", "pct_change")
    assert not value_in_quote(-4, "output, which grew by 4% over the same period", "pct_change")
    assert value_in_quote(6, "has fallen from 4th to 6th rank", "rank")
    assert value_in_quote(4, "ranking had fallen from fourth in the 1990s", "rank")
    assert not value_in_quote(5, "has fallen from 4th to 6th rank", "rank")
    assert not value_in_quote(1, "the world's largest producer", "pct")


def test_sources_countries_years_units(facts: list[dict[str, str]]) -> None:
    problems = []
    for r in facts:
        expected = SOURCE_BY_PREFIX.get(r["seed_file"][:3])
        if expected is None or r["source_id"] != expected:
            problems.append(f"{r['id']}: source_id {r['source_id']!r} vs seed_file {r['seed_file']!r}")
        country = r["country"]
        if country not in ("", "WORLD"):
            parts = country.split("-")
            ok = (
                len(parts) in (1, 2)
                and all(re.fullmatch(r"[A-Z]{2}", p) for p in parts)
                and parts == sorted(parts)
                and len(set(parts)) == len(parts)
            )
            if not ok:
                problems.append(f"{r['id']}: country {country!r}")
        year = r["year"]
        m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", year)
        if year and (not m or (m.group(2) and int(m.group(2)) < int(m.group(1)))):
            problems.append(f"{r['id']}: year {year!r}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", r["unit"]):
            problems.append(f"{r['id']}: unit {r['unit']!r}")
        if not r["statement"].strip() or not r["locator"].strip():
            problems.append(f"{r['id']}: empty statement or locator")
    assert not problems, "\n".join(problems)


def test_required_ids_present_with_expected_values(facts: list[dict[str, str]]) -> None:
    by_id = {r["id"]: r for r in facts}
    missing = sorted(set(REQUIRED) - set(by_id))
    assert not missing, f"required ids missing: {missing}"
    wrong = []
    for id_, (value, unit, year, country) in REQUIRED.items():
        r = by_id[id_]
        if not math.isclose(float(r["value"]), value, abs_tol=1e-9):
            wrong.append(f"{id_}: value {r['value']} != {value}")
        if unit is not None and r["unit"] != unit:
            wrong.append(f"{id_}: unit {r['unit']} != {unit}")
        if r["year"] != year:
            wrong.append(f"{id_}: year {r['year']} != {year}")
        if country is not None and r["country"] != country:
            wrong.append(f"{id_}: country {r['country']} != {country}")
    assert not wrong, "\n".join(wrong)
    for prefix in REQUIRED_PREFIXES:
        assert sum(i.startswith(prefix) for i in by_id) >= 2, f"fewer than two rows with id prefix {prefix}"
    per_seed = {p: sum(r["seed_file"].startswith(p) for r in facts) for p in SOURCE_BY_PREFIX}
    assert all(per_seed.values()), f"a seed has no rows: {per_seed}"
