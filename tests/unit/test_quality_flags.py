"""The other quality checks on constructed cases (provisional years, turns, rank falls,
unequal periods, entities left out), their caveats' sentences flipping with their input,
and which findings each flag touches."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from briefing.findings.model import Finding
from briefing.quality import Caveat
from briefing.quality import flags as qf
from briefing.quality.comparisons import left_out, unequal_periods
from briefing.quality.provisional import complete_on, counts_taken, provisional_caveat, provisional_years
from briefing.quality.ranks import rank_fall
from briefing.quality.turns import direction, turn

ENTRY = {"short": "OpenAlex", "indexing_lag_months": 18, "mirror": {"as_of": "2024-08-27"},
         "snapshot": {"origin": "mirror:openalex/x.csv", "retrieved_at": "2026-11-29T06:50:55Z"}}


# Provisional years.
def test_a_year_is_complete_once_its_indexing_lag_has_passed():
    assert complete_on(2022, 18) == date(2024, 6, 30) and complete_on(2022, 12) == date(2023, 12, 31)
    assert complete_on(2022, 0) == date(2022, 12, 31)
    assert provisional_years(range(2015, 2024), date(2024, 8, 27), 18) == [2023]
    assert provisional_years(range(2015, 2024), date(2024, 8, 27), 30) == [2022, 2023]
    assert provisional_years(range(2015, 2024), date(2026, 1, 1), 18) == []


def test_a_mirrored_file_is_dated_by_its_publisher_and_a_live_snapshot_by_its_retrieval():
    assert counts_taken(ENTRY) == (date(2024, 8, 27), "on 2024-08-27")
    assert counts_taken({**ENTRY, "mirror": {"as_of": "2023-04"}}) == (date(2023, 4, 1), "in April 2023")
    live = {**ENTRY, "snapshot": {"origin": "live:https://api.openalex.org", "retrieved_at": "2025-03-01T00:00:00Z"}}
    assert counts_taken(live)[0] == date(2025, 3, 1)
    assert counts_taken({**ENTRY, "mirror": {}})[0] == date(2026, 11, 29)


def test_the_provisional_caveat_names_the_years_and_flips_to_none():
    caveat = provisional_caveat("openalex", ENTRY, range(2015, 2024))
    assert caveat.kind == "provisional" and caveat.years == (2023,)
    assert caveat.text.startswith("OpenAlex counts for 2023 are provisional: they were taken on 2024-08-27, 8 months")
    assert "2023" in caveat.brief
    assert provisional_caveat("openalex", ENTRY, range(2015, 2023)) is None  # a window ending in 2022


# Turns.
def test_a_peak_inside_the_window_is_a_turn_and_moving_it_moves_the_turn():
    rising = {2015: 10.0, 2016: 12.0, 2017: 14.0, 2018: 16.0}
    assert turn(rising, "works") is None and direction(rising, "works") == "rose"
    peaked = {2015: 10.0, 2016: 14.0, 2017: 12.0, 2018: 11.0}
    found = turn(peaked, "works")
    assert (found.kind, found.year, found.turned) == ("peak", 2016, True)
    later = {2015: 10.0, 2016: 12.0, 2017: 14.0, 2018: 11.0}
    assert turn(later, "works").year == 2017
    trough = {2015: 10.0, 2016: 6.0, 2017: 8.0, 2018: 9.0}
    assert turn(trough, "works").kind == "trough"


def test_a_small_step_back_is_near_a_turn_not_a_turn():
    share = {2015: 20.0, 2016: 21.0, 2017: 22.0, 2018: 21.8}  # 0.2 pp below the peak
    found = turn(share, "pct")
    assert not found.turned and found.near
    assert turn({**share, 2018: 21.0}, "pct").turned  # 1 pp below


# Rank falls driven by other pairs.
def ranks_frame(rows):
    frame = pd.DataFrame(rows, columns=["year", "pair", "works", "rank"])
    return frame.assign(country_a=frame["pair"].str[:2], country_b=frame["pair"].str[3:])


def test_a_rank_fall_while_the_pair_grows_is_put_down_to_the_pairs_that_overtook_it():
    rows = [(2015, "JP-KR", 100, 1), (2015, "CN-JP", 90, 2), (2015, "CN-KR", 80, 3), (2015, "AU-NZ", 70, 4),
            (2023, "CN-JP", 300, 1), (2023, "CN-KR", 250, 2), (2023, "JP-KR", 120, 3), (2023, "AU-NZ", 80, 4)]
    fall = rank_fall(ranks_frame(rows), "JP-KR")
    assert (fall.rank_start, fall.rank_end) == (1, 3) and fall.overtakers == ("CN-JP", "CN-KR")
    assert fall.growth_pct == pytest.approx(20.0) and fall.common_country == "CN"
    text = qf.rank_text(fall, lambda p: p, "OpenAlex")
    assert "although its own works rose (+20%)" in text and "(CN-JP and CN-KR)" in text
    # Flipped: the pair's own works fell, so its fall in rank is its own: no flag.
    shrinking = [r if r[1] != "JP-KR" or r[0] == 2015 else (2023, "JP-KR", 60, 3) for r in rows]
    assert rank_fall(ranks_frame(shrinking), "JP-KR") is None


# Comparisons.
def test_unequal_periods_name_each_span_and_the_common_one():
    rows = pd.DataFrame({"country": ["JP", "KR", "TW"], "year_start": [2015, 2015, 2015],
                         "year_end": [2022, 2022, 2020]})
    caveat = unequal_periods(rows, "country", "growth figures", lambda c: c)
    assert caveat.kind == "unequal_periods"
    assert "(TW 2015–2020; JP and KR 2015–2022): only 2015–2020 is common to all" in caveat.text
    assert unequal_periods(rows.assign(year_end=2022), "country", "growth figures", lambda c: c) is None


def test_left_out_names_who_is_missing_and_flips_to_none():
    caveat = left_out(["JP", "KR", "TW"], ["JP", "KR"], "the ranking", "the source has no series for it")
    assert caveat.text == "Taiwan is left out of the ranking: the source has no series for it."
    assert left_out(["JP", "KR"], ["JP", "KR", "TW"], "the ranking", "no data") is None
    two = left_out(["JP", "TW", "HK"], ["JP"], "the ranking", "no data")
    assert two.text.startswith("Taiwan and Hong Kong are left out")


def test_left_out_says_it_or_them_as_many_are_left_out():
    # Three countries were once left out of the rate "for it" (property test, seed 11).
    one = left_out(["JP", "TW"], ["JP"], "the rate", "the source has no totals for {it} or {its} partners")
    assert one.text == "Taiwan is left out of the rate: the source has no totals for it or its partners."
    two = left_out(["JP", "TW", "HK"], ["JP"], "the rate", "the source has no totals for {it} or {its} partners")
    assert two.text.endswith("are left out of the rate: the source has no totals for them or their partners.")


# Breaks in words.
def break_row(**changes):
    row = dict(key="KR", kind="level_shift", year=2020, value_before=31032.0, value_at=44021.0, value_after=39502.0,
               year_latest=2023, value_latest=42271.0, change_pct=41.86, net_change_pct=21.6, z=7.6, confirmed=True)
    return SimpleNamespace(**{**row, **changes})


def test_break_sentences_follow_the_kind_and_direction_of_the_jump():
    what = "South Korea's internationally co-authored works"
    shift = qf.break_text(break_row(), what, "OpenAlex", "countries")
    assert shift.startswith("South Korea's internationally co-authored works in OpenAlex jump from 31,032 in 2019 "
                            "to 44,021 in 2020 (+42%, against a median of +17% for the countries compared) and stay "
                            "near the new level (42,271 in 2023): a level shift")
    spike = qf.break_text(break_row(kind="spike", value_after=32000.0), what, "OpenAlex")
    assert "fall back to 32,000 in 2021: a one-year spike" in spike
    dip = qf.break_text(break_row(kind="spike", value_at=20000.0, change_pct=-35.5, net_change_pct=-40.0), what,
                        "OpenAlex")
    assert " drop from 31,032" in dip and "recover to" in dip and "one-year dip" in dip
    late = qf.break_text(break_row(confirmed=False, value_after=float("nan")), what, "OpenAlex")
    assert "the latest year: whether it is a one-year spike or a new level, the next edition will tell" in late


# Which findings a flag touches.
def finding(id, value=1.0, unit="pct", source="openalex"):
    return Finding(id, "label", value, unit, source)


def test_a_level_shift_touches_every_share_on_the_total_and_periods_spanning_it():
    flag = qf.break_flags(pd.DataFrame([vars(break_row())]), {"KR": "South Korea's works"}, "openalex", "OpenAlex")[0]
    assert flag.touches(finding("exposure.share_pct.KR.US.2015"))
    assert flag.touches(finding("share.intl_pct.KR.JP.2023"))
    assert not flag.touches(finding("exposure.share_pct.JP.KR.2023"))  # Japan's total, not Korea's
    assert not flag.touches(finding("exposure.share_pct.KR.US.2022", source="ncses"))


def test_a_spike_touches_its_own_year_and_a_pair_flag_the_pairs_findings():
    row = break_row(key="KR-US", kind="spike")
    flag = qf.break_flags(pd.DataFrame([vars(row)]), {"KR-US": "works"}, "openalex", "OpenAlex", ("US", "CN"))[0]
    assert flag.caveat.kind == "spike"
    assert flag.touches(finding("pair.works.KR-US.2020", unit="works"))
    assert not flag.touches(finding("pair.works.KR-US.2021", unit="works"))
    assert flag.touches(finding("exposure.share_pct.KR.US.2020"))
    assert flag.touches(finding("exposure.peak_year.KR.US.2015-2023", value=2020, unit="year"))
    assert not flag.touches(finding("exposure.peak_year.KR.US.2015-2023", value=2019, unit="year"))
    assert flag.touches(finding("partnership.growth_pct.KR-US.2015-2020", unit="pct_change"))


def test_attach_puts_caveats_on_recorded_findings_once():
    section = SimpleNamespace(findings=SimpleNamespace(items={
        "pair.works.JP-KR.2023": finding("pair.works.JP-KR.2023", unit="works"),
        "pair.works.JP-KR.2022": finding("pair.works.JP-KR.2022", unit="works")}))
    attached = []
    section.caveat = lambda caveat, touches: attached.append(
        (caveat.kind, sorted(i for i in section.findings.items if touches(i)))) or 1
    caveat = Caveat("provisional", "openalex", "OpenAlex counts for 2023 are provisional.", source="openalex",
                    years=(2023,))
    assert qf.attach(section, qf.given(caveat, (r".",), caveat.years)) == 1
    assert attached == [("provisional", ["pair.works.JP-KR.2023"])]
    assert qf.given(None, (r".",)) == []


def test_caveats_of_selects_by_subject_and_kind_once_each():
    a = Caveat("level_shift", "KR", "Korea shifts.", years=(2020,))
    b = Caveat("spike", "KR-US", "A spike.")
    c = Caveat("left_out", "TW+HK", "Taiwan and Hong Kong are left out.")
    flags = [qf.Flag(a, ()), qf.Flag(a, ()), qf.Flag(b, ()), qf.Flag(c, ())]
    assert qf.caveats_of(flags, ["KR"]) == [a]
    assert qf.caveats_of(flags, ["KR", "KR-US"], kinds=("spike",)) == [b]
    assert qf.caveats_of(flags, ["TW"]) == [c]
    assert qf.break_marks(flags, ["KR"]) == [(2020, "Break in South Korea's series")]
    assert qf.break_marks(flags, ["JP"]) == [] and qf.provisional_years(flags, "openalex") == []
