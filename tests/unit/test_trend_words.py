"""The one vocabulary of movement (`quality.turns.trend`, written by `prose.trends.movement`),
on short synthetic series, one word a test and each flipped by its input: a series rising in
its latest year is never 'fallen since its peak'; a move within the noise is 'about
unchanged'; what to watch names only a turn of the year before the latest."""

from __future__ import annotations

from briefing.prose.summary import watch_items
from briefing.prose.trends import movement
from briefing.quality.turns import noise, trend


def test_a_move_within_the_noise_is_about_unchanged_and_beyond_it_is_a_move():
    assert trend({2015: 22.0, 2019: 22.1, 2023: 22.3}, "pct").word == "unchanged"
    assert movement({2015: 22.0, 2019: 22.1, 2023: 22.3}, "pct").startswith("was about unchanged, 22.0% in 2015")
    moved = {2015: 22.0, 2019: 22.9, 2023: 22.6}
    assert 0.5 == noise("pct") < 22.6 - 22.0 and trend(moved, "pct").word == "moved"
    assert movement(moved, "pct").startswith("rose from 22.0% in 2015 to 22.6% in 2023")


def test_one_way_every_year():
    assert trend({2015: 10.0, 2016: 11.0, 2017: 12.5}, "pct").word == "every_year"
    assert movement({2015: 10.0, 2016: 11.0, 2017: 12.5}, "pct").startswith("rose every year, from 10.0%")
    assert trend({2015: 10.0, 2016: 11.0, 2018: 12.5}, "pct").word == "moved"  # a missing year is no run


def test_fallen_since_the_peak_only_while_it_still_falls():
    falling = {2015: 26.2, 2020: 32.6, 2021: 31.4, 2022: 30.9}
    assert trend(falling, "pct").word == "since_extreme"
    assert movement(falling, "pct").startswith("has fallen every year since its 2020 peak of 32.6%, to 30.9% in 2022")
    recovering = {2015: 26.2, 2020: 32.6, 2021: 31.4, 2022: 31.8}  # Japan's rate, NCSES: up in 2022
    assert trend(recovering, "pct").word == "back_from_extreme"
    text = movement(recovering, "pct")
    assert "since its" not in text and text.startswith("peaked in 2020 at 32.6%; at 31.8% in 2022 it was below that peak")
    assert "though up on 2021 (31.4%)" in text and "+5.6 percentage points on 2015" in text


def test_a_low_and_a_steady_run_since_a_small_first_move():
    assert movement({2015: 100.0, 2018: 60.0, 2021: 80.0, 2022: 90.0}, "works").startswith("has risen since its 2018 low")
    run = {2015: 42.6, 2016: 42.9, 2017: 41.0, 2018: 38.0, 2019: 35.0}
    assert trend(run, "pct").word == "steady_since"
    assert movement(run, "pct").startswith("has fallen every year since 2016, from 42.9%")


def finding(prefix: str, values: dict[int, float], unit: str = "pct") -> dict:
    return {f"{prefix}.{y}": {"id": f"{prefix}.{y}", "label": f"Share, {y}", "value": v, "unit": unit}
            for y, v in values.items()}


def test_what_to_watch_names_only_a_turn_of_the_year_before_the_latest():
    old_low = finding("exposure.share_pct.JP.KR", {2015: 7.0, 2017: 6.5, 2019: 6.0, 2021: 6.6, 2022: 6.5, 2023: 6.2})
    assert watch_items(old_low, {"JP", "KR"}, {"US", "CN"}) == []  # its 2019 low: above it every year since
    new_high = finding("exposure.share_pct.JP.KR", {2015: 6.0, 2016: 6.1, 2017: 6.2, 2018: 6.25, 2019: 6.3,
                                                    2020: 6.35, 2021: 6.4, 2022: 6.6, 2023: 6.5})
    [(_, text)] = watch_items(new_high, {"JP", "KR"}, {"US", "CN"})
    assert "from its 2022 high; a second year below it would make 2022 the turn" in text
