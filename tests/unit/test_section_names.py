"""The names a finding's label and id are filled from (`briefing.section.derived_names`)."""

from __future__ import annotations

import math

from briefing.section import derived_names


def test_a_span_is_made_from_the_rows_own_years():
    assert derived_names({"year_start": 2003.0, "year_end": 2022.0})["span"] == "2003-2022"


def test_a_row_without_the_periods_years_has_no_span():
    # A scenario row of a country NCSES's AI table lacks: its period columns are NaN (property test, seed 11).
    names = derived_names({"country": "MR", "year": 2023, "year_start": math.nan, "year_end": math.nan})
    assert "span" not in names and names["year"] == 2023
