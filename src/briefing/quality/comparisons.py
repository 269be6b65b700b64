"""Comparisons that compare alike: growth figures over unequal periods, and entities
left out of a comparison for lack of data. Each is a caveat the sentence and the
methods appendix state, so a reader never takes a ranking for complete or a growth
figure for comparable when it is not."""

from __future__ import annotations

import pandas as pd

from briefing import words
from briefing.quality import Caveat


def periods(frame: pd.DataFrame, key: str, start: str = "year_start", end: str = "year_end") -> dict[str, str]:
    """Each key's period as 'YYYY–YYYY'."""
    return {row[key]: f"{int(row[start])}–{int(row[end])}" for _, row in frame.iterrows()}


def unequal_periods(frame: pd.DataFrame, key: str, what: str, label, source: str = "",
                    start: str = "year_start", end: str = "year_end") -> Caveat | None:
    """A caveat when the rows of `frame` (one a compared entity) cover different periods:
    `what` names the comparison, `label` turns a key into a name."""
    spans = periods(frame, key, start, end)
    if len(set(spans.values())) <= 1:
        return None
    common = max(frame[start]), min(frame[end])
    grouped: dict[str, list[str]] = {}
    for item, span in spans.items():
        grouped.setdefault(span, []).append(label(item))
    each = "; ".join(f"{words.join_and(names)} {span}" for span, names in sorted(grouped.items()))
    shared = (f" only {int(common[0])}–{int(common[1])} is common to all"
              if common[0] < common[1] else " they share no span of two years or more")
    return Caveat("unequal_periods", "+".join(sorted(spans)), (
        f"{words.cap(what)} cover different periods ({each}):{shared}, so compare the yearly rates, not the totals."),
        source=source)


def left_out(wanted: list[str], present, what: str, why: str, source: str = "") -> Caveat | None:
    """A caveat naming the entities of `wanted` absent from `present`: '`what`' is the
    comparison they are left out of, '`why`' the reason, where `{it}` and `{its}` stand for the
    entities left out, in their number (e.g. 'OpenAlex has no total of {its} international works':
    'its' for one country, 'their' for several)."""
    absent = [c for c in wanted if c not in set(present)]
    if not absent:
        return None
    names = words.join_and([words.the(c) for c in absent])
    one = len(absent) == 1
    why = why.replace("{it}", "it" if one else "them").replace("{its}", "its" if one else "their")
    return Caveat("left_out", "+".join(absent), f"{words.cap(names)} {'is' if one else 'are'} left out of {what}: "
                                                f"{why}.", source=source)
