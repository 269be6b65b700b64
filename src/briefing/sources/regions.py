"""Named regions (`data/regions.yml`): key -> display name, source, countries. Keys are slugs
(`south-america`, `eu27`): they are typed after `briefing new --region`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing import countries
from briefing.errors import InputError
from briefing.infra.yaml_model import read_yaml

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class NamedRegion:
    key: str
    name: str
    source: str
    countries: tuple[str, ...]


def load_regions(path: Path) -> dict[str, NamedRegion]:
    """Every region of the file, its codes checked; read as params are (NO stays Norway)."""
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read the named regions ({exc.strerror})") from None
    if not isinstance(data, dict) or not isinstance(data.get("regions"), dict):
        raise InputError(str(path), "must hold a 'regions' mapping")
    regions = {}
    for key, entry in data["regions"].items():
        where = f"{path}: key 'regions.{key}'"
        if not SLUG.fullmatch(str(key)):
            raise InputError(where, "a region's key is a slug: lowercase letters and digits joined by single hyphens")
        if not isinstance(entry, dict) or not {"name", "source", "countries"} <= set(entry):
            raise InputError(where, "needs name, source and countries")
        _check_codes(f"{path}: key 'regions.{key}.countries'", entry["countries"])
        regions[key] = NamedRegion(key, entry["name"], " ".join(str(entry["source"]).split()),
                                   tuple(entry["countries"]))
    return regions


def _check_codes(where: str, codes) -> None:
    if not isinstance(codes, list):
        raise InputError(where, "must be a list of ISO 3166-1 alpha-2 codes")
    bad = [c for c in codes if not countries.is_country(str(c))]
    if bad:
        raise InputError(where, f"not ISO 3166-1 alpha-2 codes: {bad}")
    twice = sorted({str(c) for c in codes if codes.count(c) > 1})
    if twice:
        raise InputError(where, f"listed twice: {twice}")


def region(path: Path, key: str) -> NamedRegion:
    regions = load_regions(path)
    if key not in regions:
        raise InputError(f"--region {key}", f"not a named region of {path.name}; known: {', '.join(sorted(regions))}")
    return regions[key]
