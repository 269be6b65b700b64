"""Breaks in constructed yearly series: a level shift is found and called one, a one-year
spike is told from it, a jump every series shares is not a break, a steady series is not
flagged, and a jump in the latest year is left unconfirmed."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.quality import thresholds as t
from briefing.quality.breaks import breaks, log_changes, spans_break

YEARS = list(range(2005, 2024))


def grow(start: float, rate: float, years=YEARS) -> list[float]:
    return [start * (1 + rate) ** i for i in range(len(years))]


def noisy(values: list[float], amplitude: float = 0.01) -> list[float]:
    """A small, deterministic wobble, so the series has a scale of its own."""
    return [v * (1 + amplitude * (1 if i % 2 else -1)) for i, v in enumerate(values)]


def frame(series: dict[str, list[float]]) -> pd.DataFrame:
    return pd.DataFrame([{"country": k, "year": y, "works": v} for k, vals in series.items()
                         for y, v in zip(YEARS, vals, strict=True)])


def with_step(values: list[float], year: int, factor: float, until: int | None = None) -> list[float]:
    """`values` multiplied by `factor` from `year` (to `until`, inclusive, when given)."""
    return [v * factor if y >= year and (until is None or y <= until) else v for y, v in zip(YEARS, values, strict=True)]


def test_a_level_shift_is_found_and_stays_a_shift():
    kr = with_step(noisy(grow(10_000, 0.05)), 2020, 1.4)
    found = breaks(frame({"KR": kr}), "country", "works", 2015, 2023)
    assert found[["key", "kind", "year"]].values.tolist() == [["KR", "level_shift", 2020]]
    row = found.iloc[0]
    assert row["value_before"] == pytest.approx(kr[YEARS.index(2019)])
    assert row["value_latest"] == pytest.approx(kr[-1]) and bool(row["confirmed"])


def test_a_one_year_spike_is_a_spike_and_its_return_is_not_a_second_break():
    us = with_step(noisy(grow(10_000, 0.05)), 2020, 1.6, until=2020)
    found = breaks(frame({"KR-US": us}), "country", "works", 2015, 2023)
    assert found[["key", "kind", "year"]].values.tolist() == [["KR-US", "spike", 2020]]


def test_a_dip_that_recovers_is_a_spike_too():
    dip = with_step(noisy(grow(10_000, 0.05)), 2018, 0.6, until=2018)
    found = breaks(frame({"X": dip}), "country", "works", 2015, 2023)
    assert found[["kind", "year"]].values.tolist() == [["spike", 2018]]


def test_a_steady_series_and_small_steps_are_not_flagged():
    steady = noisy(grow(10_000, 0.05))
    small = with_step(steady, 2020, 1.10)  # below BREAK_MIN_LOG_CHANGE
    assert breaks(frame({"A": steady, "B": small}), "country", "works", 2015, 2023).empty


def test_a_jump_every_series_shares_is_the_sources_not_a_break():
    panel = {c: with_step(noisy(grow(1_000 * (i + 1), 0.04 + i / 200), 0.01 + i / 1000), 2020, 1.4)
             for i, c in enumerate(["A", "B", "C", "D", "E", "F"])}
    assert len(panel) >= t.PANEL_MIN_SERIES
    assert breaks(frame(panel), "country", "works", 2015, 2023).empty
    # ... but one series jumping beyond the others is.
    panel["F"] = with_step(panel["F"], 2020, 1.5)
    found = breaks(frame(panel), "country", "works", 2015, 2023)
    assert found[["key", "kind", "year"]].values.tolist() == [["F", "level_shift", 2020]]
    assert found["change_pct"].iloc[0] > found["net_change_pct"].iloc[0] > 0


def test_a_jump_in_the_latest_year_is_unconfirmed():
    late = with_step(noisy(grow(10_000, 0.05)), 2023, 1.5)
    found = breaks(frame({"X": late}), "country", "works", 2015, 2023)
    assert found["year"].tolist() == [2023] and not bool(found["confirmed"].iloc[0])


def test_jumps_before_the_window_or_in_a_short_series_are_not_flagged():
    early = with_step(noisy(grow(10_000, 0.05)), 2010, 1.5)
    assert breaks(frame({"X": early}), "country", "works", 2015, 2023).empty
    short = pd.DataFrame({"country": "X", "year": [2021, 2022, 2023], "works": [100, 300, 310]})
    assert breaks(short, "country", "works", 2015, 2023).empty


def test_log_changes_skip_gaps_and_zeros():
    rows = pd.DataFrame({"country": "X", "year": [2000, 2001, 2003, 2004], "works": [10, 20, 40, 0]})
    changes = log_changes(rows, "country", "works")
    assert changes["year"].tolist() == [2000, 2001, 2003]
    assert changes["change"].isna().tolist() == [True, False, True]


def test_spans_break():
    assert spans_break((2015, 2023), 2020) and not spans_break((2020, 2023), 2020) and not spans_break([2015, 2019], 2020)


def test_a_series_that_stands_still_while_the_panel_jumps_is_not_a_break():
    panel = {c: with_step(noisy(grow(1_000 * (i + 1), 0.04 + i / 200), 0.01 + i / 1000), 2020, 1.3)
             for i, c in enumerate(["A", "B", "C", "D", "E", "F"])}
    panel["F"] = noisy(grow(6_000, 0.045), 0.016)  # no step at all
    assert breaks(frame(panel), "country", "works", 2015, 2023).empty


def test_a_given_panel_sets_the_common_change():
    panel = {c: with_step(noisy(grow(1_000 * (i + 1), 0.04 + i / 200), 0.01 + i / 1000), 2020, 1.4)
             for i, c in enumerate(["A", "B", "C", "D", "E"])}
    alone = {"X": with_step(noisy(grow(500, 0.05)), 2020, 1.4)}
    assert breaks(frame(alone), "country", "works", 2015, 2023)["year"].tolist() == [2020]
    assert breaks(frame(alone), "country", "works", 2015, 2023, panel=frame(panel)).empty
