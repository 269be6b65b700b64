"""Integer counts -> output tables (briefing.engine.finish): the same bytes whatever
order an engine hands the counts back in, sums exact to a float, and empty input."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from briefing.engine.aggregate import write_parquet
from briefing.engine.finish import finish

FIELDS = ["Computer Science", "Physics and Astronomy", "Medicine"]
CODES = ["CN", "DE", "GB", "JP", "KR", "US"]


def counts(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Country and pair counts with many (n, k, flag) terms per key, so sums have many addends."""
    rows, pairs = [], []
    for f, field in enumerate(FIELDS):
        for year in (2019, 2020):
            for i, a in enumerate(CODES):
                for n in range(1, 7):
                    for k in range(0, 3):
                        for corr in (False, True):
                            works = (7 * f + 3 * i + 5 * n + 11 * k + year + corr) % 13 + 1
                            rows.append(("openalex", field, year, a, n, k, corr, works))
                            for b in CODES[i + 1:]:
                                if n > 1:
                                    pairs.append(("openalex", field, year, a, b, n, max(k, 1), corr, not corr,
                                                  works + len(b)))
    country = pd.DataFrame(rows, columns=["source", "field", "year", "country", "n", "k", "is_corresponding", "works"])
    pair = pd.DataFrame(pairs, columns=["source", "field", "year", "country_a", "country_b", "n", "k", "corr_a",
                                        "corr_b", "works"])
    return country, pair


def parquet_bytes(tables: dict[str, pd.DataFrame], tmp_path) -> dict[str, bytes]:
    out = {}
    for name, frame in tables.items():
        path = tmp_path / f"{name}.parquet"
        write_parquet(frame, path)
        out[name] = path.read_bytes()
    return out


def test_row_order_of_the_counts_does_not_change_a_byte(tmp_path):
    country, pair = counts()
    first = parquet_bytes(finish(country, pair), tmp_path)
    for seed in (1, 2, 3):
        shuffled = finish(country.sample(frac=1, random_state=seed), pair.sample(frac=1, random_state=seed + 10))
        assert parquet_bytes(shuffled, tmp_path) == first


def test_fractional_sums_match_exact_fractions():
    from fractions import Fraction

    country, pair = counts()
    out = finish(country, pair)["country_output"]
    row = out[(out["field"] == "computer_science") & (out["year"] == 2020) & (out["country"] == "JP")
              & (out["counting"] == "fractional") & (out["attribution"] == "all")].iloc[0]
    terms = country[(country["field"] == "Computer Science") & (country["year"] == 2020) & (country["country"] == "JP")]
    exact = sum(Fraction(int(w), int(n)) for w, n in zip(terms["works"], terms["n"], strict=True))
    assert row["works_total"] == float(exact)  # correctly rounded, not merely close


def test_output_is_sorted_and_labelled():
    country, pair = counts()
    tables = finish(country, pair)
    pairs = tables["pairs"]
    keys = ["source", "field", "year", "country_a", "country_b", "counting", "attribution"]
    assert pairs.equals(pairs.sort_values(keys).reset_index(drop=True))
    assert set(zip(pairs["counting"], pairs["attribution"], strict=True)) == {
        ("full", "all"), ("fractional", "all"), ("full", "corresponding"), ("fractional", "corresponding")}
    assert set(tables["partners"]["attribution"]) == {"corresponding"}


def test_no_international_works_gives_empty_pair_tables():
    country, pair = counts()
    domestic = country[country["n"] == 1]
    tables = finish(domestic, pair.iloc[0:0])
    assert len(tables["pairs"]) == 0 and len(tables["partners"]) == 0
    assert list(tables["pairs"].columns) == ["source", "field", "year", "country_a", "country_b", "works", "counting",
                                             "attribution"]
    assert (tables["country_output"]["works_international"] == 0).all()
    assert len(tables["country_output"]) > 0


@pytest.mark.parametrize("column", ["works", "n"])
def test_counts_must_be_whole_numbers(column):
    """An engine hands back integers; a fractional count is refused, not truncated."""
    country, pair = counts()
    broken = country.assign(**{column: country[column].astype("float64") + 0.5})
    with pytest.raises(pa.ArrowInvalid, match="truncated"):
        finish(broken, pair)
