"""Invariants every built edition keeps on every page, whatever its parameters (the property test,
tests/integration/test_property_params.py): each check returns its problems as "page: what",
none when the edition keeps it.

What counts as plumbing, a country's name or a declared finding family is read here from the
raw files (the mirror's code list, `notebooks/*.meta.yml` as plain YAML), never with the code
that writes the pages. Two blocks of the methods appendix are machine listings, where parameter
keys and ids belong: the parameters table and the sources list."""

from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from briefing.config import Edition
from tests.html_blocks import Page

REPO = Path(__file__).resolve().parents[1]
LISTINGS = {"methods.html": {"sec-methods-parameters", "sec-methods-sources"}}
BLANK = {"", "n/a", "na", "—", "–", "-", "nan", "none"}
EMPTY_SOURCE = re.compile(r"\bSources?:\s*(?:[.,;:]|and\b|$)")
CODE = re.compile(r"^[A-Z]{2}$")


def listing(page: Page, sections: tuple[str, ...]) -> bool:
    return bool(LISTINGS.get(page.name, set()) & set(sections))


def empty_tables(pages: list[Page]) -> list[str]:
    """Tables with no body row, or whose cells past the row labels are all blank or 'n/a'."""
    found = []
    for page in pages:
        for table in page.tables:
            cells = [c.strip().lower() for row in table.body for c in row[1:] if len(row) > 1]
            if not table.body or not any(row for row in table.body):
                found.append(f"{page.name}: table {table.id or table.caption!r} has no rows")
            elif cells and all(c in BLANK for c in cells):
                found.append(f"{page.name}: table {table.id or table.caption!r} holds only 'n/a': {table.body[:3]}")
    return found


def empty_sources(pages: list[Page]) -> list[str]:
    return [f"{page.name}: {block.text!r}" for page in pages for block in page.blocks
            if EMPTY_SOURCE.search(block.text)]


def empty_headings(pages: list[Page]) -> list[str]:
    """Headings followed by a heading of the same or a higher level, or by nothing."""
    found = []
    for page in pages:
        blocks = [b for b in page.blocks if b.kind not in ("td", "th")]
        for i, block in enumerate(blocks):
            level = block.level
            if level is None:
                continue
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if following is None or (following.level is not None and following.level <= level):
                found.append(f"{page.name}: heading {block.text!r} is followed by "
                             f"{'nothing' if following is None else repr(following.text)}")
    return found


@lru_cache(maxsize=1)
def declared() -> dict:
    """Every section's declarations read as plain YAML: {'families': [id templates], 'parameters': [names]}."""
    families, parameters = [], set()
    for path in sorted((REPO / "notebooks").glob("*.meta.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        families += [family["id"] for family in data.get("findings", {}).values()]
        parameters |= set(data.get("parameters", {}))
    return {"families": families, "parameters": sorted(parameters)}


def parameter_keys(edition: Edition) -> set[str]:
    """The params model's keys (nested ones too), the notebooks' injected parameters and the sections' own."""
    keys: set[str] = set(declared()["parameters"])

    def walk(data: dict) -> None:
        for key, value in data.items():
            keys.add(key)
            if isinstance(value, dict) and key != "sections":
                walk(value)

    walk(edition.model_dump())
    for section in edition.sections:
        keys |= set(edition.notebook_parameters(section))
    return keys


def id_prefixes() -> list[str]:
    """What starts an internal id: each finding family's literal start, a curated fact's or event's."""
    return sorted({template.split("{", 1)[0] for template in declared()["families"]} | {"seed.", "ev."})


def plumbing(pages: list[Page], edition: Edition) -> list[str]:
    """Parameter keys and internal ids in reader text, outside the appendix's machine listings. A key
    is plumbing wherever it is snake_case; a one-word key ('poles') only when set as code, unless
    the code writes it as configuration (`curated: {}`), which is an instruction to the reader."""
    keys = parameter_keys(edition)
    snake = re.compile(r"(?<![\w.])(" + "|".join(sorted((k for k in keys if "_" in k), key=len, reverse=True))
                       + r")(?!\w)")
    ids = re.compile(r"(?<![\w.])(" + "|".join(re.escape(p) for p in id_prefixes()) + r")[A-Za-z0-9_][\w.-]*")
    found = []
    for page in pages:
        for block in page.blocks:
            if listing(page, block.sections):
                continue
            hits = [m.group(0) for m in snake.finditer(block.text)] + [m.group(0).rstrip(".") for m in ids.finditer(block.text)]
            hits += [code for code in block.code if code.strip().rstrip(":") in keys and not code.strip().endswith(":")]
            if hits:
                found.append(f"{page.name}: {hits} in {block.text!r}")
    return found


@lru_cache(maxsize=2)
def country_names(mirror: Path) -> dict[str, str]:
    """{name: code} from the mirror's code list, with the short names the briefing's readers see."""
    from briefing import countries

    names = {}
    with (mirror / "openalex" / "iso2_country_names.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            names[row["name"]] = row["code"]
            names[countries.name(row["code"])] = row["code"]
    return names


def named_countries(text: str, names: dict[str, str]) -> dict[str, str]:
    """{code: name as written} of the countries a text names, the longest name first ('South Sudan' is not 'Sudan')."""
    found = {}
    for name in sorted(names, key=len, reverse=True):
        pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w])")
        if pattern.search(text):
            found[names[name]] = name
            text = pattern.sub("#", text)
    return found


def brought_in(edition: Edition, figures: Path, mirror: Path) -> set[str]:
    """The countries an edition brings in: its parameters', its figures' and tables' data, its cited facts'."""
    codes = {*edition.focus_pair, *edition.poles, *edition.countries, *edition.region.countries}
    for values in edition.sections.values():
        for value in values.values():
            if isinstance(value, list):
                codes |= {part for item in value for part in re.split(r"[.-]", str(item)) if CODE.match(part)}
    names = country_names(mirror)
    for path in figures.glob("*.csv"):
        for row in csv.reader(path.open(encoding="utf-8", newline="")):
            for cell in row:
                codes |= {part for part in cell.split("-") if CODE.match(part)}
                codes |= set(named_countries(cell, names)) if cell[:1].isupper() else set()
    return codes


def foreign_countries(pages: list[Page], allowed: set[str], mirror: Path) -> list[str]:
    names = country_names(mirror)
    found = []
    for page in pages:
        for block in page.blocks:
            if listing(page, block.sections) or block.kind in ("td", "th"):
                continue
            foreign = {code: name for code, name in named_countries(block.text, names).items() if code not in allowed}
            if foreign:
                found.append(f"{page.name}: {sorted(foreign.values())} in {block.text!r}")
    return found


def plain(text: str) -> str:
    """Text with typographic quotes made plain and its spaces collapsed."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def unchecked_claims(build: Path, pages: list[Page]) -> list[str]:
    """Every chapter's claims checked, and none the data contradict printed."""
    claims = json.loads((build / "claims.json").read_text(encoding="utf-8"))["claims"]
    text = plain(" ".join(block.text for page in pages for block in page.blocks))
    found = [f"{Path(c['origin']).name}, line {c['line']}: unchecked ({c['detail']}): {c['text']!r}"
             for c in claims if c["status"] == "unchecked"]
    found += [f"{Path(c['origin']).name}, line {c['line']}: {c['status']} but printed: {c['text']!r}"
              for c in claims if c["status"] in ("unchecked", "contradicted") and plain(c["text"]) in text]
    return found
