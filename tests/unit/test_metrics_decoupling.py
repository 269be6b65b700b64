"""Decoupling metrics on tiny frames: shares with each pole, the pole pair, peaks, period
tables and the scenario arithmetic."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.metrics import decoupling as m

# Two poles (US, CN) and one other country (JP), two years; works per unordered pair.
PAIRS = pd.DataFrame({
    "source": "openalex", "field": "all",
    "year": [2020, 2020, 2020, 2021, 2021, 2021],
    "country_a": ["CN", "JP", "CN", "CN", "JP", "CN"],
    "country_b": ["US", "US", "JP", "US", "US", "JP"],
    "works": [40, 30, 10, 30, 33, 20],
})
OUTPUT = pd.DataFrame({
    "source": "openalex", "field": "all", "year": [2020] * 3 + [2021] * 3,
    "country": ["CN", "US", "JP"] * 2,
    "works_total": pd.array([pd.NA] * 6, dtype="Int64"),
    "works_international": pd.array([100, 200, 60, 120, 200, 66], dtype="Int64"),
    "works_domestic": pd.array([300, 600, 40, pd.NA, 500, 34], dtype="Int64"),
})


def shares():
    return m.pole_shares(PAIRS, OUTPUT, ["JP", "US", "CN"], ["US", "CN"], 2020, 2021)


def test_pole_shares_divide_pair_by_the_country_international_total():
    got = shares().set_index(["country", "pole", "year"])["share_pct"]
    assert got[("JP", "US", 2020)] == pytest.approx(50.0)
    assert got[("JP", "CN", 2021)] == pytest.approx(100 * 20 / 66)
    assert got[("CN", "US", 2021)] == pytest.approx(25.0)
    assert got[("US", "CN", 2021)] == pytest.approx(15.0)
    assert ("US", "US", 2020) not in got.index  # a pole has no share with itself
    assert list(dict.fromkeys(shares()["country"])) == ["JP", "US", "CN"]  # order of the countries given


def test_pole_shares_keep_the_window_and_count_a_pole_once():
    once = m.pole_shares(PAIRS, OUTPUT, ["JP", "US", "CN", "US"], ["US", "CN"], 2021, 2021)
    assert set(once["year"]) == {2021}
    assert not once.duplicated(["country", "pole", "year"]).any()


def test_output_share_uses_domestic_plus_international_and_is_nan_without_domestic():
    got = m.with_output_share(shares(), OUTPUT).set_index(["country", "pole", "year"])
    assert got.loc[("JP", "US", 2020), "output_share_pct"] == pytest.approx(100 * 30 / (40 + 60))
    assert pd.isna(got.loc[("CN", "US", 2021), "output_share_pct"])


def test_pole_pair_shares_and_asymmetry():
    pair = m.pole_pair(PAIRS, OUTPUT, "US", "CN", 2020, 2021).set_index("year")
    assert pair.loc[2020, "works"] == 40
    assert pair.loc[2020, "share_a_pct"] == pytest.approx(20.0)  # of the US's international works
    assert pair.loc[2020, "share_b_pct"] == pytest.approx(40.0)  # of China's
    assert pair.loc[2020, "asymmetry"] == pytest.approx(2.0)
    assert pair.loc[2021, "asymmetry"] == pytest.approx(25.0 / 15.0)


def test_exposure_paths_mark_start_and_latest_and_leave_out_the_poles():
    paths = m.exposure_paths(shares(), "US", "CN")
    assert paths["country"].unique().tolist() == ["JP"]
    assert paths[["year", "point"]].values.tolist() == [[2020, "start"], [2021, "latest"]]
    assert paths.loc[paths["year"] == 2021, "share_b_pct"].iloc[0] == pytest.approx(100 * 20 / 66)


def test_peaks_need_a_fall_larger_than_the_margin():
    frame = pd.DataFrame({"country": "JP", "pole": ["CN"] * 4 + ["US"] * 4, "year": [2019, 2020, 2021, 2022] * 2,
                          "share_pct": [10.0, 14.0, 13.8, 12.0, 30.0, 31.0, 33.0, 32.9]})
    got = m.peaks(frame, min_drop_pp=0.5).set_index("pole")
    assert got.loc["CN", "peak_year"] == 2020 and bool(got.loc["CN", "peaked"])
    assert got.loc["CN", "change_since_peak_pp"] == pytest.approx(-2.0)
    assert got.loc["US", "peak_year"] == 2021 and not bool(got.loc["US", "peaked"])  # dip of 0.1 pp only
    assert bool(m.peaks(frame).set_index("pole").loc["US", "peaked"])  # no margin: any fall counts
    assert got.loc["CN", "first_year"] == 2019 and got.loc["CN", "latest_year"] == 2022


PERIOD_PAIRS = pd.DataFrame({"source": "ncses", "field": "artificial_intelligence", "year_start": 2003,
                             "year_end": 2022, "country_a": ["CN", "JP", "CN"], "country_b": ["US", "US", "JP"],
                             "works": [500, 80, 120]})
PERIOD_OUTPUT = pd.DataFrame({"source": "ncses", "field": "artificial_intelligence", "year_start": 2003,
                              "year_end": 2022, "country": ["CN", "US", "JP"],
                              "works_total": pd.array([10000, 5000, 1000], dtype="Int64"),
                              "works_international": pd.array([1000, 2000, 400], dtype="Int64"),
                              "works_domestic": pd.array([8000, 2500, 500], dtype="Int64")})


def test_period_shares_keep_the_period_and_both_denominators():
    got = m.period_shares(PERIOD_PAIRS, PERIOD_OUTPUT, ["JP", "CN"], ["US", "CN"]).set_index(["country", "pole"])
    assert got.loc[("CN", "US"), "share_pct"] == pytest.approx(50.0)
    assert got.loc[("CN", "US"), "output_share_pct"] == pytest.approx(100 * 500 / 9000)
    assert got.loc[("JP", "CN"), "share_pct"] == pytest.approx(30.0)
    assert set(got["year_start"]) == {2003} and set(got["year_end"]) == {2022} and "year" not in got


def test_period_shares_refuse_two_periods():
    two = pd.concat([PERIOD_PAIRS, PERIOD_PAIRS.assign(year_start=2018)])
    with pytest.raises(ValueError, match="select one period"):
        m.period_shares(two, PERIOD_OUTPUT, ["JP"], ["US"])


def test_scenario_is_cut_times_share_for_each_base():
    intl = m.latest(shares())
    output = m.with_output_share(shares(), OUTPUT).query("year == 2020")
    ai = m.period_shares(PERIOD_PAIRS, PERIOD_OUTPUT, ["JP", "US", "CN"], ["US", "CN"])
    got = m.scenario(intl, output, ai, [25, 100]).set_index(["country", "pole", "cut_pct"])
    assert got.loc[("JP", "US", 25), "intl_loss_pct"] == pytest.approx(0.25 * 50.0)
    assert got.loc[("JP", "US", 100), "output_loss_pct"] == pytest.approx(30.0)
    assert got.loc[("CN", "US", 25), "ai_output_loss_pct"] == pytest.approx(0.25 * 100 * 500 / 9000)
    assert got.loc[("JP", "US", 25), "year"] == 2021 and got.loc[("JP", "US", 25), "output_year"] == 2020
    top = m.most_exposed(got.reset_index(), "intl_loss_pct", 2)
    assert top[["country", "pole"]].values.tolist() == [["JP", "US"], ["JP", "CN"]]


def test_field_comparison_labels_periods_and_fields():
    ai = m.period_shares(PERIOD_PAIRS, PERIOD_OUTPUT, ["JP"], ["US", "CN"])
    every = m.with_output_share(shares(), OUTPUT)
    got = m.field_comparison(ai, every[every["country"] == "JP"])
    assert sorted(set(zip(got["field"], got["period"], strict=True))) == [
        ("all", "2020"), ("all", "2021"), ("artificial_intelligence", "2003-2022")]


def test_select_required_names_what_is_missing():
    with pytest.raises(ValueError, match="no rows for source 'ncses', field 'all'"):
        m.select_required(PAIRS, "ncses", "all")
    assert len(m.select_required(PAIRS, "openalex", "all")) == len(PAIRS)
