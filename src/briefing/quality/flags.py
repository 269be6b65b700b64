"""Quality checks turned into flags: a `Caveat` (what the reader is told) and the findings it
touches (finding-id patterns, the years it concerns, the source it is about), attached to a
section's recorded findings by `attach`.

Which findings a flag touches:
- a break in a country's total of international works: every share with that total as its
  denominator (`exposure.share_pct.KR.*`, `share.intl_pct.KR.*`, the peak and scenario
  findings built on them); a level shift touches every year (the shares before and after it
  are on different footings), a spike its own year;
- a break in a pair's co-authored works: the pair's works, growth, shares and peaks;
- a provisional year: every finding of that source for that year (or a period ending in it);
- the rest (rank falls, unequal periods, entities left out): the patterns the caller gives."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from briefing import units, words
from briefing.quality import Caveat
from briefing.quality.breaks import spans_break
from briefing.quality.ranks import RankFall

YEAR = re.compile(r"^\d{4}$")
PERIOD = re.compile(r"^(\d{4})-(\d{4})$")


@dataclass(frozen=True)
class Flag:
    caveat: Caveat
    patterns: tuple[str, ...]  # regular expressions over finding ids
    years: tuple[int, ...] = ()  # empty: every year
    shift: int | None = None  # a level shift's year: period findings are touched only if they span it
    sources: tuple[str, ...] = field(default_factory=tuple)  # the finding's source must name one of these

    def touches(self, finding) -> bool:
        if not any(re.match(p, finding.id) for p in self.patterns):
            return False
        if self.sources and not set(self.sources) & {s.strip() for s in str(finding.source).split(";")}:
            return False
        key = finding.id.rsplit(".", 1)[-1]
        if finding.unit == "year" and self.years:  # a peak year: touched when the year it names is
            return int(finding.value) in self.years
        period = PERIOD.match(key)
        if period and self.shift is not None:
            return spans_break((int(period[1]), int(period[2])), self.shift)
        if not self.years:
            return True
        if YEAR.match(key):
            return int(key) in self.years
        if period:
            return bool({int(period[1]), int(period[2])} & set(self.years))
        return False


def attach(section, flags: list[Flag]) -> int:
    """Attach each flag's caveat to the section's recorded findings it touches; returns how
    many attachments were made."""
    items = section.findings.items
    return sum(section.caveat(f.caveat, lambda i, f=f: f.touches(items[i])) for f in flags)


def caveats_of(flags: list[Flag], subjects=None, kinds=None) -> list[Caveat]:
    """The flags' caveats (those about `subjects` and of `kinds` only, when given), each once, in order."""
    wanted = None if subjects is None else set(subjects)
    seen: dict[tuple, Caveat] = {}
    for flag in flags:
        parts = set(flag.caveat.subject.split("+")) | {flag.caveat.subject}
        if (wanted is None or parts & wanted) and (kinds is None or flag.caveat.kind in kinds):
            seen.setdefault((flag.caveat.kind, flag.caveat.subject, flag.caveat.text), flag.caveat)
    return list(seen.values())


# Patterns of the findings built on a country's total or on a pair's works.
def _both(a: str, b: str) -> str:
    return f"({a}\\.{b}|{b}\\.{a})"


def total_patterns(code: str, poles: tuple[str, ...] = ()) -> tuple[str, ...]:
    found = [rf"^exposure\.share_pct\.{code}\.", rf"^share\.intl_pct\.{code}\.", rf"^exposure\.peak_year\.{code}\.",
             rf"^scenario\.intl_loss_pct\.{code}\."]
    return tuple(found + ([r"^poles\.asymmetry\."] if code in poles else []))


def pair_patterns(pair: str, poles: tuple[str, ...] = ()) -> tuple[str, ...]:
    a, b = pair.split("-")
    found = [rf"^pair\.works\.{pair}\.", rf"^partnership\.growth_pct\.{pair}\.", rf"^pair\.rank\.[^.]+\.{pair}\.",
             rf"^exposure\.share_pct\.{_both(a, b)}\.", rf"^share\.intl_pct\.{_both(a, b)}\.",
             rf"^exposure\.peak_year\.{_both(a, b)}\.", rf"^scenario\.intl_loss_pct\.{_both(a, b)}\."]
    return tuple(found + ([r"^poles\."] if set(poles) == {a, b} else []))


# Breaks.
def _works(value: float) -> str:
    return units.num(value, 0)


def break_text(row, what: str, source_name: str, peers: str = "series") -> str:
    """One sentence on a jump (`quality.breaks.breaks` row) in `what` (e.g. "South Korea's
    internationally co-authored works"), ending with what it means for the reader."""
    year, rise = int(row.year), row.value_at > row.value_before
    moved = "jump" if rise else "drop"
    panel = (1 + row.change_pct / 100) / (1 + row.net_change_pct / 100) - 1
    beside = (f", against a median of {units.signed_pct(100 * panel)} for the {peers} compared"
              if abs(row.net_change_pct - row.change_pct) > 0.5 else "")
    head = (f"{words.cap(what)} in {source_name} {moved} from {_works(row.value_before)} in {year - 1} to "
            f"{_works(row.value_at)} in {year} ({units.signed_pct(row.change_pct)}{beside})")
    if not row.confirmed:
        return f"{head}, the latest year: whether it is a one-year spike or a new level, the next edition will tell."
    if row.kind == "spike":
        back = "fall back" if rise else "recover"
        return (f"{head} and {back} to {_works(row.value_after)} in {year + 1}: a one-year "
                f"{'spike' if rise else 'dip'} in the source's counts, so {year} is neither a fair base nor a fair "
                f"peak for it.")
    stays = (f" and stay near the new level ({_works(row.value_latest)} in {int(row.year_latest)})"
             if int(row.year_latest) > year else "")
    return (f"{head}{stays}: a level shift in the source's series, so figures built on it before and after "
            f"{year} are not on the same footing and a change across {year - 1}–{year} may be the source's, not "
            f"collaboration's.")


def break_brief(row, what: str, source_name: str) -> str:
    """The break in one short sentence, for the executive summary."""
    year, rise = int(row.year), row.value_at > row.value_before
    if not row.confirmed:
        return (f"{words.cap(what)} in {source_name} {'jump' if rise else 'drop'} {units.signed_pct(row.change_pct)} in "
                f"{year}, the latest year; it may not hold.")
    if row.kind == "spike":
        return (f"{words.cap(what)} in {source_name} {'spike' if rise else 'dip'} in {year} "
                f"({units.signed_pct(row.change_pct)}) and {'fall back' if rise else 'recover'} the next year.")
    return (f"{words.cap(what)} in {source_name} {'jump' if rise else 'drop'} {units.signed_pct(row.change_pct)} in "
            f"{year} and stay there: a break in the source, so figures before and after {year} are not on the "
            f"same footing.")


def break_flags(found: pd.DataFrame, whats: dict[str, str], source: str, source_name: str,
                poles: tuple[str, ...] = ()) -> list[Flag]:
    """Flags for the jumps of `quality.breaks.breaks`; `whats` names each key's series
    (a country code or a pair id -> e.g. "South Korea's internationally co-authored works")."""
    flags = []
    for row in found.itertuples():
        kind = "level_shift" if row.kind == "level_shift" and row.confirmed else "spike"
        peers = "pairs" if "-" in row.key else "countries"
        caveat = Caveat(kind, row.key, break_text(row, whats[row.key], source_name, peers), source=source,
                        years=(int(row.year),), brief=break_brief(row, whats[row.key], source_name))
        patterns = pair_patterns(row.key, poles) if "-" in row.key else total_patterns(row.key, poles)
        if kind == "level_shift":
            flags.append(Flag(caveat, patterns, shift=int(row.year), sources=(source,)))
        else:
            flags.append(Flag(caveat, patterns, years=(int(row.year),), sources=(source,)))
    return flags


def total_whats(codes) -> dict[str, str]:
    return {c: f"{words.possessive(c)} internationally co-authored works" for c in codes}


def pair_whats(pairs, name) -> dict[str, str]:
    return {p: f"{name(p)} co-authored works" for p in pairs}


# A rank fall driven by other pairs.
def rank_text(fall: RankFall, name, source_name: str) -> str:
    others = [name(p) for p in fall.overtakers]
    who = (f"the pairs that overtook it ({words.join_and(others)})" if len(others) <= 4 else
           f"the {len(others)} pairs that overtook it"
           + (f", {fall.common_count} of them with {words.the(fall.common_country)}," if fall.common_country else ""))
    grew = (f" grew by a median of {units.signed_pct(fall.overtakers_growth_pct)}"
            if not math.isnan(fall.overtakers_growth_pct) else " grew faster")
    own = "rose" if fall.growth_pct > 0 else "held"
    return (f"{name(fall.pair)} fell from {units.nth(fall.rank_start)} to {units.nth(fall.rank_end)} among the region's "
            f"pairs in {source_name} between {fall.year_start} and {fall.year_end} although its own works {own} "
            f"({units.signed_pct(fall.growth_pct)}): {who}{grew}, so the fall in rank measures other pairs' growth, "
            f"not a decline of this one.")


def rank_flag(fall: RankFall | None, name, source: str, source_name: str) -> list[Flag]:
    if fall is None:
        return []
    brief = (f"The fall in rank comes from other pairs growing faster: {name(fall.pair)}'s own works "
             f"{'rose' if fall.growth_pct > 0 else 'held'} ({units.signed_pct(fall.growth_pct)}).")
    caveat = Caveat("coverage_rank", fall.pair, rank_text(fall, name, source_name), source=source,
                    years=(fall.year_start, fall.year_end), brief=brief)
    return [Flag(caveat, (rf"^pair\.rank\.[^.]+\.{fall.pair}\.",), years=(fall.year_end,), sources=(source,))]


def given(caveat: Caveat | None, patterns: tuple[str, ...], years: tuple[int, ...] = ()) -> list[Flag]:
    """A flag for a caveat the caller knows the findings of (provisional years, unequal
    periods, entities left out); none for no caveat."""
    if caveat is None:
        return []
    return [Flag(caveat, patterns, years=years, sources=(caveat.source,) if caveat.source else ())]


# What charts mark.
def provisional_years(flags: list[Flag], source: str) -> list[int]:
    """The years `source` was still indexing, for hollow points on its charts."""
    return sorted({y for f in flags if f.caveat.kind == "provisional" and f.caveat.subject == source
                   for y in f.caveat.years})


def break_years(flags: list[Flag], subjects) -> list[tuple[int, str]]:
    """(year, country code) of each level shift in the totals of the countries `subjects`: where a
    chart of small panels shades a break."""
    wanted = set(subjects)
    return sorted({(f.caveat.years[0], f.caveat.subject) for f in flags
                   if f.caveat.kind == "level_shift" and f.caveat.subject in wanted})


def break_marks(flags: list[Flag], subjects) -> list[tuple[int, str]]:
    """(year, label) of each level shift in the totals of the countries `subjects`, for a shaded band."""
    return sorted({(year, f"Break in {words.possessive(code)} series") for year, code in break_years(flags, subjects)})
