"""`data/sources.yml`: the list of every source and how to cite it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from briefing.errors import InputError


@lru_cache(maxsize=4)
def _load(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read the source list ({exc})") from None
    if not isinstance(data, dict) or "datasets" not in data:
        raise InputError(str(path), "must hold a 'datasets' mapping")
    return data


def datasets(path: Path) -> dict[str, dict]:
    """Data sources, by id (openalex, worldbank, oecd, ncses)."""
    return _load(path)["datasets"]


def documents(path: Path) -> dict[str, dict]:
    """Published documents cited by curated facts (the seeds), by id."""
    return _load(path).get("documents", {})


def dataset(path: Path, source: str) -> dict:
    table = datasets(path)
    if source not in table:
        raise InputError(f"{path}: key 'datasets'", f"unknown source {source!r}; known: {sorted(table)}")
    return table[source]


def live_entry(path: Path, source: str) -> dict:
    """How to cite a snapshot taken from `source`'s API: the dataset with its `live`
    overrides, or a `live_datasets` entry (sources fetched only from an API)."""
    live_only = _load(path).get("live_datasets", {})
    if source in live_only:
        return live_only[source]
    entry = dataset(path, source)
    return {**{k: v for k, v in entry.items() if k != "live"}, **entry.get("live", {})}
