"""Level shifts and one-year spikes in yearly count series (a country's total of
international works, a pair's co-authored works), found with robust statistics.

A year's change is its log ratio to the year before. Within a panel (every series of one
source and measure), the median change of that year is taken out first: a change that
moved every series alike is the source's, not one series' break. Each series' own net
changes give its centre (median) and scale (1.4826 x MAD, floored); a net change at
least `BREAK_Z` scales from the centre and `BREAK_MIN_LOG_CHANGE` in size, in a year the
series itself moved that much the same way, is a jump. A
jump that the following years take back (by `SPIKE_RETURN` or more of it, in levels) is a spike;
one that stays is a level shift; a jump in the latest year is not yet either (`confirmed` false). Thresholds: `briefing.quality.thresholds`."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from briefing.quality import thresholds as t

COLUMNS = ["key", "kind", "year", "value_before", "value_at", "value_after", "year_latest", "value_latest",
           "change_pct", "net_change_pct", "z", "confirmed"]


def _raw_changes(frame: pd.DataFrame, key: str, value: str) -> pd.DataFrame:
    rows = frame[frame[value] > 0].sort_values([key, "year"])
    previous = rows.groupby(key)[value].shift(1)
    gap = rows["year"] - rows.groupby(key)["year"].shift(1)
    change = np.log(rows[value].astype("float64") / previous).where(gap == 1)
    return pd.DataFrame({"key": rows[key], "year": rows["year"], "value": rows[value].astype("float64"),
                         "change": change}).reset_index(drop=True)


def common_change(changes: pd.DataFrame) -> pd.Series:
    """The panel's median log change per year, where the panel holds at least
    `PANEL_MIN_SERIES` series (and changes that year); empty otherwise."""
    if changes["key"].nunique() < t.PANEL_MIN_SERIES:
        return pd.Series(dtype="float64")
    by_year = changes.dropna(subset=["change"]).groupby("year")["change"]
    median, counted = by_year.median(), by_year.count()
    return median[counted >= t.PANEL_MIN_SERIES]


def log_changes(frame: pd.DataFrame, key: str, value: str, panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per series and year: the log change from the year before (`change`) and the same net
    of the panel's median change that year (`net`); consecutive years only. The panel is
    `panel` (same columns) when given, else the series of `frame` themselves."""
    out = _raw_changes(frame, key, value)
    common = common_change(out if panel is None else _raw_changes(panel, key, value))
    out["net"] = out["change"] - out["year"].map(common).fillna(0.0)
    return out


def _robust_z(net: pd.Series) -> pd.Series:
    valid = net.dropna()
    if len(valid) < t.BREAK_MIN_CHANGES:
        return pd.Series(np.nan, index=net.index)
    centre = valid.median()
    scale = max(1.4826 * (valid - centre).abs().median(), t.BREAK_MIN_SCALE)
    return (net - centre) / scale


def breaks(frame: pd.DataFrame, key: str, value: str, start: int, end: int,
           panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Jumps inside the window (`start` < year <= `end`) of each series of `frame` (columns
    `key`, year, `value`; years before `start` give the series' history), one row a jump:
    kind (level_shift | spike), year, the values before, at and after it, its change and
    net change in % and its robust z."""
    def history(rows: pd.DataFrame) -> pd.DataFrame:
        return rows[(rows["year"] >= start - t.BREAK_CONTEXT_YEARS) & (rows["year"] <= end)]
    changes = log_changes(history(frame), key, value, None if panel is None else history(panel))
    rows = []
    for series_key, series in changes.groupby("key", sort=True):
        series = series.reset_index(drop=True)
        z = _robust_z(series["net"])
        # A jump in the series itself (not only against the panel), in the direction it stands out.
        jumps = series.index[(series["year"] > start) & (z.abs() >= t.BREAK_Z)
                             & (series["net"].abs() >= t.BREAK_MIN_LOG_CHANGE)
                             & (series["change"].abs() >= t.BREAK_MIN_LOG_CHANGE)
                             & (np.sign(series["change"]) == np.sign(series["net"]))]
        last = None
        for i in jumps:
            # The year after a jump, moving back, is the same episode (a spike's return, or a
            # level shift settling), not a second break.
            if last is not None and i == last + 1 and np.sign(series.loc[i, "net"]) != np.sign(series.loc[last, "net"]):
                continue
            rows.append(_jump(series_key, series, i, float(z[i])))
            last = i
    return pd.DataFrame(rows, columns=COLUMNS)


def _jump(series_key: str, series: pd.DataFrame, i: int, z: float) -> dict:
    """One jump; a spike or a level shift by how much of the step the following years take
    back, in the series' own levels (the median of up to `SPIKE_AFTER_YEARS` years after it):
    a level that settles somewhat lower after a step is still a shift."""
    before, at = float(series.loc[i - 1, "value"]), float(series.loc[i, "value"])
    year = int(series.loc[i, "year"])
    following = series[(series["year"] > year) & (series["year"] <= year + t.SPIKE_AFTER_YEARS)]
    after = float(following["value"].median()) if len(following) else math.nan
    taken_back = math.log(at / after) / math.log(at / before) if len(following) else math.nan
    return {"key": series_key, "kind": "spike" if taken_back >= t.SPIKE_RETURN else "level_shift",
            "year": year, "value_before": before, "value_at": at, "value_after": after,
            "year_latest": int(series["year"].iloc[-1]), "value_latest": float(series["value"].iloc[-1]),
            "change_pct": 100 * math.expm1(float(series.loc[i, "change"])),
            "net_change_pct": 100 * math.expm1(float(series.loc[i, "net"])), "z": z,
            "confirmed": bool(len(following))}


def spans_break(years: tuple[int, ...] | list[int], year: int) -> bool:
    """Whether a comparison between `years` straddles a break in `year` (one year is
    before it and another at or after it)."""
    return min(years) < year <= max(years)
