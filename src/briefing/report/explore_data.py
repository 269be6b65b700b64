"""What a published version gives its explorer (`explore.html`): the canonical `pairs` and
`country_output` tables of every source the pairs table holds (the edition's pair source first;
the other, NCSES in the default build, to set beside it), every year and country they hold, as
column files (`report/columns.py`), and `meta.json`: country names, the edition's region and
the named regions of `data/regions.yml`, each source's flags from the findings' caveats
(provisional years, breaks) and any affinity findings. All under `<version>/explore/`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import countries
from briefing.config import Edition
from briefing.errors import InputError
from briefing.findings.ids import slug
from briefing.infra.fileio import canonical_json
from briefing.prose import fmt
from briefing.sources.regions import load_regions
from briefing.tables import read_catalogue, read_table

if TYPE_CHECKING:  # pandas is loaded when a version is published, not on the up-to-date path
    import pandas as pd

FOLDER = "explore"
PAIRS = "pairs.bcol"
OUTPUT = "country_output.bcol"
META = "meta.json"
META_FORMAT = "briefing-explore/1"
DRAWN = {"provisional", "level_shift", "source_break"}  # flags drawn on the charts; the rest are listed
AFFINITY = "pair.affinity."
CODE = re.compile(r"^[A-Z]{2}$")
PAIR = re.compile(r"^([A-Z]{2})-([A-Z]{2})$")


def canonical(build: Path, table: str) -> pd.DataFrame:
    path = build / "data" / f"{table}.parquet"
    if not path.is_file():
        raise InputError(str(path), "missing: the explorer needs the validated tables (run `briefing validate` first)")
    return read_table(build, table)


def explore_tables(build: Path, edition: Edition) -> dict[str, pd.DataFrame]:
    """The rows of every source the `pairs` table holds (the edition's pair source among them),
    of both tables, in the order the explorer's index expects (source, field, countries, year)."""
    pairs, output = canonical(build, "pairs"), canonical(build, "country_output")
    if not (pairs["source"] == edition.sources.pairs).any():
        raise InputError(str(build / "data" / "pairs.parquet"), f"holds no rows of the edition's source "
                                                                f"{edition.sources.pairs!r}: the explorer would have nothing to show")
    output = output[output["source"].isin(set(pairs["source"]))]
    return {
        PAIRS: pairs.sort_values(["source", "field", "country_a", "country_b", "year"]).reset_index(drop=True),
        OUTPUT: output.sort_values(["source", "field", "country", "year"]).reset_index(drop=True),
    }


def source_entry(source: str, pairs: pd.DataFrame, findings: list[dict], catalogue: dict) -> dict:
    """What the explorer says of one source: its name, counting, field, years and flags."""
    rows = pairs[pairs["source"] == source]
    fields = sorted(rows["field"].unique())
    known = catalogue["datasets"].get(source, {})
    return {"id": source, "name": known.get("short", source), "counting": known.get("counting", ""),
            "licence": known.get("licence", ""), "field": "all" if "all" in fields else fields[0],
            "years": [int(rows["year"].min()), int(rows["year"].max())], "flags": source_flags(findings, source)}


def flag_label(kind: str, subject: str) -> str:
    """The label of a break's band: "Break in South Korea's series" (as `quality.flags.break_marks`)."""
    if kind not in ("level_shift", "source_break"):
        return ""
    pair = PAIR.match(subject)
    if pair:
        return f"Break in the {countries.name(pair[1])}–{countries.name(pair[2])} series"
    return f"Break in {fmt.possessive(subject)} series" if CODE.match(subject) else "Break in the series"


def source_flags(findings: list[dict], source: str) -> list[dict]:
    """Each distinct caveat of the findings about `source`'s data, once: kind, subject, years,
    brief, text, and whether and how the charts draw it."""
    seen: dict[tuple, dict] = {}
    for finding in findings:
        for caveat in finding.get("caveats", []):
            if caveat.get("source") != source:
                continue
            years = [int(y) for y in caveat.get("years", [])]
            key = (caveat["kind"], caveat.get("subject", ""), tuple(years), caveat.get("text", ""))
            seen.setdefault(key, {
                "kind": caveat["kind"], "subject": caveat.get("subject", ""), "years": years,
                "brief": caveat.get("brief") or caveat.get("text", ""), "text": caveat.get("text", ""),
                "drawn": caveat["kind"] in DRAWN, "label": flag_label(caveat["kind"], caveat.get("subject", "")),
            })
    return [seen[key] for key in sorted(seen)]


def affinity_entry(finding: dict) -> dict | None:
    """An affinity finding read from its id, tolerant of where the pair and year stand:
    pair.affinity[.<anything>].<A>-<B>.<year> (either direction) or ...<country>.<partner>.<year>."""
    parts = finding["id"][len(AFFINITY):].split(".")
    if len(parts) < 2 or not parts[-1].isdigit() or not isinstance(finding.get("value"), int | float):
        return None
    year, rest = int(parts[-1]), parts[:-1]
    pair = PAIR.match(rest[-1])
    if pair:
        return {"id": finding["id"], "country": pair[1], "partner": pair[2], "directed": False, "year": year,
                "value": finding["value"]}
    if len(rest) >= 2 and CODE.match(rest[-2]) and CODE.match(rest[-1]):
        return {"id": finding["id"], "country": rest[-2], "partner": rest[-1], "directed": True, "year": year,
                "value": finding["value"]}
    return None


def affinity(findings: list[dict]) -> list[dict]:
    found = (affinity_entry(f) for f in findings if f["id"].startswith(AFFINITY))
    return sorted((e for e in found if e), key=lambda e: e["id"])


def regions(edition: Edition, regions_file: Path) -> list[dict]:
    """The edition's own region first (its slug is the one finding ids use), then every named
    region of `data/regions.yml`; a named region whose key the edition's takes, with other
    countries, is listed as '<key>-named'."""
    own = {"key": slug(edition.region.name), "name": edition.region.name,
           "countries": list(edition.region.countries), "edition": True,
           "source": f"This edition's region (the parameters of edition {edition.edition})."}
    listed = [own]
    for key, named in load_regions(regions_file).items():
        if key == own["key"] and list(named.countries) == own["countries"]:
            own["source"] = named.source
            continue
        listed.append({"key": key if key != own["key"] else f"{key}-named", "name": named.name,
                       "countries": list(named.countries), "edition": False, "source": named.source})
    return listed


def explore_meta(edition: Edition, version: int, tables: dict[str, pd.DataFrame], findings: list[dict],
                 catalogue: dict, regions_file: Path) -> dict:
    """Everything the explorer shows besides the tables' numbers; the edition's pair source first."""
    pairs = tables[PAIRS]
    codes = sorted(set(pairs["country_a"]) | set(pairs["country_b"]) | set(tables[OUTPUT]["country"]))
    others = sorted(set(pairs["source"]) - {edition.sources.pairs})
    return {
        "format": META_FORMAT, "edition": edition.edition, "version": version, "title": edition.title,
        "tables": {"pairs": PAIRS, "country_output": OUTPUT},
        "sources": [source_entry(s, pairs, findings, catalogue) for s in [edition.sources.pairs, *others]],
        "window": [edition.window.start, edition.window.end],
        "focus_pair": list(edition.focus_pair), "poles": list(edition.poles),
        "countries": {code: countries.name(code) for code in codes},
        "regions": regions(edition, regions_file),
        "affinity": affinity(findings),
    }


def explore_files(build: Path, edition: Edition, version: int, findings: list[dict],
                  regions_file: Path) -> dict[str, bytes]:
    """The files of `<version>/explore/` by name: same inputs, same bytes."""
    from briefing.report.columns import encode_table

    tables = explore_tables(build, edition)
    meta = explore_meta(edition, version, tables, findings, read_catalogue(build), regions_file)
    files = {name: encode_table(frame, name.removesuffix(".bcol")) for name, frame in tables.items()}
    files[META] = canonical_json(meta).encode("utf-8")
    return files
