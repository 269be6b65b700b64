"""Signed numbers for readers (`briefing.units`)."""

from __future__ import annotations

from briefing import units


def test_a_change_that_rounds_to_zero_carries_no_sign():
    # "−0.0 percentage points over 2012–2013" was printed for a South America edition's side of a break.
    assert units.pp(-0.04, 1) == "0.0 percentage points"
    assert units.pp_short(0.04) == "0.0 pp"
    assert units.signed_pct(-0.4) == "0%"
    assert units.pp(-0.06, 1) == "\u22120.1 percentage points"
    assert units.signed(1234.5, ",.0f") == "+1,234"
