"""What each source holds for an edition's countries and years, before any build, summed up in
one line per source and measure ("World Bank WDI has no R&D intensity for 2 of the 12 countries
compared in 2015–2023: Taiwan and Hong Kong; NCSES SEI used for Taiwan (2021); left out of that
comparison: Hong Kong") and one line for the region's members it holds nothing for.

Read from the current snapshots in `data/raw/` where there are some, else from the mirror,
through the same adapters as `briefing validate`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from briefing import countries, words
from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.workspace import Workspace
from briefing.sources import registry, snapshot
from briefing.sources.adapters import read_files
from briefing.sources.mirror import mirror_files
from briefing.tables import SOURCES


@dataclass(frozen=True)
class Holding:
    """What one source holds of one measure for one country, inside the window."""

    country: str
    measure: str  # a key of MEASURES
    source: str  # the short name of the source asked (for R&D intensity, the first the edition names)
    years: tuple[int, ...]
    expected: int | None = None  # the window's years, when every one is wanted; None: any year will do
    used: str = ""  # another source that holds the measure when the one asked has none
    used_years: tuple[int, ...] = ()
    member: bool = False  # a member of the region only, not a country the edition compares

    @property
    def missing(self) -> bool:
        return not self.years

    @property
    def partial(self) -> bool:
        return bool(self.years) and self.expected is not None and len(self.years) < self.expected


# measure -> what a sentence calls it, whose countries it is asked for, whether inside the window
# (else any year will do) and what a country without it misses
MEASURES = {
    "co-authored works by pair": ("co-authored works by pair", "countries compared", True, ""),
    "GERD % of GDP": ("R&D intensity", "countries compared", True, "left out of that comparison"),
    "GERD, constant PPP dollars": ("GERD in PPP dollars", "countries compared", True, "left out of R&D spending"),
    "co-authored articles (cross-check)": ("co-authored articles", "focus countries", False,
                                           "the cross-source check leaves {them} out"),
    "GBARD by objective": ("government R&D budget by objective", "focus countries", False,
                           "that chart leaves {them} out"),
}


def source_tables(ws: Workspace, mirror: Path | None) -> dict[str, pd.DataFrame]:
    """The canonical tables of every source, from its current snapshot, else the mirror."""
    parts: dict[str, list[pd.DataFrame]] = {}
    for source in SOURCES:
        if (ws.raw / source / snapshot.CURRENT_FILE).is_file():
            snap = snapshot.read_snapshot(ws.raw, source)
            files = [snap.file(n) for n in snap.files]
        elif mirror is not None and mirror.is_dir():
            files = mirror_files(mirror, source, registry.dataset(ws.sources_file, source))
        else:
            raise InputError(f"source {source}", "no snapshot in data/raw and no mirror: run `briefing fetch` "
                                                 "(or give --mirror) to see what the sources hold")
        for name, frame in read_files(source, files).items():
            parts.setdefault(name, []).append(frame)
    return {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}


def span(years) -> str:
    """2015, 2016, 2017, 2020 -> '2015–2017, 2020' (two years in a row as a span too)."""
    return ", ".join(words.year_runs(years, shortest=2))


def _years(frame: pd.DataFrame, start: int, end: int) -> tuple[int, ...]:
    return tuple(sorted({int(y) for y in frame["year"] if start <= y <= end}))


def pair_years(tables: dict[str, pd.DataFrame], source: str, code: str, start: int, end: int) -> tuple[int, ...]:
    pairs = tables["pairs"]
    rows = pairs[(pairs["source"] == source) & (pairs["field"] == "all") & (pairs["country_a"] != pairs["country_b"])
                 & ((pairs["country_a"] == code) | (pairs["country_b"] == code))]
    return _years(rows, start, end)


def indicator_years(tables: dict[str, pd.DataFrame], source: str, indicator: str, code: str, start: int,
                    end: int) -> tuple[int, ...]:
    rd = tables["rd_indicators"]
    rows = rd[(rd["source"] == source) & (rd["indicator"] == indicator) & (rd["country"] == code)]
    return _years(rows, start, end)


def coverage(tables: dict[str, pd.DataFrame], edition: Edition, short: dict[str, str]) -> list[Holding]:
    """Holdings of every measure the sections use, for the edition's countries (and, for
    the pair table, its region's other members)."""
    start, end = edition.window.start, edition.window.end
    every = end - start + 1
    main = list(dict.fromkeys([*edition.focus_pair, *edition.poles, *edition.countries]))
    pairs_source = edition.sources.pairs
    holdings = [Holding(code, "co-authored works by pair", short[pairs_source],
                        pair_years(tables, pairs_source, code, start, end), every, member=code not in main)
                for code in list(dict.fromkeys([*main, *edition.region.countries]))]
    for code in main:
        holdings.append(_intensity(tables, edition, code, short, start, end))
        source = edition.sources.gerd_usd_ppp
        holdings.append(Holding(code, "GERD, constant PPP dollars", short[source],
                                indicator_years(tables, source, "gerd_usd_ppp_m_const2015", code, start, end)))
    for code in edition.focus_pair:
        holdings.append(Holding(code, "co-authored articles (cross-check)", short["ncses"],
                                pair_years(tables, "ncses", code, 1900, 2100)))
        holdings.append(Holding(code, "GBARD by objective", short["ncses"],
                                indicator_years(tables, "ncses", "gbard_usd_ppp_m", code, 1900, 2100)))
    return holdings


def _intensity(tables: dict[str, pd.DataFrame], edition: Edition, code: str, short: dict[str, str], start: int,
               end: int) -> Holding:
    """GERD % of GDP asked of the first source of `sources.gerd_pct_gdp`, the next that has it used."""
    first, *others = edition.sources.gerd_pct_gdp
    years = indicator_years(tables, first, "gerd_pct_gdp", code, start, end)
    found = [(s, indicator_years(tables, s, "gerd_pct_gdp", code, start, end)) for s in others] if not years else []
    used, used_years = next(((short[s], y) for s, y in found if y), ("", ()))
    return Holding(code, "GERD % of GDP", short[first], years, used=used, used_years=used_years)


def summary(holdings: list[Holding], edition: Edition) -> list[str]:
    """What the sources lack, for an analyst: one line for each source and measure that falls short
    for some of the countries compared, then one line for the region's other members (territories,
    mostly) that the pair table holds nothing or only part of the window for."""
    window = words.span(edition.window.start, edition.window.end)
    groups: dict[tuple[str, str, bool], list[Holding]] = {}
    for holding in holdings:
        groups.setdefault((holding.measure, holding.source, holding.member), []).append(holding)
    lines = [_measure_line(group, window) for (_, _, member), group in groups.items() if not member]
    lines += [_members_line(group, window, edition.region) for (_, _, member), group in groups.items() if member]
    return [line for line in lines if line]


def _of(some: int, every: int, whom: str) -> str:
    """'3 of the 12 countries compared', 'both focus countries', 'all 4 countries compared'."""
    if some == every:
        return f"both {whom}" if every == 2 else f"all {every} {whom}"
    return f"{some} of the {every} {whom}"


def _names(holdings: list[Holding], years: bool = False) -> str:
    return words.join_and([countries.name(h.country) + (f" ({span(h.years)})" if years else "") for h in holdings])


def _measure_line(group: list[Holding], window: str) -> str:
    what, whom, windowed, after = MEASURES[group[0].measure]
    source, of = group[0].source, len(group)
    missing, partial = [h for h in group if h.missing], [h for h in group if h.partial]
    within = f" in {window}" if windowed else ""
    parts = [f"{source} has no {what} for {_of(len(missing), of, whom)}{within}: {_names(missing)}"] if missing else []
    for used in dict.fromkeys(h.used for h in missing if h.used):
        held = [h for h in missing if h.used == used]
        parts.append(f"{used} used for " + words.join_and([f"{countries.name(h.country)} ({span(h.used_years)})"
                                                           for h in held]))
    rest = [h for h in missing if not h.used]
    if after and rest:
        parts.append(after.format(them="it" if len(rest) == 1 else "them")
                     + (f": {_names(rest)}" if len(rest) < len(missing) else ""))
    if partial:
        parts.append(f"only part of the window for {len(partial)}: {_names(partial, years=True)}" if missing else
                     f"{source} has {what} for only part of {window} for {_of(len(partial), of, whom)}: "
                     f"{_names(partial, years=True)}")
    return "; ".join(parts)


def _members_line(group: list[Holding], window: str, region) -> str:
    """'2 of the 29 Oceania members have no co-authored works in OpenAlex for 2020–2023 and are left out
    of its pairs: ...' (the region's name before 'members' reads for every named region)."""
    missing, partial = [h for h in group if h.missing], [h for h in group if h.partial]
    source, whom = group[0].source, f"{region.name} members"

    def count(holdings: list[Holding]) -> tuple[str, str]:
        return words.cap(_of(len(holdings), len(region.countries), whom)), "has" if len(holdings) == 1 else "have"

    parts = []
    if missing:
        who, have = count(missing)
        parts.append(f"{who} {have} no co-authored works in {source} for {window} and "
                     f"{'is' if len(missing) == 1 else 'are'} left out of the region's pairs: {_names(missing)}")
    if partial:
        who, have = count(partial)
        parts.append(f"{len(partial)} {have} them for only part of the window: {_names(partial, years=True)}" if missing
                     else f"{who} {have} co-authored works in {source} for only part of {window}: "
                          f"{_names(partial, years=True)}")
    return "; ".join(parts)


def source_names(ws: Workspace) -> dict[str, str]:
    return {k: v.get("short", k) for k, v in registry.datasets(ws.sources_file).items()}
