"""Funding metrics on tiny frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from briefing.charts.labels import dodge
from briefing.metrics import funding
from briefing.metrics.series import growth, rank_within


def rd(rows):
    return pd.DataFrame(rows, columns=["source", "country", "year", "indicator", "value", "status"])


def test_intensity_takes_each_country_whole_from_first_source_with_data():
    table = rd([
        ("worldbank", "JP", 2020, "gerd_pct_gdp", 3.2, ""),
        ("worldbank", "JP", 2021, "gerd_pct_gdp", 3.3, ""),
        ("ncses", "JP", 2021, "gerd_pct_gdp", 3.9, "P"),  # ignored: JP has WDI data
        ("ncses", "TW", 2021, "gerd_pct_gdp", 3.77, "P"),  # used: TW has none in WDI
        ("ncses", "TW", 2010, "gerd_pct_gdp", 2.82, ""),  # outside the window
    ])
    out = funding.gerd_intensity(table, ["TW", "JP"], 2015, 2023, ["worldbank", "ncses"])
    assert out[["country", "year", "source", "gerd_pct_gdp"]].values.tolist() == [
        ["TW", 2021, "ncses", 3.77], ["JP", 2020, "worldbank", 3.2], ["JP", 2021, "worldbank", 3.3]]
    ranks = out.set_index(["country", "year"])["rank"].to_dict()
    assert ranks[("TW", 2021)] == 1 and ranks[("JP", 2021)] == 2


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
    series = pd.DataFrame({"country": ["JP"], "year": [2018], "gerd_pct_gdp": [3.22], "source": ["worldbank"]})
    out = funding.seed_vs_series(facts, series, ["seed.x.JP.2018"], "gerd_pct_gdp")
    assert out["difference"].iloc[0] == pytest.approx(-0.06)


def test_dodge_keeps_order_and_gap():
    values = pd.Series([3.44, 3.45, 1.0, 3.46], index=list("abcd"))
    placed = dodge(values, 0.1)
    assert list(placed.sort_values().index) == ["c", "a", "b", "d"]
    ordered = placed.sort_values().tolist()
    assert all(b - a >= 0.1 - 1e-9 for a, b in zip(ordered, ordered[1:], strict=False))
    assert placed["c"] < 1.0 + 0.1
