"""`briefing new PATH --focus DE FR --poles US CN --region europe [--countries ...]`: the
params file of a new edition, commented, valid as written, and what each source holds
for its countries and years, reported before any build."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from briefing import countries, words
from briefing.config import Edition, load_edition
from briefing.errors import InputError
from briefing.infra.fileio import write_text_atomic
from briefing.infra.workspace import Workspace
from briefing.infra.yaml_model import read_yaml
from briefing.series.coverage import Holding, coverage, source_names, source_tables
from briefing.series.window import check_window, year_ranges
from briefing.sources.regions import NamedRegion, region

SPAN = 9  # years in a default window, as in the yearly editions (2015-2023)
MARKER_KINDS = ("law", "executive order/memorandum")  # acts marked on the trend charts by default
MARKERS = 3


@dataclass(frozen=True)
class Request:
    path: Path
    focus: tuple[str, str]
    poles: tuple[str, str]
    region: str
    countries: tuple[str, ...] = ()
    window: tuple[int, int] | None = None
    series: str | None = None
    curated: Path | None = None  # a folder of events.csv, facts.csv and documents.yml
    documents: Path | None = None  # the documents they quote


@dataclass(frozen=True)
class Written:
    path: Path
    edition: Edition
    region: NamedRegion
    holdings: list[Holding]

    @property
    def gaps(self) -> list[str]:
        return [h.gap for h in self.holdings if h.gap]


def parse_window(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    if not (first.isdigit() and last.isdigit() and len(first) == len(last) == 4 and first <= last):
        raise InputError(f"--window {text}", "expected FIRST-LAST years, e.g. 2015-2023")
    return int(first), int(last)


def _codes(option: str, codes) -> list[str]:
    upper = [str(c).strip().upper() for c in codes]
    bad = [c for c in upper if not countries.is_country(c)]
    if bad:
        raise InputError(option, f"not ISO 3166-1 alpha-2 country codes: {bad}")
    return upper


def write_new(ws: Workspace, request: Request, mirror: Path | None) -> Written:
    """Check the request, report coverage and write the params file (never over an existing one)."""
    path = request.path
    if path.exists():
        raise InputError(str(path), "already exists; a new edition gets a new file (remove it or choose another path)")
    focus, poles = _codes("--focus", request.focus), _codes("--poles", request.poles)
    chosen = region(ws.root / "data" / "regions.yml", request.region)
    extra = _codes("--countries", request.countries)
    compared = list(dict.fromkeys([*focus, *poles, *extra]))
    members = list(dict.fromkeys([*chosen.countries, *(c for c in focus if c not in chosen.countries)]))
    folder = path.resolve().parent
    curated = _curated(request, folder)
    tables = source_tables(ws, mirror)
    pairs = tables["pairs"]
    latest = int(pairs.loc[pairs["source"] == "openalex", "year"].max())
    start, end = request.window or (latest - SPAN + 1, latest)
    data = _parameters(path, request, focus, poles, compared, chosen, members, (start, end), curated)
    draft = _validated(data)
    draft._folder = folder  # curated folders are relative to the params file
    check_window(draft, year_ranges(tables), source_names(ws))
    holdings = coverage(tables, draft, source_names(ws))
    gbard = {h.country for h in holdings if h.measure == "GBARD by objective" and h.years}
    data["sections"]["funding"]["gbard_countries"] = [c for c in focus if c in gbard]
    if curated:
        _from_curated(data, curated_tables(ws, draft), focus, (start, end))
    edition = _validated(data)
    text = render(edition, chosen, members, holdings, focus)
    written = Edition.model_validate(read_yaml(text))
    if written != edition:  # the file says exactly what was checked
        raise AssertionError(f"briefing new wrote parameters that read back differently:\n{text}")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)
    return Written(path, load_edition(path), chosen, holdings)


def curated_tables(ws: Workspace, edition: Edition) -> dict:
    """The series' events and facts, every row checked against its document now, before any build."""
    from briefing.sources.curated import read_curated
    from briefing.sources.documents import curated_inputs

    return read_curated(curated_inputs(ws, edition))


def _from_curated(data: dict, tables: dict, focus: list[str], window: tuple[int, int]) -> None:
    """Parameters the series' own rows answer: its laws and executive acts inside the window
    as chart markers, its published R&D intensity of the focus countries beside the data."""
    events = tables["events"]
    inside = events[events["year"].between(*window) & events["kind"].isin(MARKER_KINDS)].sort_values(["date", "id"])
    markers = list(inside["id"][:MARKERS])
    facts = tables["facts"]
    intensity = [i for i in facts["id"] if i.startswith("seed.gerd_pct_gdp.") and i.split(".")[2] in focus]
    sections = data["sections"]
    if markers:
        sections["partnership"]["marker_events"] = markers
        sections["decoupling"]["marker_events"] = markers
    if intensity:
        sections["funding"]["seed_intensity_facts"] = intensity


def _validated(data: dict) -> Edition:
    try:
        return Edition.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"briefing new: key '{'.'.join(map(str, first['loc']))}'", first["msg"]) from None


def _curated(request: Request, folder: Path) -> dict:
    if request.curated is None and request.documents is None:
        return {}
    if request.curated is None or request.documents is None:
        raise InputError("--curated/--documents", "give both: the folder of events.csv, facts.csv and documents.yml, "
                                                  "and the folder of the documents they quote")
    for option, value in (("--curated", request.curated), ("--documents", request.documents)):
        if not value.is_dir():
            raise InputError(f"{option} {value}", "folder not found")
    return {"tables": os.path.relpath(request.curated.resolve(), folder),
            "documents": os.path.relpath(request.documents.resolve(), folder)}


def _parameters(path: Path, request: Request, focus: list[str], poles: list[str], compared: list[str],
                chosen: NamedRegion, members: list[str], window: tuple[int, int], curated: dict) -> dict:
    sections: dict = {"funding": {"gbard_countries": list(focus)}, "decoupling": {}, "partnership": {}}
    if curated:
        sections["context"] = {}
    return {"edition": path.stem, "series": request.series or request.region,
            "title": f"International research collaboration and research security in {chosen.name}",
            "subtitle": f"{words.join_and([countries.name(c) for c in focus])} between "
                        f"{words.the(poles[0])} and {words.the(poles[1])}",
            "window": {"start": window[0], "end": window[1]}, "focus_pair": focus, "poles": poles,
            "countries": compared, "region": {"name": chosen.name, "countries": members},
            "curated": curated, "sections": sections}


def _flow(items) -> str:
    return "[" + ", ".join(str(i) for i in items) + "]"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(edition: Edition, chosen: NamedRegion, members: list[str], holdings: list[Holding],
           focus: list[str]) -> str:
    """The params file: every key commented, the coverage gaps listed at the top."""
    gaps = [h.gap for h in holdings if h.gap]
    added = [c for c in focus if c not in chosen.countries]
    funding = edition.sections["funding"]
    lines = [f"# Edition {edition.edition} of the {edition.series_name} series, written by `briefing new`.",
             "# Build it with: briefing build --params <this file>",
             "#",
             "# What the sources hold for these countries and years (checked when this file was written):",
             *([f"#   {g}" for g in gaps] or ["#   every source holds every country for the whole window."]),
             "",
             f"edition: {_quoted(edition.edition)}",
             "# Editions of one series are compared with each other in \"What changed\" (by window), never across series.",
             f"series: {_quoted(edition.series_name)}",
             f"title: {_quoted(edition.title)}",
             f"subtitle: {_quoted(edition.subtitle)}",
             "# The data window: first and last year of every series shown.",
             f"window: {{start: {edition.window.start}, end: {edition.window.end}}}",
             "# The pair the briefing is about, and the two poles whose split it measures exposure to.",
             f"focus_pair: {_flow(edition.focus_pair)}",
             f"poles: {_flow(edition.poles)}",
             "# Countries compared in the decoupling and funding sections.",
             f"countries: {_flow(edition.countries)}",
             f"# Pairs are ranked among the region's countries: {chosen.source}",
             *([f"# The focus countries {words.join_and(added)} are added to it (the focus pair must be ranked)."]
               if added else []),
             "region:",
             f"  name: {_quoted(chosen.name)}",
             f"  countries: {_flow(members)}",
             *_curated_lines(edition),
             "# Sections to run, each with its own parameters (see each notebook's parameters cell).",
             "sections:",
             *_section("funding", funding, {
                 "gbard_countries": "Countries whose government R&D budget by objective NCSES publishes.",
                 "seed_intensity_facts": "Published R&D intensity set beside the data: ids of the series' facts.csv rows."}),
             *_section("decoupling", edition.sections["decoupling"], {
                 "marker_events": "Policy events marked on the poles' chart: ids of the series' events.csv rows."}),
             *_section("partnership", edition.sections["partnership"], {
                 "marker_events": "Policy events marked on the pair's trend chart: ids of events.csv rows."}),
             *(["  context: {}"] if "context" in edition.sections else
               ["  # context: {}  (the policy timeline: needs the series' own events, see curated above)"]),
             ]
    return "\n".join(lines) + "\n"


def _section(name: str, values: dict, keys: dict[str, str]) -> list[str]:
    """A section's block: each key with its comment, set when the edition sets it (an empty list
    too: it overrides the notebook's default), else commented out."""
    body = []
    for key, comment in keys.items():
        body += [f"    # {comment}", f"    {key}: {_flow(values[key])}" if key in values else f"    # {key}: []"]
    return [f"  {name}:" if any(k in values for k in keys) else f"  {name}: {{}}", *body]


def _curated_lines(edition: Edition) -> list[str]:
    common = ["# The series' own documents (plain text) and the events.csv / facts.csv rows quoting them",
              "# (same columns as data/curated/), with documents.yml giving each document's citation and file;",
              "# every quote must occur verbatim in its document. Folders are relative to this file."]
    if edition.curated and edition.curated.tables:
        return [*common, "curated:", f"  tables: {_quoted(edition.curated.tables)}",
                f"  documents: {_quoted(edition.curated.documents)}"]
    return [*common, "# This series has none yet: its policy timeline, chart markers and published-figure",
            "# comparisons are left out. Name them here to add them, e.g.",
            "#   curated: {tables: curated/europe, documents: curated/europe/documents}",
            "# Delete the key to use the project's own (data/curated/ and the East Asia seed documents).",
            "curated: {}"]
