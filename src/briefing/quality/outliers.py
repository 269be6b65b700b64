"""Outlier years: a one-year change in a pair's co-authored works far outside the pair's own
history, and the same year jumping for several pairs of one country, flagged as a probable
change in the source (its coverage of a country or a year) rather than in collaboration.

A year's change is its log ratio to the year before. A pair's own history is its changes in
the `OUTLIER_HISTORY_YEARS` before that year: their median is its usual change and 1.4826
times their median absolute deviation (floored at `BREAK_MIN_SCALE`) its scale. A change at
least `OUTLIER_Z` scales from the usual one, and at least `OUTLIER_MIN_LOG_CHANGE` in size, lies
far outside the pair's history; when `OUTLIER_COUNTRY_PAIRS` or more pairs of one country do so
the same way in the same year, the year is flagged for those pairs. One pair alone is not: a
real event can move one pair that far (Germany–Russia in 2022). Pairs below `OUTLIER_MIN_WORKS`
works the year before are too small to judge.

Unlike `quality.breaks`, changes are not taken net of a panel: a change that moved many of
one country's pairs at once is exactly what is looked for. Each flag is a `Caveat` of kind
`source_change`; `source_change_flags` gives them with the findings they touch (the pairs'
works, growth, ranks, shares and scenarios) for `quality.flags.attach`. Thresholds:
`briefing.quality.thresholds`."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from briefing import units, words
from briefing.quality import Caveat
from briefing.quality import thresholds as t
from briefing.quality.flags import Flag, pair_patterns

COLUMNS = ["pair", "country", "partner", "year", "before", "at", "change_pct", "usual_pct", "z"]


def _pair_frame(pairs: pd.DataFrame) -> pd.DataFrame:
    """pair ('FR-JP', codes in order), year, works: one source's pairs table (`country_a` < `country_b`)."""
    frame = pairs.groupby(["country_a", "country_b", "year"], as_index=False)["works"].sum()
    frame["pair"] = frame["country_a"] + "-" + frame["country_b"]
    return frame.sort_values(["pair", "year"]).reset_index(drop=True)


def _scores(series: pd.DataFrame, start: int, end: int) -> list[dict]:
    """Each year of the window with its change, the pair's usual change and scale before it, and z."""
    works = series.set_index("year")["works"].astype("float64")
    changes = np.log(works / works.shift(1)).where(works.index.to_series().diff() == 1)
    rows = []
    for year in range(start + 1, end + 1):
        if year not in changes.index or pd.isna(changes[year]) or works[year - 1] < t.OUTLIER_MIN_WORKS:
            continue
        history = changes[(changes.index < year) & (changes.index >= year - t.OUTLIER_HISTORY_YEARS)].dropna()
        if len(history) < t.BREAK_MIN_CHANGES:
            continue
        usual = float(history.median())
        scale = max(1.4826 * float((history - usual).abs().median()), t.BREAK_MIN_SCALE)
        rows.append({"year": year, "before": float(works[year - 1]), "at": float(works[year]),
                     "change": float(changes[year]), "usual": usual, "z": (float(changes[year]) - usual) / scale})
    return rows


def outlier_changes(pairs: pd.DataFrame, countries: list[str], start: int, end: int,
                    z: float = t.OUTLIER_Z) -> pd.DataFrame:
    """Every pair of each of `countries` whose change in a year of the window (`start` < year <=
    `end`) lies at least `z` scales from its usual change and `OUTLIER_MIN_LOG_CHANGE` in size:
    pair, country, partner, year, works before and at, change and usual change in %, z."""
    frame = _pair_frame(pairs)
    rows = []
    for country in dict.fromkeys(countries):
        own = frame[(frame["country_a"] == country) | (frame["country_b"] == country)]
        for pair, series in own.groupby("pair", sort=True):
            partner = pair.replace(country, "").strip("-")
            for score in _scores(series, start, end):
                if abs(score["z"]) >= z and abs(score["change"]) >= t.OUTLIER_MIN_LOG_CHANGE:
                    rows.append({"pair": pair, "country": country, "partner": partner, "year": score["year"],
                                 "before": score["before"], "at": score["at"],
                                 "change_pct": 100 * math.expm1(score["change"]),
                                 "usual_pct": 100 * math.expm1(score["usual"]), "z": score["z"]})
    return pd.DataFrame(rows, columns=COLUMNS)


def _one(row) -> str:
    return (f"{words.the(row.partner)} ({units.num(row.before, 0)} in {row.year - 1}, {units.num(row.at, 0)} in "
            f"{row.year}, {units.signed_pct(row.change_pct)})")


def _country_caveat(country: str, year: int, rows: pd.DataFrame, source: str, source_name: str,
                    known=None) -> Caveat:
    """The caveat of one country's year. With `known` (the edition's countries and poles), its
    partners among them are named with their figures and the others after them, by name only:
    they are the evidence of a change in the source, not a subject of the edition."""
    rows = rows.sort_values("z", key=abs, ascending=False)
    mine = rows["partner"].isin(set(known or ()))
    inside, others = (rows[mine], rows[~mine]) if mine.any() else (rows, rows.iloc[0:0])
    named = words.join_and([_one(r) for r in inside.itertuples()])
    moved = "jumped" if rows["change_pct"].iloc[0] > 0 else "dropped"
    also = words.join_and([words.the(c) for c in others["partner"]])
    together = f"{moved} in {year}, as did its works with {also}," if also else f"all {moved} in {year},"
    text = (f"{words.cap(words.possessive(country))} co-authored works in {source_name} with {named} {together} each "
            f"far outside its own year-on-year changes: the pattern of a change in the source's coverage rather than "
            f"in collaboration, so {year} figures for these pairs are best read as a probable source change.")
    brief = (f"{words.cap(words.possessive(country))} works with {words.join_and([words.the(c) for c in inside['partner']])}"
             + (f" and {len(others)} other {'partner' if len(others) == 1 else 'partners'}" if len(others) else "")
             + f" {moved} together in {year}, far beyond their usual changes: probably a change in the source.")
    return Caveat("source_change", "+".join(sorted(rows["pair"])), text, source=source, years=(year,), brief=brief)


def source_change_caveats(pairs: pd.DataFrame, countries: list[str], start: int, end: int, source: str,
                          source_name: str, known=None) -> list[Caveat]:
    """Probable source changes in the pairs of `countries` (one source's pairs table) in the
    window: one caveat per country and year where `OUTLIER_COUNTRY_PAIRS` or more of its pairs
    moved far outside their own history, the same way; `known`: the partners named first, with
    their figures (`_country_caveat`)."""
    caveats = []
    for (country, year), rows in outlier_changes(pairs, countries, start, end).groupby(["country", "year"], sort=True):
        for sign in (1, -1):
            same_way = rows[np.sign(rows["change_pct"]) == sign]
            if len(same_way) >= t.OUTLIER_COUNTRY_PAIRS:
                caveats.append(_country_caveat(country, int(year), same_way, source, source_name, known))
    return caveats


def source_change_flags(pairs: pd.DataFrame, countries: list[str], start: int, end: int, source: str,
                        source_name: str, poles: tuple[str, ...] = ()) -> list[Flag]:
    """The same caveats as flags (`quality.flags.Flag`): each touches the findings built on its
    pairs' works in its year (works, growth ending or starting there, ranks, shares, scenarios)."""
    flags = []
    known = (*countries, *poles)  # the edition's own countries: named first, with their figures
    for caveat in source_change_caveats(pairs, countries, start, end, source, source_name, known):
        patterns = tuple(p for pair in caveat.subject.split("+") for p in pair_patterns(pair, poles))
        flags.append(Flag(caveat, patterns, years=caveat.years, sources=(source,)))
    return flags
