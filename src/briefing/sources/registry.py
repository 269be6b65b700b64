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


def source_names(path: Path) -> dict[str, str]:
    """Each data source's short name, by id ("openalex" -> "OpenAlex")."""
    return {source: entry.get("short", source) for source, entry in datasets(path).items()}


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


DOCUMENT_KEYS = {"citation", "file", "short", "title", "publisher", "author", "year", "url"}


def series_documents(path: Path) -> dict[str, dict]:
    """A series' own documents (`documents.yml` beside its events.csv and facts.csv), by id:

    ```yaml
    documents:
      eu2023:
        short: European Commission (2023)
        citation: European Commission (2023). An EU approach to enhance economic security. JOIN(2023) 20.
        file: eu2023_economic_security.txt
    ```
    Entries take the keys of `data/sources.yml` documents; `file` names the document in the
    documents folder (as `seed` does for the seed documents)."""
    if not path.is_file():
        raise InputError(str(path), "not found: a curated tables folder lists the documents its rows cite here")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict) or not data["documents"]:
        raise InputError(str(path), "must hold a 'documents' mapping of document ids to entries")
    entries = {}
    for doc_id, entry in data["documents"].items():
        key = f"{path}: key 'documents.{doc_id}"
        if not isinstance(entry, dict):
            raise InputError(key + "'", "must be a mapping (citation, file, short, ...)")
        unknown = sorted(set(entry) - DOCUMENT_KEYS)
        if unknown:
            raise InputError(key + "'", f"unknown key(s) {unknown}; known: {sorted(DOCUMENT_KEYS)}")
        for field in ("citation", "file"):
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                raise InputError(f"{key}.{field}'", "required, a non-empty text")
        if Path(entry["file"]).name != entry["file"]:
            raise InputError(f"{key}.file'", "a file name in the documents folder, not a path")
        entries[str(doc_id)] = {**{k: v for k, v in entry.items() if k != "file"}, "seed": entry["file"],
                                "short": entry.get("short", str(doc_id))}
    return entries
