"""Partnership sentences on tiny frames: numbers come from the data, and agreement or
disagreement with published figures is stated the right way round."""

from __future__ import annotations

import pandas as pd

from briefing.prose import partnership as prose
from briefing.prose import partnership_checks as checks
from briefing.quality import Caveat

NAMES = {"openalex": "OpenAlex", "ncses": "NCSES SEI", "doc": "Someone (2020)"}


def test_ordinals_articles_and_directions():
    assert [prose.nth(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
    assert prose.country("US") == "the United States" and prose.country("JP") == "Japan"
    assert prose.direction(7, 15, lower_is_better=True) == "fell"
    assert prose.direction(6.2, 6.2) == "held" and prose.direction(1, 2) == "rose"
    assert prose.moves("fell", "fell", "A", "B") == "fell in both A and B"
    assert prose.moves("fell", "rose", "A", "B", "for") == "fell for A but rose for B"


def test_trend_summary_names_faster_pairs_and_states_the_caveats():
    growth = pd.DataFrame({"pair": ["JP-KR", "CN-KR", "KR-US"], "pair_name": ["Japan–South Korea",
                           "China–South Korea", "South Korea–United States"], "year_start": 2015, "year_end": 2023,
                           "works_start": [100, 100, 100], "works_end": [135, 269, 133],
                           "growth_pct": [35.0, 169.0, 33.0], "cagr_pct": [3.8, 13.2, 3.6]})
    spike = Caveat("spike", "KR-US", "South Korea–United States co-authored works jump in 2020.", years=(2020,))
    text = prose.trend_summary(growth, [spike], "JP-KR", ["AU-NZ"], "openalex", NAMES)
    assert "went from 100 to 135 (+35%" in text
    assert "China–South Korea grew faster than Japan–South Korea; South Korea–United States did not." in text
    assert "South Korea–United States co-authored works jump in 2020." in text
    assert "Australia–New Zealand has no co-authored works" in text
    # Flipped: the focus pair grows fastest, and no caveat is stated without a flag.
    fastest = growth.assign(growth_pct=[300.0, 169.0, 33.0])
    flipped = prose.trend_summary(fastest, [], "JP-KR", [], "openalex", NAMES)
    assert "None of the comparison pairs grew faster than Japan–South Korea." in flipped
    assert "jump" not in flipped


def test_growth_sentences_flag_a_disagreement_on_direction():
    compare = pd.DataFrame({"id": ["a", "b"], "pair": ["CN-KR", "KR-US"], "year_start": 2015, "year_end": 2023,
                            "seed_growth_pct": [222.0, -4.0], "source_id": "doc", "growth_pct": [169.0, 33.0],
                            "difference_pp": [-53.0, 37.0]})
    text = " ".join(checks.seed_growth_sentences(compare, "openalex", NAMES))
    assert "China–South Korea +222% and South Korea–United States −4% from 2015 to 2023" in text
    assert "same order of growth" in text
    assert "For South Korea–United States they disagree on the direction: OpenAlex shows a rise" in text
    assert "China–South Korea they disagree" not in text


def test_a_pair_without_published_figures_says_so_plainly():
    empty = pd.DataFrame()
    text = checks.seed_summary(empty, empty, empty, "DE-FR", "openalex", NAMES)
    assert text.startswith("::: {.omitted}") and "publish no Nature Index figures for Germany–France" in text
    table = checks.seed_table(empty, empty, empty, "DE-FR", "Europe", "openalex")
    assert table.values.tolist() == [["No published figure concerns Germany–France", "—", "—"]]


def test_agreement_sentence_names_where_the_rankings_part():
    row = pd.Series({"country": "JP", "year": 2022, "top": ["US", "CN", "GB", "DE"],
                     "top_cross": ["US", "CN", "DE", "GB"], "agrees": "no", "leading_agree": 2, "rank_corr": 0.99})
    text = checks.agreement_sentence(row, "OpenAlex", "NCSES SEI")
    assert text == ("Japan's top 4 partners in 2022 agree on the first 2, then OpenAlex has the United Kingdom and "
                    "Germany where NCSES SEI has Germany and the United Kingdom (rank correlation over all common "
                    "partners 0.99).")


def test_rank_summary_names_absent_region_countries():
    ranks = pd.DataFrame({"year": [2019, 2019], "pair": ["CN-JP", "JP-KR"], "pair_name": ["China–Japan", "x"],
                          "country_a": ["CN", "JP"], "country_b": ["JP", "KR"], "works": [10, 5],
                          "rank": [1, 2], "pairs_ranked": [2, 2]})
    text = prose.rank_summary(ranks, "JP-KR", "Test region", ["CN", "US"], ["NZ"])
    assert "ranked 2nd of 2 in 2019 and 2nd of 2 in 2019: its rank held" in text
    assert "The one pair ahead of it in 2019 includes China." in text
    assert "United States" not in text  # a pole outside the region is not counted
    assert "New Zealand has no co-authored works with another Test region country" in text


def test_seed_shares_for_a_year_the_data_lacks_say_so():
    compare = pd.DataFrame({
        "id": ["a", "b"], "country": ["KR", "KR"], "partner": ["US", "CN"], "year": [2023, 2023],
        "seed_share": [639.94, 300.81], "seed_order": [1, 2], "source_id": ["nature2024korea"] * 2,
        "works": [float("nan")] * 2, "rank": [float("nan")] * 2, "partners_ranked": [float("nan")] * 2})
    lines = checks.seed_share_sentences(compare, "openalex", {"openalex": "OpenAlex", "nature2024korea": "Nature (2024)"})
    assert len(lines) == 2
    assert "no co-authorship counts of South Korea for 2023" in lines[1]


def test_share_summary_states_its_caveat_and_flips_with_the_shares():
    shares = pd.DataFrame({"country": ["JP", "JP", "KR", "KR"], "partner": ["KR", "KR", "JP", "JP"],
                           "year": [2015, 2023, 2015, 2023], "share_pct": [6.2, 6.2, 11.1, 8.7]})
    shift = Caveat("level_shift", "KR", "Korea's totals shift in 2020.", years=(2020,))
    text = prose.share_summary(shares, "JP-KR", [shift])
    assert "weighs 1.4 times as much for South Korea as for Japan" in text
    assert "held for Japan; for South Korea it fell" in text and "Korea's totals shift in 2020." in text
    assert text.endswith("For South Korea, too few years lie on each side of the 2020 break in the source to test that "
                         "change across it.")
    flipped = shares.assign(share_pct=[6.2, 12.0, 11.1, 8.7])
    text = prose.share_summary(flipped, "JP-KR")
    assert "weighs 1.4 times as much for Japan as for South Korea" in text and "rose for Japan; for South Korea it fell" in text


def test_a_share_that_moved_only_at_the_break_is_not_stated_as_a_trend():
    """South Korea's share with Japan, OpenAlex: the whole fall sits at the 2020 break (issue 22)."""
    years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
    kr = [11.09, 10.9, 10.8, 10.7, 10.55, 8.20, 8.4, 8.5, 8.67]
    shares = pd.DataFrame({"country": ["JP"] * 9 + ["KR"] * 9, "partner": ["KR"] * 9 + ["JP"] * 9,
                           "year": years * 2, "share_pct": [6.2] * 9 + kr})
    text = prose.share_summary(shares, "JP-KR", [Caveat("level_shift", "KR", "Korea's totals shift.", years=(2020,))])
    assert "for South Korea it moved only at the 2020 break in the source" in text and "fell for South Korea" not in text
    assert "−0.5 percentage points over 2015–2019 and +0.5 over 2020–2023, so it is not stated as a trend" in text
    steady = shares.assign(share_pct=[6.2] * 9 + [11.09, 10.6, 10.1, 9.6, 9.1, 8.8, 8.5, 8.2, 7.9])
    text = prose.share_summary(steady, "JP-KR", [Caveat("level_shift", "KR", "Korea's totals shift.", years=(2020,))])
    assert "for South Korea it fell" in text and "Each" not in text and "holds on both sides of the 2020 break" in text


def test_the_lede_carries_the_key_findings_and_the_rank_caveat():
    items = [{"text": "The pair grew less than its partners with China."}, {"text": "It fell from 7th to 15th."}]
    rank = Caveat("coverage_rank", "JP-KR", "Long.", brief="Other pairs grew faster.")
    assert prose.lede(items, [rank]) == ("The pair grew less than its partners with China.\nIt fell from 7th to 15th."
                                         "\nOther pairs grew faster.")
    assert prose.lede(items[:1], []) == "The pair grew less than its partners with China."


def test_rank_summary_states_why_the_rank_fell():
    ranks = pd.DataFrame({"year": [2015, 2015, 2023, 2023], "pair": ["JP-KR", "CN-JP"] * 2,
                          "pair_name": ["Japan–South Korea", "China–Japan"] * 2, "country_a": ["JP", "CN"] * 2,
                          "country_b": ["KR", "JP"] * 2, "works": [10, 5, 12, 20], "rank": [1, 2, 2, 1],
                          "pairs_ranked": [2, 2, 2, 2]})
    why = Caveat("coverage_rank", "JP-KR", "Other pairs grew faster.")
    text = prose.rank_summary(ranks, "JP-KR", "Asia", ["US", "CN"], [], [why])
    assert "ranked 1st of 2 in 2015 and 2nd of 2 in 2023: its rank fell" in text and text.endswith("grew faster.")
    assert "its rank rose" in prose.rank_summary(ranks.assign(rank=[2, 1, 1, 2]), "JP-KR", "Asia", ["US"], [])


def test_no_published_rank_gives_no_sentence():
    assert checks.rank_seed_sentence(pd.DataFrame(), "DE-FR", "openalex", NAMES) == ""
