"""How a series moved, in words: flipped series flip the sentence (a rise made a fall, a
peak moved, a peak removed)."""

from __future__ import annotations

from briefing.prose.trends import change, movement, turn_clause, value

RISING = {2015: 15.5, 2016: 16.0, 2017: 17.2, 2018: 18.0, 2019: 19.1, 2020: 20.0, 2021: 20.9, 2022: 21.5, 2023: 22.0}
PEAKED = {2015: 46931, 2016: 50424, 2017: 56479, 2018: 65575, 2019: 73485, 2020: 84025, 2021: 78604, 2022: 77370,
          2023: 72794}


def test_values_and_changes_read_in_their_unit():
    assert value(22.04, "pct") == "22.0%" and value(3667, "works") == "3,667" and value(7, "rank") == "7th"
    assert change(15.5, 22.0, "pct") == "+6.5 percentage points" and change(100, 87, "works") == "−13%"


def test_a_steady_rise_is_told_first_to_last_and_its_mirror_as_a_fall():
    assert movement(RISING, "pct") == "rose every year, from 15.5% in 2015 to 22.0% in 2023 (+6.5 percentage points)"
    falling = {y: 40 - v for y, v in RISING.items()}
    assert movement(falling, "pct").startswith("fell every year, from 24.5% in 2015 to 18.0% in 2023")
    bumpy = {**RISING, 2019: 17.0}
    assert movement(bumpy, "pct").startswith("rose from 15.5%")


def test_a_peak_inside_the_window_is_told_from_the_peak_and_moves_with_it():
    assert movement(PEAKED, "works") == ("has fallen every year since its 2020 peak of 84,025, to 72,794 in 2023 "
                                         "(−13%; 46,931 in 2015)")
    moved = {**PEAKED, 2021: 90000}
    assert "since its 2021 peak of 90,000" in movement(moved, "works")
    assert turn_clause(PEAKED, "works") == "; it peaked in 2020 at 84,025"
    assert turn_clause(RISING, "pct") == ""


def test_a_turn_right_after_the_first_year_starts_the_story_there():
    share = {2015: 42.7, 2016: 42.9, 2017: 41.0, 2018: 38.0, 2019: 36.0, 2020: 34.0, 2021: 33.0, 2022: 31.0,
             2023: 30.6}
    assert movement(share, "pct") == "has fallen every year since 2016, from 42.9% to 30.6% in 2023 (−12.3 percentage points)"


def test_ranks_rise_when_their_number_falls():
    assert movement({2015: 7, 2023: 15}, "rank").startswith("fell from 7th in 2015 to 15th in 2023")
    assert movement({2015: 15, 2023: 7}, "rank").startswith("rose from 15th")
