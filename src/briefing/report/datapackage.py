"""The data zip as a Frictionless Data Package: `datapackage.json` at the zip folder's root lists
every file as a resource (path, size, sha256 `hash`), each CSV with its Table Schema (each
field's name, type, unit and description, from the codebook's description of its columns,
`report.data_zip.describe`) and each resource with the sources it comes from and their
licences, from the build's source catalogue (`_build/<edition>/data/sources.json`).
`frictionless validate datapackage.json` passes on the unzipped folder."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from typing import TYPE_CHECKING

from briefing.infra.fileio import canonical_json

if TYPE_CHECKING:
    from briefing.report.data_zip import Column

SOURCE_UNIT = "source id"  # the unit of a column naming a source of the catalogue (`report.data_zip.UNITS`)


def datapackage(name: str, title: str, files: dict[str, bytes], columns: list[Column], catalogue: dict) -> str:
    """The descriptor of the package `name` holding `files` (path in the folder -> bytes), as JSON."""
    entries = {**catalogue.get("datasets", {}), **catalogue.get("documents", {})}
    by_file: dict[str, list[Column]] = {}
    for column in columns:
        by_file.setdefault(column.file, []).append(column)
    resources = [resource(path, data, by_file.get(path, []), entries) for path, data in files.items()]
    used = sorted({s for r in resources for s in r.pop("_ids")})
    package = {"name": _name(name), "title": title or name, "profile": "data-package",
               "resources": resources} | _present({"sources": [source(entries[s]) for s in used],
                                                   "licenses": licences([entries[s] for s in used])})
    return canonical_json(package)


def resource(path: str, data: bytes, columns: list[Column], entries: dict[str, dict]) -> dict:
    """One file as a resource; a CSV with its schema and the sources its columns and note name."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    described = {"name": _name(stem), "path": path, "bytes": len(data), "encoding": "utf-8",
                 "hash": "sha256:" + hashlib.sha256(data).hexdigest(), "_ids": []}
    if not path.endswith(".csv"):
        return described | {"format": "json", "mediatype": "application/json", "type": "json"}
    ids = source_ids(columns, data, entries)
    return described | {
        "_ids": ids, "format": "csv", "mediatype": "text/csv", "profile": "tabular-data-resource", "type": "table",
        "title": columns[0].title if columns else stem,
        "schema": {"fields": [{"name": c.name, "type": c.type, "unit": c.unit, "description": c.description}
                              for c in columns]},
    } | _present({"sources": [source(entries[i]) for i in ids], "licenses": licences([entries[i] for i in ids])})


def source_ids(columns: list[Column], data: bytes, entries: dict[str, dict]) -> list[str]:
    """The catalogue's sources of a CSV: those its source note names (by short name, each item of
    'OpenAlex; NCSES SEI. Table SPBS-33') and those its source-id columns hold, in that order."""
    note = columns[0].source if columns else ""
    shorts = sorted(((e.get("short", k), k) for k, e in entries.items()), key=lambda s: -len(s[0]))
    found = [next((k for short, k in shorts if item.startswith(short)), None) for item in note.split("; ")]
    held = [c.name for c in columns if c.unit.startswith(SOURCE_UNIT)]
    if held:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        found += [row[name] for name in held for row in rows]
    return list(dict.fromkeys(k for k in found if k in entries))


def source(entry: dict) -> dict:
    """A catalogue entry as a Data Package source: its citation, and its address when it has one."""
    return {"title": entry.get("citation") or entry.get("title", "")} | ({"path": entry["url"]} if entry.get("url") else {})


def licences(entries: list[dict]) -> list[dict]:
    """The licences of `entries` (documents quoted under fair use have none), each once."""
    named = dict.fromkeys(e["licence"] for e in entries if e.get("licence"))
    return [{"name": re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-"), "title": text} for text in named]


def _present(parts: dict) -> dict:
    """`parts` without its empty lists (a resource with no source names none)."""
    return {key: value for key, value in parts.items() if value}


def _name(text: str) -> str:
    """A Data Package name: lower case letters, digits and `-._`."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-")
