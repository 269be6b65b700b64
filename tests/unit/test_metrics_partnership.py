"""Partnership metrics on tiny pair tables written inline: one behaviour a test."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from briefing.errors import InputError
from briefing.metrics import partnership as m


def pairs_frame(rows: list[tuple[int, str, str, int]], source: str = "openalex") -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["year", "country_a", "country_b", "works"])
    return frame.assign(source=source, field="all")[["source", "field", "year", "country_a", "country_b", "works"]]


def output_frame(rows: list[tuple[int, str, int]], source: str = "openalex") -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["year", "country", "works_international"])
    return frame.assign(source=source, field="all", works_total=pd.NA,
                        works_international=frame["works_international"].astype("Int64"))


PAIRS = pairs_frame([
    (2018, "CN", "JP", 100), (2018, "CN", "KR", 50), (2018, "JP", "KR", 40), (2018, "JP", "US", 200),
    (2018, "KR", "US", 150), (2018, "AU", "CN", 120),
    (2019, "CN", "JP", 120), (2019, "CN", "KR", 80), (2019, "JP", "KR", 30), (2019, "JP", "US", 210),
    (2019, "KR", "US", 140), (2019, "AU", "CN", 90),
])
OUTPUT = output_frame([(2018, "JP", 400), (2018, "KR", 200), (2019, "JP", 500), (2019, "KR", 250)])


def facts_frame(rows: list[tuple[str, float, str, str]]) -> pd.DataFrame:
    """id, value, year, country (pair) plus the columns the facts table always has."""
    frame = pd.DataFrame(rows, columns=["id", "value", "year", "country"])
    return frame.assign(statement="A published figure.", unit="x", source_id="doc", seed_file="f.txt",
                        locator="p. 1", quote="as quoted")


# Pair ids and parameters.
def test_pair_id_and_codes_are_alphabetical():
    assert m.pair_id("KR", "JP") == "JP-KR"
    assert m.pair_codes("KR-CN") == ("CN", "KR")
    assert m.pair_name("KR-JP") == "Japan–South Korea"


@pytest.mark.parametrize("bad", ["JPKR", "JP-JP", "jp-kr", "JP-KR-CN", ""])
def test_a_malformed_pair_is_an_input_error_naming_it(bad):
    with pytest.raises(InputError, match="two different country codes"):
        m.pair_codes(bad)


def test_comparison_pairs_default_to_each_focus_country_with_each_pole():
    assert m.comparison_pairs("JP-KR", ["US", "CN"], []) == ["JP-US", "CN-JP", "KR-US", "CN-KR"]


def test_chosen_comparison_pairs_are_normalised_deduplicated_and_exclude_the_focus():
    assert m.comparison_pairs("JP-KR", ["US", "CN"], ["KR-CN", "CN-KR", "KR-JP", "US-KR"]) == ["CN-KR", "KR-US"]


def test_focus_pair_outside_the_region_is_an_input_error_naming_the_country():
    with pytest.raises(InputError, match=r"missing \['KR'\]"):
        m.check_in_region("JP-KR", ["JP", "CN"], "Somewhere")


def test_focus_pair_with_no_works_in_the_window_says_so():
    with pytest.raises(InputError, match="no co-authored works for it in 2020–2021"):
        m.require_works(PAIRS, "JP-KR", "openalex", 2020, 2021)


def test_focus_country_absent_from_the_table_is_named():
    with pytest.raises(InputError, match="HM does not appear in the openalex pairs table"):
        m.require_works(PAIRS, "HM-JP", "openalex", 2018, 2019)
    m.require_works(PAIRS, "KR-JP", "openalex", 2018, 2019)  # present: no error


# The pair over time.
def test_pair_series_indexes_each_pair_to_the_window_start():
    series = m.pair_series(PAIRS, ["JP-KR", "CN-KR"], 2018, 2019)
    assert series["pair"].tolist() == ["JP-KR", "JP-KR", "CN-KR", "CN-KR"]
    assert series["index_start_100"].tolist() == [100.0, 75.0, 100.0, 160.0]


def test_pairs_without_works_are_listed():
    series = m.pair_series(PAIRS, ["JP-KR", "AU-NZ"], 2018, 2019)
    assert m.pairs_without_works(series, ["JP-KR", "AU-NZ"]) == ["AU-NZ"]


def test_pair_growth_keeps_the_series_order():
    growth = m.pair_growth(m.pair_series(PAIRS, ["JP-KR", "CN-KR"], 2018, 2019))
    assert growth["pair"].tolist() == ["JP-KR", "CN-KR"]
    assert growth["growth_pct"].tolist() == pytest.approx([-25.0, 60.0])


# Rank among the region's pairs.
def test_region_ranks_count_only_pairs_inside_the_region():
    ranks = m.region_ranks(PAIRS, ["JP", "KR", "CN"], 2019, 2019)
    assert ranks[["pair", "rank", "pairs_ranked"]].values.tolist() == [
        ["CN-JP", 1, 3], ["CN-KR", 2, 3], ["JP-KR", 3, 3]]


def test_ranks_to_show_are_the_latest_leaders_plus_the_focus_in_every_year():
    ranks = m.region_ranks(PAIRS, ["JP", "KR", "CN", "AU"], 2018, 2019)
    shown = m.ranks_to_show(ranks, "JP-KR", 1)
    assert sorted(set(shown["pair"])) == ["CN-JP", "JP-KR"]
    assert len(shown) == 4 and shown.loc[shown["pair"] == "JP-KR", "is_focus"].all()


def test_region_countries_without_any_pair_are_reported():
    ranks = m.region_ranks(PAIRS, ["JP", "KR", "NZ"], 2018, 2019)
    assert m.countries_without_pairs(ranks, ["JP", "KR", "NZ"]) == ["NZ"]


def test_ranks_beside_published_fill_only_the_published_years():
    ranks = m.region_ranks(PAIRS, ["JP", "KR", "CN"], 2018, 2019)
    published = pd.DataFrame({"pair": ["JP-KR"], "year": [2019], "seed_rank": [2], "source_id": ["doc"]})
    joined = m.ranks_beside_published(ranks.assign(is_focus=False), published)
    assert joined["published_rank"].notna().sum() == 1
    assert joined.loc[joined["published_rank"].notna(), ["pair", "year"]].values.tolist() == [["JP-KR", 2019]]


# What the pair weighs for each partner.
def test_intl_shares_divide_by_each_partners_international_total():
    shares = m.intl_shares(PAIRS, OUTPUT, "JP-KR", 2018, 2019).set_index(["country", "year"])["share_pct"]
    assert shares[("JP", 2018)] == pytest.approx(10.0)
    assert shares[("KR", 2019)] == pytest.approx(12.0)


def test_top_partner_shares_rank_partners_and_give_their_share():
    top = m.top_partner_shares(PAIRS, OUTPUT, ["KR"], 2019, 2)
    assert top[["partner", "rank", "works"]].values.tolist() == [["US", 1, 140], ["CN", 2, 80]]
    assert top["share_pct"].tolist() == pytest.approx([56.0, 32.0])
    assert m.partner_lists(top)["partners"].tolist() == [["US", "CN"]]


def test_share_rows_keep_each_country_partner_year_once():
    shares = m.intl_shares(PAIRS, OUTPUT, "JP-KR", 2019, 2019)
    top = m.top_partner_shares(PAIRS, OUTPUT, ["KR"], 2019, 3)
    rows = m.share_rows(shares, top)
    assert len(rows) == 4 and not rows.duplicated(["country", "partner", "year"]).any()


# Published figures beside ours.
FACTS = facts_frame([
    ("seed.ni_pair_rank.JP-KR.2019", 2, "2019", "JP-KR"),
    ("seed.ni_pair_rank.AU-NZ.2019", 1, "2019", "AU-NZ"),
    ("seed.ni_share.KR.US.2019", 600.5, "2019", "KR-US"),
    ("seed.ni_share.KR.JP.2019", 100.0, "2019", "JP-KR"),
    ("seed.ni_articles_growth_pct.CN-KR.2018-2019", 50, "2018-2019", "CN-KR"),
    ("seed.ni_articles_growth_pct.CN-KR.2017-2019", 70, "2017-2019", "CN-KR"),
])


def test_missing_fact_ids_are_an_input_error_naming_them():
    with pytest.raises(InputError, match="seed.nope"):
        m.rank_vs_seed(PAIRS, ["JP", "KR", "CN"], FACTS, ["seed.nope"], "JP-KR")


def test_rank_vs_seed_keeps_the_focus_pairs_facts_and_ranks_the_same_year():
    compare = m.rank_vs_seed(PAIRS, ["JP", "KR", "CN"], FACTS,
                             ["seed.ni_pair_rank.JP-KR.2019", "seed.ni_pair_rank.AU-NZ.2019"], "JP-KR")
    assert compare[["pair", "year", "seed_rank", "rank", "pairs_ranked", "rank_gap"]].values.tolist() == [
        ["JP-KR", 2019, 2, 3, 3, 1]]
    assert m.rank_vs_seed(PAIRS, ["JP", "KR"], FACTS, ["seed.ni_pair_rank.AU-NZ.2019"], "JP-KR").empty


def test_share_vs_seed_orders_published_values_and_ranks_our_partners():
    compare = m.share_vs_seed(PAIRS, OUTPUT, FACTS, ["seed.ni_share.KR.US.2019", "seed.ni_share.KR.JP.2019"],
                              "JP-KR").sort_values("seed_order")
    assert compare[["partner", "seed_order", "rank", "works"]].values.tolist() == [["US", 1, 1, 140], ["JP", 2, 3, 30]]
    assert compare["share_pct"].tolist() == pytest.approx([56.0, 12.0])


def test_growth_vs_seed_uses_the_published_period_and_leaves_a_gap_when_a_year_is_missing():
    compare = m.growth_vs_seed(PAIRS, FACTS, ["seed.ni_articles_growth_pct.CN-KR.2018-2019",
                                              "seed.ni_articles_growth_pct.CN-KR.2017-2019"], ["CN-KR"])
    assert compare["growth_pct"].iloc[0] == pytest.approx(60.0)
    assert compare["difference_pp"].iloc[0] == pytest.approx(10.0)
    assert math.isnan(compare["growth_pct"].iloc[1])


# The same measures in a second database.
# Australia is Korea's largest partner in OpenAlex here but absent from the cross source, so it must
# not enter the comparison of rankings.
CROSS = pd.concat([PAIRS, pairs_frame([(2019, "AU", "KR", 500)]), pairs_frame([
    (2019, "CN", "JP", 90), (2019, "CN", "KR", 70), (2019, "JP", "KR", 35), (2019, "JP", "US", 150),
    (2019, "KR", "US", 100), (2019, "KR", "NZ", 5),
], source="ncses")], ignore_index=True)


def test_cross_pair_counts_in_the_cross_sources_years_with_their_ratio():
    counts = m.cross_pair_counts(CROSS, "JP-KR", "openalex", "ncses")
    assert counts[["year", "works", "works_cross"]].values.tolist() == [[2019, 30, 35]]
    assert counts["ratio"].iloc[0] == pytest.approx(30 / 35)


def test_cross_region_ranks_use_only_countries_both_sources_cover():
    ranks = m.cross_region_ranks(CROSS, ["JP", "KR", "CN", "AU"], "JP-KR", "openalex", "ncses")
    row = ranks.iloc[0]
    assert row["countries_covered"] == 3  # AU is not in the cross source
    assert (row["rank"], row["pairs_ranked"], row["rank_cross"], row["pairs_ranked_cross"]) == (3, 3, 3, 3)


def test_partner_rankings_in_both_sources_and_their_agreement():
    partners = m.cross_partners(CROSS, ["KR"], "openalex", "ncses")
    assert set(partners["partner"]) == {"US", "CN", "JP", "NZ"}  # not AU: the cross source does not list it
    agreement = m.partner_rank_agreement(partners, 3).iloc[0]
    assert agreement["top"] == ["US", "CN", "JP"] and agreement["top_cross"] == ["US", "CN", "JP"]
    assert agreement["agrees"] == "yes" and agreement["leading_agree"] == 3
    differ = m.partner_rank_agreement(partners.assign(rank_cross=partners["rank_cross"].replace({1: 2, 2: 1})), 3)
    assert differ["agrees"].iloc[0] == "no" and differ["leading_agree"].iloc[0] == 0
