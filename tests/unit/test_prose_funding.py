"""The funding section's own sentences (spending growth, government budgets, published figures,
the executive summary's items), each flip-tested: flip the input, the sentence flips."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.indicators import indicator_view
from briefing.prose import funding as prose
from briefing.sources import indicators
from tests.conftest import REPO

REGISTRY = indicators.load(REPO / "data" / "indicators.yml")


def growth(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["country", "year_start", "gerd_usd_ppp_m_const2015_start", "year_end",
                                        "gerd_usd_ppp_m_const2015_end"])
    ratio = frame["gerd_usd_ppp_m_const2015_end"] / frame["gerd_usd_ppp_m_const2015_start"]
    frame["growth_pct"] = 100 * (ratio - 1)
    frame["cagr_pct"] = 100 * (ratio ** (1 / (frame["year_end"] - frame["year_start"])) - 1)
    return frame.sort_values("cagr_pct", ascending=False).reset_index(drop=True)


EQUAL = [("CN", 2015, 100_000.0, 2022, 200_000.0), ("JP", 2015, 170_000.0, 2022, 180_000.0)]
UNEQUAL = [("CN", 2015, 100_000.0, 2022, 200_000.0), ("US", 2015, 400_000.0, 2021, 600_000.0),
           ("JP", 2015, 170_000.0, 2022, 180_000.0)]


def test_growth_summary_leads_with_the_fastest_by_growth_a_year():
    text = prose.growth_summary(growth(EQUAL), ["JP"])
    assert text.splitlines()[0] == ("Measured in constant 2015 PPP dollars, China raised its R&D spending fastest, "
                                    "by \\+10.4% a year from 2015 to 2022 (\\+100% in all); Japan grew slowest, by "
                                    "\\+0.8% a year.")
    assert "Japan's spending went from \\$170.0 bn to \\$180.0 bn (\\+0.8% a year, 2015–2022)." in text
    assert "differ" not in text
    flipped = prose.growth_summary(growth([("CN", 2015, 200_000.0, 2022, 100_000.0),
                                           ("JP", 2015, 170_000.0, 2022, 180_000.0)]), ["JP"])
    assert flipped.startswith("Measured in constant 2015 PPP dollars, Japan raised its R&D spending fastest")
    assert "China cut it most, by −9.4% a year." in flipped


def test_growth_summary_says_when_spans_differ():
    text = prose.growth_summary(growth(UNEQUAL), [])
    assert text.splitlines()[-1] == ("The years with figures differ (2015–2022 for China and Japan; 2015–2021 for "
                                     "the United States), so countries are compared by growth a year over their own "
                                     "span.")


def test_yearly_change_words():
    assert prose.yearly_change(4.06) == "grew by 4.1% a year"
    assert prose.yearly_change(-1.2) == "fell by 1.2% a year"
    assert prose.yearly_change(0.01) == "was about unchanged"


def test_growth_alt_follows_the_order():
    assert "China +10.4% a year (2015–2022) down to Japan +0.8% a year (2015–2022)" in prose.growth_alt(growth(EQUAL))


def test_gbard_summary_names_the_largest_objective():
    rows = pd.DataFrame({"country": "KR", "year": 2019, "objective": ["Defence", "Civil space"],
                         "indicator": ["gbard_defense_pct", "gbard_nondefense_civil_space_pct"],
                         "share_pct": [30.0, 70.0], "usd_ppp_m": [300.0, 700.0], "gbard_usd_ppp_m": 1000.0})
    # Generated text is literal markdown: a dollar sign cannot open TeX math.
    assert prose.gbard_summary(rows) == ("In 2019, South Korea's government R&D budget was \\$1.0 bn (current PPP); its "
                                         "largest objective was civil space at 70.0% of the total; defence took 30.0%.")
    assert prose.gbard_summary(rows.assign(country="US")).startswith(
        "In 2019, the United States' government R&D budget")
    flipped = prose.gbard_summary(rows.assign(share_pct=[70.0, 30.0]))
    assert "largest objective was defence at 70.0%" in flipped
    older = pd.concat([rows.assign(year=2010), rows])
    assert prose.gbard_summary(older).startswith("The source table gives budgets by objective for 2010 and 2019 only; "
                                                 "2019 is the latest.\n")


def intensity_view(jp_last=3.44, countries=("JP", "KR", "IN")):
    rd = pd.DataFrame([("worldbank", "JP", 2015, "gerd_pct_gdp", 3.24, ""),
                       ("worldbank", "JP", 2023, "gerd_pct_gdp", jp_last, ""),
                       ("worldbank", "KR", 2023, "gerd_pct_gdp", 4.94, "")],
                      columns=["source", "country", "year", "indicator", "value", "status"])
    return indicator_view(rd, REGISTRY, "gerd_pct_gdp", list(countries), 2015, 2023,
                          indicators.source_overrides(["worldbank", "ncses"], "oecd"))


def test_highlights_rank_by_latest_figure_and_name_who_is_not_ranked():
    (item,) = prose.highlights(intensity_view(), growth([]), ["JP"])
    assert item == {"finding": "funding.gerd_pct_gdp.JP.2023", "figure": "fig-gerd-intensity",
                    "text": "Japan spent 3.44% of GDP on R&D in 2023, +0.20 percentage points since 2015; second "
                            "highest of the 2 countries ranked by their latest figure (India not ranked: no figure)."}
    (flipped,) = prose.highlights(intensity_view(jp_last=5.0, countries=("JP", "KR")), growth([]), ["JP"])
    assert flipped["text"] == ("Japan spent 5.00% of GDP on R&D in 2023, +1.76 percentage points since 2015; highest "
                               "of the 2 countries ranked by their latest figure.")
    assert prose.highlights(None, growth(EQUAL), ["JP"])[0]["text"] == (
        "Japan's R&D spending in constant dollars grew by 0.8% a year from 2015 to 2022 (from $170.0 bn to $180.0 bn).")


def test_seed_comparison_states_the_revision_sign():
    compare = pd.DataFrame({"id": ["seed.x.KR.2018"], "country": ["KR"], "year": [2018], "value": [4.53],
                            "today": [4.52], "difference": [-0.01], "source": ["worldbank"], "source_id": ["doc"],
                            "quote": ["4.53%"]})
    names = {"doc": "Nature Index (2020)", "worldbank": "World Bank WDI"}
    text = prose.seed_comparison(compare, names)
    assert text.startswith("For 2018, Nature Index (2020) gave R&D intensity as South Korea's at 4.53%.\n"
                           "World Bank WDI now gives 4.52% for South Korea (−0.01 percentage points) (@tbl-seed-intensity).")
    assert "Why a published figure changes later" in text  # the callout comes only with figures to explain
    assert prose.seed_comparison(compare.iloc[0:0], names) == ""
    assert "(+0.02 percentage points)" in prose.seed_comparison(compare.assign(today=4.55, difference=0.02), names)


def across(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["country", "year", "jump_pct", "before_start", "before_end", "before_cagr_pct",
                                       "after_start", "after_end", "after_cagr_pct"])


def test_one_sentence_a_country_its_growth_between_breaks():
    two = across([("US", 2015, 5.4, 2012, 2014, 3.0, 2015, 2015, float("nan")),
                  ("US", 2016, 4.1, 2015, 2015, float("nan"), 2016, 2021, 6.5)])
    assert prose.break_sentences(two, "OECD") == [
        "OECD marks breaks in the United States' series in 2015 and 2016 (jumps of +5.4% and +4.1% in one year): "
        "split at the breaks, spending changed by +3.0% a year over 2012–2014 and +6.5% a year over 2016–2021, which is the "
        "growth to compare."]
    table = prose.growth_table(growth([("US", 2012, 100.0, 2021, 160.0)]), two)
    assert table["Across a break in the source"].tolist() == [
        "breaks in 2015 (+5.4%) and 2016 (+4.1%): +3.0% a year to 2014 and +6.5% a year from 2016"]
    # Flipped: one break, its two sides.
    one = across([("GB", 2018, 18.2, 2015, 2017, 3.4, 2018, 2021, 1.9)])
    assert prose.break_sentences(one, "OECD") == [
        "OECD marks a break in the United Kingdom's series in 2018 (a jump of +18.2% in one year): on each side "
        "of it, spending changed by +3.4% a year over 2015–2017 and +1.9% a year over 2018–2021, which is the growth "
        "to compare."]
    # A break in the second year leaves one side to compare.
    early = across([("JP", 2016, 2.0, 2015, 2015, float("nan"), 2016, 2022, 1.1)])
    assert prose.break_sentences(early, "OECD")[0].endswith(
        "spending changed by +1.1% a year over 2016–2022, the only span of two years or more without a break.")
