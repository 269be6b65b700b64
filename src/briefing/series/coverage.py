"""What each source holds for an edition's countries and years, before any build: the
gaps an analyst should know first ("TW: no World Bank WDI series, NCSES SEI used (2021)";
"XK: not in the OpenAlex pair table").

Read from the current snapshots in `data/raw/` where there are some, else from the mirror,
through the same adapters as `briefing validate`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from briefing import words
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
    measure: str
    source: str  # the source's short name
    years: tuple[int, ...]
    gap: str = ""  # a sentence for the analyst when something is missing


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
    the pair table, its region's), with a gap sentence where a source falls short."""
    start, end, window = edition.window.start, edition.window.end, f"{edition.window.start}–{edition.window.end}"
    main = list(dict.fromkeys([*edition.focus_pair, *edition.poles, *edition.countries]))
    holdings = []
    pairs_source = edition.sources.pairs
    for code in list(dict.fromkeys([*main, *edition.region.countries])):
        years = pair_years(tables, pairs_source, code, start, end)
        gap = (f"{code}: not in the {short[pairs_source]} pair table for {window}" if not years else
               f"{code}: {short[pairs_source]} pairs only for {span(years)} of {window}"
               if len(years) < end - start + 1 else "")
        holdings.append(Holding(code, "co-authored works by pair", short[pairs_source], years, gap))
    for code in main:
        holdings.append(_intensity(tables, edition, code, short, start, end))
        source = edition.sources.gerd_usd_ppp
        years = indicator_years(tables, source, "gerd_usd_ppp_m_const2015", code, start, end)
        gap = "" if years else f"{code}: no {short[source]} GERD series in PPP dollars for {window}; left out of R&D spending"
        holdings.append(Holding(code, "GERD, constant PPP dollars", short[source], years, gap))
    for code in edition.focus_pair:
        years = pair_years(tables, "ncses", code, 1900, 2100)
        gap = "" if years else f"{code}: not among {short['ncses']}'s co-authorship countries; the cross-source check leaves it out"
        holdings.append(Holding(code, "co-authored articles (cross-check)", short["ncses"], years, gap))
        years = indicator_years(tables, "ncses", "gbard_usd_ppp_m", code, 1900, 2100)
        gap = "" if years else f"{code}: no government R&D budget by objective in {short['ncses']}; that chart leaves it out"
        holdings.append(Holding(code, "GBARD by objective", short["ncses"], years, gap))
    return holdings


def _intensity(tables: dict[str, pd.DataFrame], edition: Edition, code: str, short: dict[str, str], start: int,
               end: int) -> Holding:
    """GERD % of GDP from the first source of `sources.gerd_pct_gdp` that has it."""
    chosen = edition.sources.gerd_pct_gdp
    found = [(s, indicator_years(tables, s, "gerd_pct_gdp", code, start, end)) for s in chosen]
    held = [(s, years) for s, years in found if years]
    if not held:
        names = " or ".join(short[s] for s in chosen)
        return Holding(code, "GERD % of GDP", names, (), f"{code}: no R&D intensity in {names} for "
                                                         f"{start}–{end}; left out of that comparison")
    source, years = held[0]
    gap = "" if source == chosen[0] else f"{code}: no {short[chosen[0]]} series, {short[source]} used ({span(years)})"
    return Holding(code, "GERD % of GDP", short[source], years, gap)


def source_names(ws: Workspace) -> dict[str, str]:
    return {k: v.get("short", k) for k, v in registry.datasets(ws.sources_file).items()}

