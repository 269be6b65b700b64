"""`briefing new PATH --focus DE FR --poles US CN --region europe [--countries ...]`: the
params file of a new edition, commented, valid as written, and what each source holds
for its countries and years, reported before any build.

A request is checked before anything is read or written: the edition id, the window's years in
order and inside the data (`series.window.check_window`), a named region that holds the focus
pair (or `--extend-region`, recorded as `region.added`)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from briefing import countries, words
from briefing.config import EDITION_ID, EDITION_ID_RULE, Edition, load_edition
from briefing.errors import InputError
from briefing.infra.fileio import write_text_atomic
from briefing.infra.workspace import Workspace
from briefing.infra.yaml_model import read_yaml
from briefing.series.coverage import Holding, coverage, source_names, source_tables, summary
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
    edition: str | None = None  # the edition's id (default: the file's name)
    title: str | None = None
    extend_region: bool = False  # add focus countries the region does not hold to its countries


@dataclass(frozen=True)
class Written:
    path: Path
    edition: Edition
    region: NamedRegion
    holdings: list[Holding]

    @property
    def gaps(self) -> list[str]:
        """What the sources lack: one line per source and measure, one for the region's other members."""
        return summary(self.holdings, self.edition)


def parse_window(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    if not (first.isdigit() and last.isdigit() and len(first) == len(last) == 4):
        raise InputError(f"--window {text}", "expected FIRST-LAST years, e.g. 2015-2023")
    if first > last:
        raise InputError(f"--window {text}", f"the first year is after the last; did you mean {last}-{first}?")
    return int(first), int(last)


def edition_id(request: Request) -> str:
    """`--edition`, else the file's name; either must be an id (it names folders and URLs)."""
    if request.edition is not None:
        if not re.fullmatch(EDITION_ID, request.edition):
            raise InputError(f"--edition {request.edition!r}", f"not an edition id: {EDITION_ID_RULE}")
        return request.edition
    if not re.fullmatch(EDITION_ID, request.path.stem):
        raise InputError(f"--edition (from the file name {request.path.name!r})",
                         f"not an edition id: {EDITION_ID_RULE}; name the file so, or give --edition ID")
    return request.path.stem


def region_members(chosen: NamedRegion, focus: list[str], extend: bool) -> tuple[list[str], list[str]]:
    """The region's countries with the focus countries it lacks, and those it lacks (refused
    without --extend-region: the pair is ranked among the region's pairs)."""
    outside = [c for c in focus if c not in chosen.countries]
    if outside and not extend:
        named = words.join_and([f"{countries.name(c)} ({c})" for c in outside])
        raise InputError(f"--focus {' '.join(focus)}",
                         f"{named} {'is' if len(outside) == 1 else 'are'} not in {chosen.name} (--region {chosen.key}), "
                         "whose pairs the focus pair is ranked among: add --extend-region to add "
                         f"{'it' if len(outside) == 1 else 'them'} to the region (the briefing says so), "
                         "or choose a region that holds both")
    return [*chosen.countries, *outside], outside


def _title(request: Request, chosen: NamedRegion) -> str:
    if request.title is None:
        return f"International research collaboration and research security in {chosen.name}"
    if not request.title.strip():
        raise InputError("--title", "must not be empty")
    return " ".join(request.title.split())


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
    name = edition_id(request)
    focus, poles = _codes("--focus", request.focus), _codes("--poles", request.poles)
    chosen = region(ws.root / "data" / "regions.yml", request.region)
    members, added = region_members(chosen, focus, request.extend_region)
    extra = _codes("--countries", request.countries)
    compared = list(dict.fromkeys([*focus, *poles, *extra]))
    folder = path.resolve().parent
    curated = _curated(request, folder)
    title = _title(request, chosen)
    tables = source_tables(ws, mirror)
    pairs = tables["pairs"]
    latest = int(pairs.loc[pairs["source"] == "openalex", "year"].max())
    start, end = request.window or (latest - SPAN + 1, latest)
    data = _parameters(name, title, request, focus, poles, compared, chosen, (members, added), (start, end), curated)
    draft = _validated(data)
    draft._folder = folder  # curated folders are relative to the params file
    _window_in_data(draft, tables, source_names(ws), request.window is not None)
    holdings = coverage(tables, draft, source_names(ws))
    gbard = {h.country for h in holdings if h.measure == "GBARD by objective" and h.years}
    data["sections"]["funding"]["gbard_countries"] = [c for c in focus if c in gbard]
    if curated:
        _from_curated(data, curated_tables(ws, draft), focus, (start, end))
    edition = _validated(data)
    text = render(edition, chosen, summary(holdings, edition))
    written = Edition.model_validate(read_yaml(text))
    if written != edition:  # the file says exactly what was checked
        raise AssertionError(f"briefing new wrote parameters that read back differently:\n{text}")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)
    return Written(path, load_edition(path), chosen, holdings)


def _window_in_data(draft: Edition, tables: dict, short: dict[str, str], given: bool) -> None:
    """The window against the years the sources hold, the rule `briefing run` applies, named as
    the request gave it."""
    try:
        check_window(draft, year_ranges(tables), short)
    except InputError as exc:
        if not given:
            raise
        raise InputError(f"--window {draft.window.start}-{draft.window.end}", exc.rule) from None


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


def _parameters(name: str, title: str, request: Request, focus: list[str], poles: list[str], compared: list[str],
                chosen: NamedRegion, region_countries: tuple[list[str], list[str]], window: tuple[int, int],
                curated: dict) -> dict:
    """The edition's parameters; no subtitle, so that it follows the focus pair and poles."""
    sections: dict = {"funding": {"gbard_countries": list(focus)}, "decoupling": {}, "partnership": {}}
    if curated:
        sections["context"] = {}
    members, added = region_countries
    return {"edition": name, "series": request.series or request.region, "title": title,
            "window": {"start": window[0], "end": window[1]}, "focus_pair": focus, "poles": poles,
            "countries": compared,
            "region": {"name": chosen.name, "countries": members, **({"added": added} if added else {})},
            "curated": curated, "sections": sections}


def _flow(items) -> str:
    return "[" + ", ".join(str(i) for i in items) + "]"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(edition: Edition, chosen: NamedRegion, gaps: list[str]) -> str:
    """The params file: every key commented, what the sources lack listed at the top."""
    added = edition.region.added
    funding = edition.sections["funding"]
    lines = [f"# Edition {edition.edition} of the {edition.series_name} series, written by `briefing new`.",
             "# Build it with: briefing build --params <this file>",
             "#",
             "# What the sources lack for these countries and years (checked when this file was written):",
             *([f"#   {g}" for g in gaps] or ["#   every source holds every country for the whole window."]),
             "",
             f"edition: {_quoted(edition.edition)}",
             "# Editions of one series are compared with each other in \"What changed\" (by window), never across series.",
             f"series: {_quoted(edition.series_name)}",
             f"title: {_quoted(edition.title)}",
             "# No subtitle: it is derived from the focus pair and poles below, and follows them",
             f"# (now \"{edition.subtitle}\"). Set `subtitle:` to write your own.",
             "# The data window: first and last year of every series shown.",
             f"window: {{start: {edition.window.start}, end: {edition.window.end}}}",
             "# The pair the briefing is about, and the two poles whose split it measures exposure to.",
             f"focus_pair: {_flow(edition.focus_pair)}",
             f"poles: {_flow(edition.poles)}",
             "# Countries compared in the decoupling and funding sections.",
             f"countries: {_flow(edition.countries)}",
             f"# Pairs are ranked among the region's countries: {chosen.source}",
             "region:",
             f"  name: {_quoted(chosen.name)}",
             f"  countries: {_flow(edition.region.countries)}",
             *([f"  # Not in {chosen.name}: added to its countries so that the focus pair is ranked "
                "(--extend-region); the briefing says so.", f"  added: {_flow(added)}"] if added else []),
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
