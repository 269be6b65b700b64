"""Patterns across countries: the many counted, the few named; a move within the noise about
unchanged; a move that did not hold when tested (its sides of a break moved apart, or a second
source moved the other way) in no direction, named as such, in the opening and the summary
alike; a pattern's message states no one series' turn or test."""

from __future__ import annotations

from briefing.prose import lead, summary
from briefing.prose.patterns import who_moved
from briefing.quality.patterns import pattern, unclear_of

APART = {"holds": False, "reason": "the sides of the break move apart"}
NOISE = {"holds": False, "reason": "within the noise"}
HELD = {"holds": True}


def test_few_named_many_counted():
    assert who_moved(pattern({"JP": 2, "KR": 3, "TW": 1})) == "rose for every country"
    assert who_moved(pattern({"JP": 2, "KR": 3, "TW": -1})) == "rose for every country but Taiwan, where it fell"
    many = {f"C{i}": 2.0 for i in range(8)} | {"X1": -1.0, "X2": -1.0, "X3": 0.1, "X4": 0.0}
    assert who_moved(pattern(many)) == "rose for 8 of the 12 countries"


def test_a_move_that_did_not_hold_is_in_no_direction():
    records = {"JP": HELD, "KR": HELD, "TW": HELD, "SG": HELD, "BR": APART, "CO": NOISE}
    assert unclear_of(records) == ("BR",)  # within the noise is about unchanged, not unclear
    moves = {"JP": 2.0, "KR": 3.0, "TW": 1.0, "SG": 2.0, "BR": 1.5, "CO": 0.2}
    found = pattern(moves, 0.5, unclear_of(records))
    assert found.up == ("JP", "KR", "TW", "SG") and found.unclear == ("BR",) and found.total == 6
    assert who_moved(found) == ("rose for every country but Colombia and Brazil: it was about unchanged for "
                                "Colombia, and for Brazil no trend holds across breaks in the source")
    alone = pattern({"JP": 2.0, "KR": 3.0, "TW": 1.0, "BR": 1.5}, 0.5, ("BR",))
    assert who_moved(alone) == "rose for every country but Brazil, where no trend holds across breaks in the source"
    # Without a direction shared by two thirds, each group is named, the unclear last.
    assert who_moved(pattern({"JP": 2.0, "KR": -3.0, "CO": 0.1, "BR": 1.5}, 0.5, ("BR",))) == (
        "rose for Japan, fell for South Korea and was about unchanged for Colombia; for Brazil no trend holds "
        "across breaks in the source")
    # Flipped: the same move, tested and held, is a rise like the others.
    assert who_moved(pattern({"JP": 2.0, "KR": 3.0, "TW": 1.0, "BR": 1.5}, 0.5)) == "rose for every country"


def shares(country, values, record=None, pole="CN"):
    out = {}
    for year, value in values.items():
        fid = f"exposure.share_pct.{country}.{pole}.{year}"
        out[fid] = {"id": fid, "label": f"Share, {year}", "value": value, "unit": "pct", "source": "openalex"}
    if record is not None:
        out[f"exposure.share_pct.{country}.{pole}.{max(values)}"]["robustness"] = record
    return out


def test_the_opening_says_which_move_did_not_hold():
    findings = {**shares("JP", {2015: 15.5, 2023: 22.0}, HELD), **shares("KR", {2015: 13.4, 2023: 20.9}, HELD),
                **shares("BR", {2015: 2.5, 2020: 4.5, 2023: 3.8}, APART)}
    text = lead.lead(findings, ["JP", "KR", "BR"], ["US", "CN"])
    assert "rose for every country but Brazil, where no trend holds across breaks in the source" in text
    findings["exposure.share_pct.BR.CN.2023"]["robustness"] = HELD
    assert "with a co-author in China rose for every country." in lead.lead(findings, ["JP", "KR", "BR"], ["US", "CN"])


def test_a_patterns_message_states_no_one_series_turn_or_test():
    findings = shares("BR", {2015: 2.5, 2017: 3.0, 2020: 4.5, 2023: 3.8},
                      {"holds": False, "reason": "the sides of the break move apart", "tested": ["noise", "breaks"],
                       "span": "2015-2023", "change": 1.3, "noise": 0.5, "breaks": [2020],
                       "sides": [{"span": "2015-2019", "first": 2.5, "last": 3.0, "change": 0.5},
                                 {"span": "2020-2023", "first": 4.5, "last": 3.8, "change": -0.7}]})
    pattern_item = {"finding": "exposure.share_pct.BR.CN.2023", "text": "It rose for most countries.", "weight": 3.0}
    assert summary.message(pattern_item, findings) == "It rose for most countries."
    own = {"finding": "exposure.share_pct.BR.CN.2023", "text": "Brazil's share moved."}
    said = summary.message(own, findings)
    assert "2020" in said and said != "Brazil's share moved."


def test_a_message_led_by_a_turn_names_the_change_its_test_confirms():
    # The United States' share with China: up from 2012, down since its 2019 peak; NCSES agrees on the rise.
    record = {"holds": True, "tested": ["noise", "second_source"], "span": "2012-2021", "change": 5.8, "noise": 0.5,
              "second_source": {"source": "NCSES SEI", "span": "2013-2021", "first": 18.4, "last": 24.3,
                                "change": 5.9, "same_direction": True}}
    findings = shares("US", {2012: 13.2, 2015: 16.0, 2019: 20.0, 2020: 19.6, 2021: 19.0}, record)
    said = summary.message({"finding": "exposure.share_pct.US.CN.2021", "text": "It has fallen since 2019."}, findings)
    assert said == ("It has fallen since 2019. From 2012 to 2021 it rose (+5.8 percentage points); NCSES SEI (18.4% "
                    "in 2013, 24.3% in 2021) shows the same direction.")
    # Flipped: a series that rose all along is led by that rise; the test needs no restating.
    steady = shares("US", {2012: 13.2, 2015: 16.0, 2019: 18.0, 2021: 19.0}, record)
    assert summary.message({"finding": "exposure.share_pct.US.CN.2021", "text": "It rose."}, steady) == (
        "It rose. NCSES SEI (18.4% in 2013, 24.3% in 2021) shows the same direction.")
