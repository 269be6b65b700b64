"""The scenario and the essay's figures in words: like compared with like or not at all,
and each sentence flips with its input."""

from __future__ import annotations

import pandas as pd

from briefing.prose import decoupling_scenario as prose

NAMES = {"yoshioka2020": "Yoshioka-Kobayashi (2021)"}


def scenario_frame(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["country", "pole", "cut_pct", "intl_loss_pct", "output_loss_pct"])
    return frame.assign(year=2023, output_year=2022, ai_output_loss_pct=float("nan"), year_start=2003, year_end=2022)


SCENARIO = scenario_frame([("SG", "CN", 100, 47.9, 36.7), ("JP", "CN", 100, 22.0, 7.0), ("CN", "US", 100, 30.6, 6.0),
                           ("US", "CN", 100, 17.9, 9.8)])
UPPER = pd.DataFrame({"value": [15.0, 15.0], "year": ["2015-2019"] * 2, "source_id": ["yoshioka2020"] * 2,
                      "country": ["CN", "AU"]})


def test_scenario_summary_names_the_most_exposed_and_does_not_test_the_essay_with_other_fields():
    top = SCENARIO.sort_values("intl_loss_pct", ascending=False).head(2)
    text = prose.scenario_summary(SCENARIO, top, top, UPPER, ["US", "CN"], NAMES)
    assert "would be Singapore with China (47.9%) and China with the United States (30.6%)" in text
    assert "A 100% break between the poles would cost China 30.6% of its international works" in text
    assert "that is one field, counted by corresponding author, so these figures do not test it" in text
    assert "would lose more than 15%" not in text
    flipped = SCENARIO.assign(intl_loss_pct=SCENARIO["intl_loss_pct"][::-1].to_numpy())
    top = flipped.sort_values("intl_loss_pct", ascending=False).head(1)
    assert "would be the United States with China (47.9%)" in prose.scenario_summary(flipped, top, top.iloc[:0],
                                                                                     UPPER.iloc[:0], ["US", "CN"], NAMES)


def test_the_essays_figures_stand_alone_and_leave_out_an_edition_with_other_poles():
    published = pd.DataFrame({"Figure": ["a"], "Value": ["14%"], "Source": ["x"], "Extra": ["y"]})
    assert list(prose.seed_table(published).columns) == ["Figure", "Value", "Source"]
    cited = pd.DataFrame({"country": ["CN-US", "AU-CN"], "year": ["2015-2019"] * 2, "source_id": ["yoshioka2020"] * 2})
    assert prose.seeds_relevant(cited, ["US", "CN"]) == ""
    other = prose.seeds_relevant(cited, ["US", "DE"])
    assert other.startswith("::: {.omitted}") and "not this edition's poles (the United States and Germany)" in other
    assert "publish no field-level" in prose.seeds_relevant(cited.iloc[:0], ["US", "CN"])
    assert "2015–2019" in prose.seed_caption(cited, NAMES)
