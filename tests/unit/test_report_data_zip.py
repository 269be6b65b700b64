"""The data download's codebook (briefing.report.data_zip): units from column names and
values, finding ids as patterns named by the columns that hold their parts."""

from __future__ import annotations

import pytest

from briefing.report.data_zip import column_unit, id_patterns


@pytest.mark.parametrize(("name", "values", "unit"), [
    ("share_pct", ["12.5"], "%"),
    ("growth_pct", ["+3"], "% change"),
    ("cagr_pct", ["3.1"], "% a year (compound)"),
    ("gerd_pct_gdp", ["3.4"], "% of GDP"),
    ("gerd_usd_ppp_m_const2015_end", ["1"], "US$ million, constant 2015 PPP"),
    ("works", ["10"], "count"),
    ("country", ["JP", "KR"], "ISO 3166-1 alpha-2 code"),
    ("jurisdiction", ["JP", "G7"], "code: ISO 3166-1 alpha-2, or a group of countries"),
    ("year", ["2023"], "calendar year"),
    ("lane", ["0", "1"], "number"),
    ("title", ["A law"], "text"),
])
def test_units_follow_the_column_names(name, values, unit):
    assert column_unit(name, values) == unit


def test_id_patterns_name_each_varying_part_by_its_tightest_column():
    ids = ["exposure.share_pct.JP.US.2022", "exposure.share_pct.KR.CN.2023", "poles.pair_works.2023"]
    columns = {"country": {"JP", "KR", "US", "CN"}, "pole": {"US", "CN"}, "year": {"2022", "2023"}}
    assert id_patterns(ids, columns) == ["exposure.share_pct.{country}.{pole}.{year}", "poles.pair_works.2023"]
    assert id_patterns(["a.b.x", "a.b.y"], {}) == ["a.b.{…}"]
