"""Pair metrics on a tiny pair table."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.metrics import pairs as m

PAIRS = pd.DataFrame({
    "source": "openalex", "field": "all",
    "year": [2015, 2015, 2015, 2023, 2023, 2023],
    "country_a": ["CN", "JP", "CN", "CN", "JP", "CN"],
    "country_b": ["JP", "KR", "KR", "JP", "KR", "KR"],
    "works": [10, 4, 6, 20, 5, 18],
})
OUTPUT = pd.DataFrame({"source": "openalex", "field": "all", "year": [2015, 2023, 2015, 2023],
                       "country": ["KR", "KR", "JP", "JP"], "works_total": pd.NA,
                       "works_international": [20, 40, 50, 100], "works_domestic": pd.NA})


def test_directed_is_symmetric():
    both = m.directed(PAIRS)
    assert len(both) == 2 * len(PAIRS)
    a = both[(both.country == "JP") & (both.partner == "KR")].set_index("year").works
    b = both[(both.country == "KR") & (both.partner == "JP")].set_index("year").works
    assert a.equals(b)


def test_pair_works_either_order():
    assert m.pair_works(PAIRS, "KR", "JP")["works"].tolist() == [4, 5]


def test_partner_shares_divide_by_international_total():
    shares = m.partner_shares(PAIRS, OUTPUT, "KR").set_index(["year", "partner"])["share_pct"]
    assert shares[(2015, "CN")] == pytest.approx(30.0)
    assert shares[(2023, "JP")] == pytest.approx(12.5)


def test_pair_ranks_within_region_each_year():
    ranks = m.pair_ranks(PAIRS, ["CN", "JP", "KR"])
    in_2023 = ranks[ranks.year == 2023][["country_a", "country_b", "rank"]].values.tolist()
    assert in_2023 == [["CN", "JP", 1], ["CN", "KR", 2], ["JP", "KR", 3]]
    assert m.pair_ranks(PAIRS, ["JP", "KR"])["rank"].tolist() == [1, 1]


def test_indexed_and_top_partners():
    series = m.pair_works(PAIRS, "CN", "KR")
    assert m.indexed(series, "works", 2015).tolist() == [100.0, 300.0]
    grouped = m.directed(PAIRS)
    grouped = grouped[grouped.country == "KR"].sort_values(["partner", "year"])
    assert m.indexed(grouped, "works", 2015, by=["partner"]).tolist() == [100.0, 300.0, 100.0, 125.0]
    assert m.top_partners(PAIRS, "KR", 2023)["partner"].tolist() == ["CN", "JP"]
