"""Generic helpers over tidy yearly series."""

from __future__ import annotations

import pandas as pd


def in_window(frame: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    return frame[(frame["year"] >= start) & (frame["year"] <= end)]


def first_and_last(frame: pd.DataFrame, by: str, value: str) -> pd.DataFrame:
    """Per `by` group, the earliest and latest year with a value and those values."""
    ordered = frame.dropna(subset=[value]).sort_values([by, "year"])
    first = ordered.groupby(by, sort=True).first()[["year", value]]
    last = ordered.groupby(by, sort=True).last()[["year", value]]
    joined = first.merge(last, left_index=True, right_index=True, suffixes=("_start", "_end"), validate="1:1")
    return joined.reset_index()


def growth(frame: pd.DataFrame, by: str, value: str) -> pd.DataFrame:
    """Change from the first to the last year with data: total % and compound annual %."""
    ends = first_and_last(frame, by, value)
    span = ends["year_end"] - ends["year_start"]
    ratio = ends[f"{value}_end"] / ends[f"{value}_start"]
    ends["growth_pct"] = 100 * (ratio - 1)
    ends["cagr_pct"] = (100 * (ratio ** (1 / span.where(span > 0)) - 1)).where(span > 0)
    return ends


def rank_within(frame: pd.DataFrame, value: str, by: str = "year") -> pd.Series:
    """Rank (1 = largest) of each row's `value` among rows of the same `by`; ties share the best rank."""
    return frame.groupby(by)[value].rank(method="min", ascending=False).astype("int64")
