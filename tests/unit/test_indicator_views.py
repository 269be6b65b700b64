"""Any registry indicator for an edition, on tiny frames: the series each country takes whole
from one source, the latest-year ranking and who is not ranked, the caveats from the source's
flags, and the sentences, each flip-tested (flip the input, the sentence flips)."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.charts.indicators import HEIGHT, LABEL_SIZE, label_positions, ranking_chart, trend_chart
from briefing.charts.textsize import text_height
from briefing.metrics.indicators import indicator_view, latest_ranking
from briefing.prose import indicators as prose
from briefing.quality import indicators as quality
from briefing.sources import indicators
from tests.conftest import REPO

REGISTRY = indicators.load(REPO / "data" / "indicators.yml")
OVERRIDES = indicators.source_overrides(["worldbank", "ncses"], "oecd")
NAMES = {"worldbank": "World Bank WDI", "ncses": "NCSES SEI", "oecd": "OECD"}
FOCUS = ["JP", "KR"]


def rd(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["source", "country", "year", "indicator", "value", "status"])


def intensity(jp=(3.2, 3.3, 3.4), kr=(4.5, 4.6, 4.8), tw=3.77, extra=()) -> pd.DataFrame:
    """gerd_pct_gdp 2020-2022 for JP and KR (WDI), Taiwan 2021 from NCSES only."""
    rows = [("worldbank", "JP", 2020 + i, "gerd_pct_gdp", v, "") for i, v in enumerate(jp)]
    rows += [("worldbank", "KR", 2020 + i, "gerd_pct_gdp", v, "") for i, v in enumerate(kr)]
    rows += [("ncses", "JP", 2021, "gerd_pct_gdp", 9.9, "P"), ("ncses", "TW", 2021, "gerd_pct_gdp", tw, "P"),
             ("ncses", "TW", 2010, "gerd_pct_gdp", 2.8, "")]
    return rd(rows + list(extra))


def view(frame: pd.DataFrame, countries=("JP", "KR", "TW"), ind="gerd_pct_gdp", start=2020, end=2022):
    return indicator_view(frame, REGISTRY, ind, list(countries), start, end, OVERRIDES)


# Metrics ------------------------------------------------------------------------------

def test_each_country_whole_from_its_first_source_with_a_figure():
    v = view(intensity())
    assert v.panel[["country", "year", "source", "value"]].values.tolist() == [
        ["JP", 2020, "worldbank", 3.2], ["JP", 2021, "worldbank", 3.3], ["JP", 2022, "worldbank", 3.4],
        ["KR", 2020, "worldbank", 4.5], ["KR", 2021, "worldbank", 4.6], ["KR", 2022, "worldbank", 4.8],
        ["TW", 2021, "ncses", 3.77]]
    assert v.sources == ("worldbank", "ncses")


def test_latest_ranking_shows_the_year_of_each_value_and_ties_share_a_rank():
    v = view(intensity())
    assert v.ranking[["country", "year", "value", "rank"]].values.tolist() == [
        ["KR", 2022, 4.8, 1], ["TW", 2021, 3.77, 2], ["JP", 2022, 3.4, 3]]
    tied = latest_ranking(pd.DataFrame({"source": "x", "country": ["B", "A"], "year": 2020, "value": [1.0, 1.0],
                                        "status": ""}))
    assert tied[["country", "rank"]].values.tolist() == [["A", 1], ["B", 1]]


def test_not_ranked_says_whether_a_source_has_an_older_figure():
    v = view(intensity(), countries=("JP", "KR", "TW", "IN"), start=2022, end=2022)
    assert v.not_ranked["country"].tolist() == ["TW", "IN"]
    assert v.not_ranked["latest_year"].tolist()[0] == 2021 and pd.isna(v.not_ranked["latest_year"].tolist()[1])
    assert quality.not_ranked_reasons(v) == ("Taiwan (latest figure 2021, before 2022) and India "
                                             "(no source in this build gives it)")


# Quality -------------------------------------------------------------------------------

def test_source_flags_become_caveats_on_the_flagged_findings():
    frame = rd([("oecd", "JP", 2018, "gerd_usd_ppp_m", 100.0, "B"), ("oecd", "JP", 2019, "gerd_usd_ppp_m", 101.0, ""),
                ("oecd", "GB", 2019, "gerd_usd_ppp_m", 50.0, "E+P"), ("oecd", "GB", 2020, "gerd_usd_ppp_m", 52.0, "P")])
    v = view(frame, countries=("JP", "GB"), ind="gerd_usd_ppp_m", start=2018, end=2020)
    found = {(f.caveat.kind, f.caveat.subject): f for f in quality.indicator_caveats(v, NAMES)}
    brk = found[("source_break", "gerd_usd_ppp_m.JP")]
    assert brk.finding_ids == ["funding.gerd_usd_ppp_m.JP.2018"] and brk.caveat.years == (2018,)
    assert brk.caveat.text == ("OECD marks a break in Japan's R&D spending in current dollars series in 2018: "
                               "figures before and after are not strictly comparable.")
    prov = found[("provisional", "gerd_usd_ppp_m.GB")]
    assert prov.finding_ids == ["funding.gerd_usd_ppp_m.GB.2019", "funding.gerd_usd_ppp_m.GB.2020"]
    assert prov.caveat.text == ("OECD marks the United Kingdom's R&D spending in current dollars figures for 2019 "
                                "and 2020 as provisional.")
    assert found[("estimate", "gerd_usd_ppp_m.GB")].caveat.years == (2019,)
    assert found[("unequal_periods", "gerd_usd_ppp_m")].caveat.text == (
        "The latest R&D spending in current dollars figures are of different years: 2020 for the United Kingdom; "
        "2019 for Japan.")
    # Flip: no flags, same years -> no caveat at all.
    clean = frame.assign(status="", year=[2019, 2020, 2019, 2020])
    assert quality.indicator_caveats(view(clean, ("JP", "GB"), "gerd_usd_ppp_m", 2018, 2020), NAMES) == []


def test_left_out_caveat_touches_the_ranked_findings():
    v = view(intensity(), countries=("JP", "KR", "IN"))
    (left,) = [f for f in quality.indicator_caveats(v, NAMES) if f.caveat.kind == "left_out"]
    assert left.caveat.text == "Not ranked on R&D intensity: India (no source in this build gives it)."
    assert left.finding_ids == ["funding.gerd_pct_gdp.KR.2022", "funding.gerd_pct_gdp.JP.2022"]
    assert quality.left_out_caveat(view(intensity(), countries=("JP", "KR"))) is None


def test_growth_over_unequal_spans_is_a_caveat_on_growth_findings():
    growth = pd.DataFrame({"country": ["CN", "US"], "year_start": [2015, 2015], "year_end": [2022, 2021]})
    (flag,) = quality.growth_caveats(growth, "oecd")
    assert flag.caveat.kind == "unequal_periods"
    assert flag.caveat.text == ("R&D spending growth is measured from 2015 to each country's latest year "
                                "(2022 for China; 2021 for the United States), so countries are compared by growth "
                                "a year.")
    assert "funding.gerd_const_cagr_pct.US.2015-2021" in flag.finding_ids
    assert quality.growth_caveats(growth.assign(year_end=2022), "oecd") == []


# Sentences, each flipped -----------------------------------------------------------------

def test_ranking_sentence_names_the_leader_the_focus_ranks_and_who_is_not_ranked():
    text = prose.ranking_sentence(view(intensity(), countries=("JP", "KR", "TW", "IN")), FOCUS)
    assert text == ("By each country's latest R&D intensity figure, South Korea ranks first of the 3 countries "
                    "ranked (4.80% in 2022) and Japan third (3.40% in 2022). "
                    "Not ranked: India (no source in this build gives it).")
    flipped = prose.ranking_sentence(view(intensity(jp=(5.2, 5.3, 5.4)), countries=("JP", "KR", "TW")), FOCUS)
    assert flipped == ("By each country's latest R&D intensity figure, Japan ranks first of the 3 countries "
                       "ranked (5.40% in 2022) and South Korea second (4.80% in 2022).")


def test_ranking_sentence_says_when_a_focus_country_is_not_compared():
    text = prose.ranking_sentence(view(intensity(), countries=("KR", "TW")), FOCUS)
    assert text.endswith("Japan is not among the countries this edition compares.")


@pytest.mark.parametrize(("jp", "expected"), [
    ((3.2, 3.3, 3.4), "Japan's R&D intensity rose from 3.20% in 2020 to 3.40% in 2022."),
    ((3.4, 3.3, 3.2), "Japan's R&D intensity fell from 3.40% in 2020 to 3.20% in 2022."),
    ((3.2, 3.6, 3.4), "Japan's R&D intensity peaked at 3.60% in 2021 and was 3.40% in 2022 (from 3.20% in 2020)."),
    ((3.4, 3.1, 3.2), "Japan's R&D intensity fell to a low of 3.10% in 2021 and was 3.20% in 2022 "
                      "(from 3.40% in 2020)."),
    ((3.4, 3.401, 3.4), "Japan's R&D intensity was unchanged, from 3.40% in 2020 to 3.40% in 2022."),
])
def test_movement_follows_the_series_and_reports_turns(jp, expected):
    assert prose.movement(view(intensity(jp=jp)), "JP") == expected


def test_movement_of_one_figure_or_none():
    assert prose.movement(view(intensity()), "TW") == "Taiwan's R&D intensity has one figure in the window: 3.77% in 2021."
    assert prose.movement(view(intensity(), countries=("JP", "IN")), "IN") == (
        "India has no R&D intensity figure in 2020–2022.")


def test_secondary_source_sentence_follows_who_needs_it():
    assert prose.secondary_sources(view(intensity()), NAMES) == (
        "Taiwan's series comes from NCSES SEI, because World Bank WDI has no figure for it in 2020–2022.")
    assert prose.secondary_sources(view(intensity(), countries=("JP", "KR")), NAMES) == ""


def test_summary_has_heading_with_anchor_and_escapes_markup():
    text = prose.summary(view(intensity()), FOCUS, NAMES, [])
    assert text.startswith("## R&D expenditure, % of GDP {#sec-funding-gerd-pct-gdp}\n\n")
    money = rd([("oecd", "JP", 2021, "gerd_usd_ppp_m", 172060.0, ""), ("oecd", "KR", 2021, "gerd_usd_ppp_m", 1e5, "")])
    assert "(\\$172.1 bn in 2021)" in prose.summary(view(money, ind="gerd_usd_ppp_m"), FOCUS, NAMES, [])


def test_captions_alt_text_and_source_note_follow_the_data():
    v = view(intensity(), countries=("JP", "KR", "TW", "IN"))
    assert prose.ranking_caption(v) == ("R&D expenditure, % of GDP: latest figure for each country, 2020–2022, "
                                        "ranked; not ranked: India")
    # Only the flags the figures carry are named (here, provisional).
    assert prose.trend_caption(v).endswith("(dashed lines: series from a second source; hollow points: figures the "
                                           "source flags as provisional, each said in the text)")
    assert prose.ranking_alt(v).endswith("highest South Korea (4.80% in 2022), lowest Japan (3.40% in 2022).")
    assert prose.source_note(v, NAMES) == "Source: World Bank WDI, indicator GB.XPD.RSDV.GD.ZS; NCSES SEI, table SRD-1."
    assert prose.source_note(v, NAMES, v.panel[v.panel["source"] == "ncses"]) == "Source: NCSES SEI, table SRD-1."


def test_without_data_names_the_indicators_no_source_gives():
    views = [view(intensity()), view(intensity(), ind="researchers_per_million")]
    assert prose.without_data(views) == ("No source in this build gives researchers per million people for the "
                                         "countries of this edition in 2020–2022; add the publisher's file to the "
                                         "mirror to draw it.")
    assert prose.without_data(views[:1]) == ""


# Charts --------------------------------------------------------------------------------

def test_direct_labels_are_a_line_apart_inside_the_plot():
    v = view(intensity(jp=(4.7, 4.75, 4.79), tw=4.81))
    data = v.panel.assign(shown=v.panel["value"])
    placed = label_positions(data, top=5.0)["label_y"].sort_values().tolist()
    gap = 5.0 / HEIGHT * text_height(LABEL_SIZE)  # a line of text, in data units
    assert all(b - a >= gap - 1e-9 for a, b in zip(placed, placed[1:], strict=False))
    assert gap / 2 - 1e-9 <= placed[0] and placed[-1] <= 5.0 - gap / 2 + 1e-9  # inside the plot


def test_charts_carry_the_value_in_the_readers_unit_and_the_year():
    money = rd([("oecd", "JP", 2021, "gerd_usd_ppp_m", 172060.0, ""), ("oecd", "KR", 2021, "gerd_usd_ppp_m", 1e5, "P")])
    v = view(money, countries=("JP", "KR"), ind="gerd_usd_ppp_m")
    spec = ranking_chart(v, FOCUS, NAMES).to_dict()
    rows = spec["datasets"][next(iter(spec["datasets"]))]
    assert [r["bar_label"] for r in rows] == ["$172.1 bn (2021)", "$100.0 bn (2021)"]
    trend = trend_chart(v, FOCUS, NAMES).to_dict()
    assert "GERD, US$ bn (current PPP)" in str(trend)
