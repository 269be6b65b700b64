"""Funding metrics on tiny frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from briefing.metrics import funding
from briefing.metrics.series import growth, rank_within


def rd(rows):
    return pd.DataFrame(rows, columns=["source", "country", "year", "indicator", "value", "status"])


def test_growth_is_ranked_by_growth_a_year_over_each_countrys_span():
    table = rd([
        ("oecd", "US", 2015, "gerd_usd_ppp_m_const2015", 100.0, ""),
        ("oecd", "US", 2021, "gerd_usd_ppp_m_const2015", 150.0, ""),  # +50% over 6 years
        ("oecd", "CN", 2015, "gerd_usd_ppp_m_const2015", 100.0, ""),
        ("oecd", "CN", 2016, "gerd_usd_ppp_m_const2015", 120.0, ""),  # +20% in one year: faster
        ("oecd", "SG", 2020, "gerd_usd_ppp_m_const2015", 9.0, ""),  # one year: no growth to measure
    ])
    out = funding.gerd_growth(table, ["US", "CN", "SG"], 2015, 2023, "oecd")
    assert out["country"].tolist() == ["CN", "US"]
    assert out.set_index("country").loc["US", "cagr_pct"] == pytest.approx(100 * (1.5 ** (1 / 6) - 1))


def test_growth_uses_first_and_last_year_with_data():
    frame = pd.DataFrame({"country": ["A", "A", "A", "B"], "year": [2015, 2016, 2020, 2018],
                          "x": [100.0, None, 121.0, 5.0]})
    out = growth(frame, "country", "x").set_index("country")
    assert out.loc["A", "growth_pct"] == pytest.approx(21.0)
    assert out.loc["A", "cagr_pct"] == pytest.approx(100 * (1.21 ** (1 / 5) - 1))
    assert out.loc["B", "growth_pct"] == 0 and math.isnan(out.loc["B", "cagr_pct"])


def test_rank_ties_share_best_rank():
    frame = pd.DataFrame({"year": [1, 1, 1], "v": [5.0, 5.0, 1.0]})
    assert rank_within(frame, "v").tolist() == [1, 1, 3]


def test_gbard_nondefence_objectives_rescaled_to_total():
    table = rd([
        ("ncses", "KR", 2019, "gbard_usd_ppp_m", 1000.0, ""),
        ("ncses", "KR", 2019, "gbard_defense_pct", 20.0, ""),
        ("ncses", "KR", 2019, "gbard_nondefense_pct", 80.0, ""),
        ("ncses", "KR", 2019, "gbard_nondefense_civil_space_pct", 50.0, ""),
        ("ncses", "KR", 2019, "gbard_nondefense_economic_development_programs_pct", 50.0, ""),
    ])
    out = funding.gbard_by_objective(table, ["KR"]).set_index("objective")
    assert out.loc["Defence", "share_pct"] == 20.0
    assert out.loc["Civil space", "share_pct"] == 40.0
    assert out["share_pct"].sum() == pytest.approx(100.0)
    assert out.loc["Civil space", "usd_ppp_m"] == pytest.approx(400.0)


def test_seed_vs_series_difference_is_today_minus_published():
    facts = pd.DataFrame({"id": ["seed.x.JP.2018"], "country": ["JP"], "year": ["2018"], "value": [3.28],
                          "source_id": ["doc"], "quote": ["3.28%"]})
    series = pd.DataFrame({"country": ["JP"], "year": [2018], "value": [3.22], "source": ["worldbank"]})
    out = funding.seed_vs_series(facts, series, ["seed.x.JP.2018"], "value")
    assert out["today"].iloc[0] == 3.22 and out["value"].iloc[0] == 3.28
    assert out["difference"].iloc[0] == pytest.approx(-0.06)




def test_gbard_for_countries_the_table_lacks_is_empty_and_the_section_says_how_to_add_them():
    from briefing.charts.funding import gbard_chart
    from briefing.prose import fmt
    from briefing.prose import funding as prose

    table = rd([("ncses", "KR", 2019, "gbard_usd_ppp_m", 1000.0, "")])
    out = funding.gbard_by_objective(table, ["SE", "FI"])
    assert out.empty and list(out.columns) == ["country", "year", "objective", "indicator", "share_pct",
                                               "usd_ppp_m", "gbard_usd_ppp_m"]
    summary = prose.gbard_summary(out)
    assert summary.startswith(f"::: {{.{fmt.OMITTED}}}") and "the funding section's parameters name" in summary
    assert "sections." not in summary  # no parameter key for readers
    assert gbard_chart(out).to_dict()["mark"]["type"] == "text"  # a note, not an empty plot


def gerd_series(values: dict[int, float], breaks=()) -> pd.DataFrame:
    return rd([("oecd", "US", y, "gerd_usd_ppp_m_const2015", v, "B" if y in breaks else "")
               for y, v in values.items()])


def test_growth_is_given_between_breaks_never_across_one():
    values = {2012: 100.0, 2013: 103.0, 2014: 106.0, 2015: 112.0, 2016: 117.0, 2017: 120.0, 2018: 124.0}
    table = gerd_series(values, breaks={2015, 2017})
    growth_table = funding.gerd_growth(table, ["US"], 2012, 2018, "oecd")
    across = funding.growth_across_breaks(table, growth_table, "oecd").set_index("year")
    assert list(across.index) == [2015, 2017]
    first, second = across.loc[2015], across.loc[2017]
    assert (first["before_start"], first["before_end"], first["after_start"], first["after_end"]) == (2012, 2014, 2015, 2016)
    assert (second["before_start"], second["before_end"], second["after_start"], second["after_end"]) == (2015, 2016, 2017, 2018)
    assert first["after_cagr_pct"] == pytest.approx(100 * (117 / 112 - 1)) == second["before_cagr_pct"]
    assert second["after_cagr_pct"] == pytest.approx(100 * (124 / 120 - 1))
    assert first["jump_pct"] == pytest.approx(100 * (112 / 106 - 1))
    # Flipped: one break, and each side runs to the window's ends.
    one = funding.growth_across_breaks(gerd_series(values, breaks={2015}), growth_table, "oecd").iloc[0]
    assert (one["before_start"], one["after_end"]) == (2012, 2018)
    # Breaks in consecutive years leave a one-year span between them, with no growth.
    close = funding.growth_across_breaks(gerd_series(values, breaks={2015, 2016}), growth_table, "oecd")
    assert math.isnan(close.set_index("year").loc[2015, "after_cagr_pct"])
