"""The methods appendix's glossary (only what the edition uses), economies counted apart in a
ranking, and published figures and data rows kept inside the edition's window."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.facts import inside_window
from briefing.prose.citations import outside_window
from briefing.prose.partnership import separate_economies
from briefing.report.glossary import codes_in, glossary
from briefing.tables import within_window


def test_glossary_defines_only_what_the_findings_use():
    text = glossary(["pair.works.JP-KR.2023", "pair.affinity.JP-KR.2023", "exposure.share_pct.KR.US.2023"],
                    {"source_break", "provisional"})
    assert "JP Japan" in text and "KR South Korea" in text and "US United States" in text
    assert "Affinity index" in text and "Zitt" in text and "C(a,b) × C ÷ (C(a) × C(b))" in text
    assert "Break in series (flag B)" in text and "Provisional (flag P)" in text
    assert "flag E" not in text and "flag D" not in text and "R&D intensity" not in text
    assert "counted apart" not in text  # no Hong Kong in this edition


def test_glossary_says_hong_kong_is_counted_apart_only_with_china():
    assert "Hong Kong is counted apart from China" in glossary(["pair.rank.asia-pacific.CN-HK.2023"], set())
    assert "counted apart" not in glossary(["pair.rank.asia-pacific.HK-JP.2023"], set())


def test_codes_in_ids_ignore_words_and_years():
    assert codes_in(["partnership.ncses_rank_corr.JP.2022", "poles.pair_works.US-CN.2022"]) == ["CN", "JP", "US"]


def _ranks(rows):
    return pd.DataFrame(rows, columns=["pair", "country_a", "country_b", "rank"])


def test_a_leading_pair_of_china_and_hong_kong_is_said_to_be_international():
    said = separate_economies(_ranks([("CN-HK", "CN", "HK", 1), ("CN-US", "CN", "US", 2)]), 2023)
    assert said == ("Hong Kong is counted apart from China, as the source records it, so China–Hong Kong, 1st in "
                    "2023, is an international pair here.")
    assert separate_economies(_ranks([("CN-US", "CN", "US", 1), ("HK-JP", "HK", "JP", 2)]), 2023) == ""


FACTS = pd.DataFrame({"id": ["seed.a.JP.2015", "seed.b.KR.2023", "seed.c.JP-KR.2015-2023", "seed.d.JP.2015-2019"],
                      "year": ["2015", "2023", "2015-2023", "2015-2019"], "source_id": ["ni", "ni", "ni", "essay"],
                      "value": [1.0, 2.0, 3.0, 4.0]})


def test_published_figures_are_compared_only_where_the_window_reaches_them():
    ids = list(FACTS["id"])
    assert inside_window(FACTS, ids, 2014, 2022) == (["seed.a.JP.2015", "seed.d.JP.2015-2019"],
                                                      ["seed.b.KR.2023", "seed.c.JP-KR.2015-2023"])
    said = outside_window(FACTS, ["seed.b.KR.2023", "seed.c.JP-KR.2015-2023"], 2014, 2022, {"ni": "Nature Index"})
    assert said == ("The figures Nature Index gives for 2023 and 2015–2023 lie outside this edition's window "
                    "(2014–2022), so they are not compared.")
    assert outside_window(FACTS, [], 2014, 2022, {}) == ""


def test_data_rows_outside_the_window_are_not_read():
    yearly = pd.DataFrame({"year": [2003, 2015, 2022, 2023], "works": [1, 2, 3, 4]})
    assert list(within_window(yearly, (2014, 2022))["year"]) == [2015, 2022]
    periods = pd.DataFrame({"year_start": [2003, 2003], "year_end": [2022, 2023], "works": [1, 2]})
    assert list(within_window(periods, (2015, 2022))["year_end"]) == [2022]
    assert within_window(yearly, None).equals(yearly)
