"""The data download's codebook (briefing.report.data_zip): units from column names and
values, finding ids as patterns named by the columns that hold their parts."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.prose.tables import data_of, pipe_table, with_data
from briefing.report.data_zip import column_type, column_unit, id_patterns


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
    ("pair", ["JP-KR"], "two ISO 3166-1 alpha-2 codes, A-B"),
    ("works_cross", ["1464"], "count"),
    ("rank_cross", ["2"], "rank (1 = most)"),
    ("partner_cross", ["US"], "ISO 3166-1 alpha-2 code"),
    ("break_year", ["2018"], "calendar year"),
    ("break_jump_pct", ["4.2"], "% change"),
    ("affinity_start", ["1.2"], "index (1 = as many works as both countries' output predicts)"),
    ("published_source_id", ["fuyuno2020"], "source id (Appendix A; data/sources.yml)"),
    ("year_start", ["2015", ""], "calendar year"),
])
def test_units_follow_the_column_names(name, values, unit):
    assert column_unit(name, values) == unit


def test_id_patterns_name_each_varying_part_by_its_tightest_column():
    ids = ["exposure.share_pct.JP.US.2022", "exposure.share_pct.KR.CN.2023", "poles.pair_works.2023"]
    columns = {"country": {"JP", "KR", "US", "CN"}, "pole": {"US", "CN"}, "year": {"2022", "2023"}}
    assert id_patterns(ids, columns) == ["exposure.share_pct.{country}.{pole}.{year}", "poles.pair_works.2023"]
    assert id_patterns(["a.b.x", "a.b.y"], {}) == ["a.b.{…}"]


@pytest.mark.parametrize(("values", "unit", "kind"), [
    (["2710", "", "-3"], "count", "integer"),
    (["12.5", "3"], "%", "number"),
    (["True", "False"], "text", "boolean"),
    (["2017", "2020-05-29"], "text", "string"),
    (["", ""], "%", "number"),
    (["", ""], "text", "string"),
])
def test_types_read_every_value(values, unit, kind):
    assert column_type(values, unit) == kind


def test_a_table_shows_text_and_its_csv_holds_the_numbers():
    data = pd.DataFrame({"pair": ["JP-KR", "CN-JP"], "works_start": [2710.0, float("nan")], "share_pct": [12.5, 3.0]})
    shown = with_data(pd.DataFrame({"Pair": ["Japan–South Korea", "China–Japan"], "Works": ["2,710", "n/a"]}), data)
    assert "| Japan–South Korea | 2,710 |" in pipe_table(shown[["Pair", "Works"]])
    csv = data_of(shown[shown["Pair"] != ""]).to_csv(index=False, lineterminator="\n")
    assert csv == "pair,works_start,share_pct\nJP-KR,2710,12.5\nCN-JP,,3.0\n"
    plain = pd.DataFrame({"Event": ["A law"]})
    assert data_of(plain) is plain
