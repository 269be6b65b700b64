"""`briefing sources`: every indicator of the registry, the sources that give it (in order of
preference), and what the current snapshots hold of each for an edition's countries (first
and last year per country), so an analyst sees coverage before building."""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatch

from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.workspace import Workspace
from briefing.sources import indicators, snapshot

READ_SOURCES = ("worldbank", "oecd", "ncses")


@dataclass(frozen=True)
class SourceCoverage:
    source: str
    series: str  # what of the source: 'WDI GB.XPD.RSDV.GD.ZS', a dataflow and key, an NCSES table and row
    file: str  # the mirror file it is read from ('' for NCSES tables)
    state: str  # 'ok', 'no snapshot', 'no file' (the snapshot lacks the file this series is in)
    years: dict[str, tuple[int, int] | None] = field(default_factory=dict)  # country -> (first, last)

    def as_dict(self) -> dict:
        return {"source": self.source, "series": self.series, "file": self.file, "state": self.state,
                "years": {c: list(span) if span else None for c, span in self.years.items()}}


@dataclass(frozen=True)
class IndicatorCoverage:
    id: str
    label: str
    unit: str
    drawn: bool  # the edition's funding section draws it
    sources: list[SourceCoverage]

    def as_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "unit": self.unit, "drawn": self.drawn,
                "sources": [s.as_dict() for s in self.sources]}


def snapshot_tables(ws: Workspace, registry: indicators.Registry):
    """`rd_indicators` of each current snapshot of the World Bank, OECD and NCSES (None when a
    source has no snapshot yet), and the snapshot's file names."""
    from briefing.sources.adapters import read_files  # imported here: loads pandas and the adapters

    tables, files = {}, {}
    for source in READ_SOURCES:
        try:
            snap = snapshot.read_snapshot(ws.raw, source)
        except InputError:
            tables[source], files[source] = None, []
            continue
        snapshot.verify(snap)
        tables[source] = read_files(source, [snap.file(n) for n in snap.files], registry)["rd_indicators"]
        files[source] = list(snap.files)
    return tables, files


def coverage(ws: Workspace, edition: Edition) -> list[IndicatorCoverage]:
    """Every registry indicator with what the current snapshots hold for `edition.countries`."""
    registry = indicators.for_root(ws.root)
    drawn = set(indicators.edition_indicators(ws.root, edition))
    tables, files = snapshot_tables(ws, registry)
    found = []
    for ind_id, ind in registry.indicators.items():
        rows = []
        for ref in ind.sources:
            table, pattern = tables[ref.source], ref.file_pattern()
            where = f"{ref.source}/{pattern}" if pattern else ""
            if table is None:
                rows.append(SourceCoverage(ref.source, ref.describe(), where, "no snapshot"))
                continue
            if pattern and not any(fnmatch(name, pattern) for name in files[ref.source]):
                rows.append(SourceCoverage(ref.source, ref.describe(), where, "no file"))
                continue
            mine = table[(table["indicator"] == ind_id) & table["country"].isin(edition.countries)]
            spans = mine.groupby("country")["year"].agg(["min", "max"])
            years = {c: (int(spans.loc[c, "min"]), int(spans.loc[c, "max"])) if c in spans.index else None
                     for c in edition.countries}
            rows.append(SourceCoverage(ref.source, ref.describe(), where, "ok", years))
        found.append(IndicatorCoverage(ind_id, ind.label, ind.unit, ind_id in drawn, rows))
    return found


def describe_years(years: dict[str, tuple[int, int] | None]) -> str:
    """'JP 1996–2023, KR 1991–2023, TW none'."""
    def span(s: tuple[int, int] | None) -> str:
        return "none" if s is None else str(s[0]) if s[0] == s[1] else f"{s[0]}–{s[1]}"
    return ", ".join(f"{c} {span(s)}" for c, s in years.items())


def lines(found: list[IndicatorCoverage], edition: Edition) -> list[str]:
    """The listing as text, one block an indicator."""
    out = [f"Indicators of data/indicators.yml; coverage in the current snapshots for the countries of "
           f"edition {edition.edition} ({', '.join(edition.countries)}), first–last year."]
    for item in found:
        mark = "drawn by this edition" if item.drawn else "not drawn (add to sections.funding.indicators)"
        out += ["", f"{item.id}: {item.label} [{item.unit}] — {mark}"]
        for n, src in enumerate(item.sources, start=1):
            state = {"ok": describe_years(src.years), "no snapshot": "no snapshot of this source: run briefing fetch",
                     "no file": f"not in the current snapshot: add {src.file} to the mirror and fetch"}[src.state]
            out.append(f"  {n}. {src.source}: {src.series}")
            out.append(f"     {state}")
    return out
