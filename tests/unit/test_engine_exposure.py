"""Exposure to the poles by corresponding-author country (the essay's Figures 2 and 4),
and the engine tables' schemas."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.engine.exposure import corresponding_exposure, pooled
from briefing.engine.tables import canonical, check_engine
from briefing.errors import InputError
from tests.engine_helpers import authorship, run, work


@pytest.fixture
def tables(tmp_path):
    jp = [work(i, authorship("JP", corresponding=True), authorship("JP")) for i in range(1, 7)]  # 6 domestic
    jp += [work(7, authorship("JP", corresponding=True), authorship("CN")),
           work(8, authorship("JP", corresponding=True), authorship("US"), authorship("CN")),
           work(9, authorship("JP"), authorship("CN", corresponding=True))]  # CN's, not JP's
    jp += [work(10, authorship("CN", corresponding=True), authorship("US"), year=2021)]
    return run(tmp_path, jp)


def test_share_of_the_corresponding_countrys_works_with_each_pole(tables):
    exposure = corresponding_exposure(tables["partners"], tables["country_output"])
    jp = exposure[(exposure["country"] == "JP")].set_index("pole")
    assert jp.loc["CN", ["works", "works_total", "works_international"]].tolist() == [2, 8, 2]
    assert jp.loc["CN", "share_pct"] == pytest.approx(25.0)
    assert jp.loc["US", "share_pct"] == pytest.approx(12.5)
    cn = exposure[exposure["country"] == "CN"]
    assert set(cn["pole"]) == {"US"}  # a pole is not its own partner
    assert cn.set_index("year")["share_pct"].to_dict() == {2020: 0.0, 2021: 100.0}


def test_pooled_over_a_window(tables):
    both = pooled(corresponding_exposure(tables["partners"], tables["country_output"]), 2020, 2021)
    cn = both[(both["country"] == "CN") & (both["pole"] == "US")].iloc[0]
    assert (cn["works"], cn["works_total"], cn["share_pct"]) == (1, 2, 50.0)


def test_fractional_exposure_is_a_share_of_credit(tables):
    exposure = corresponding_exposure(tables["partners"], tables["country_output"], counting="fractional")
    jp = exposure[(exposure["country"] == "JP")].set_index("pole")
    assert jp.loc["CN", "works"] == pytest.approx(1 + 0.5)  # work 8 splits JP's credit over CN and US


def test_canonical_tables_from_full_counting(tables):
    pairs = canonical("pairs", tables["pairs"])
    assert pairs["works"].dtype == "int64"
    assert set(pairs.columns) == {"source", "field", "year", "country_a", "country_b", "works"}
    output = canonical("country_output", tables["country_output"], attribution="corresponding")
    japan = output.set_index(["year", "country"]).loc[(2020, "JP")]
    assert japan["works_total"] == 8
    assert japan["works_domestic"] == japan["works_total"] - japan["works_international"]


def test_engine_schema_rejects_reversed_pairs_and_fractions_in_full_counting(tables):
    pairs = tables["pairs"]
    reversed_ = pairs.assign(country_a=pairs["country_b"], country_b=pairs["country_a"])
    with pytest.raises(InputError, match="country_a must sort before country_b"):
        check_engine("pairs", reversed_, "test")
    halves = pairs.assign(works=pairs["works"] / 2)
    with pytest.raises(InputError, match="full counting gives whole numbers"):
        check_engine("pairs", halves[halves["counting"] == "full"], "test")
    with pytest.raises(InputError, match="duplicate key"):
        check_engine("pairs", pd.concat([pairs, pairs.head(1)]), "test")
