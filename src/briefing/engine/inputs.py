"""Record files: which inputs are which, and the record-level rules checked in Python.

Inputs are OpenAlex works in the public snapshot schema (gzip or plain JSON Lines,
or Parquet) and Scopus CSV exports (`briefing.engine.scopus`). The engines read
them at scale; this module finds them and, when an engine reports a broken
record, finds its line (or Parquet row) so the message can name it.

The fields used, from each work (https://docs.openalex.org/api-entities/works):
`id`, `publication_year`, `primary_topic.field|subfield.display_name`, and per
`authorships[]`: `countries`, `institutions[].country_code`, `is_corresponding`.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from briefing import countries
from briefing.errors import InputError

JSON_SUFFIXES = (".jsonl.gz", ".json.gz", ".ndjson.gz", ".jsonl", ".ndjson", ".json", ".gz")
PARQUET_SUFFIXES = (".parquet",)
CSV_SUFFIXES = (".csv",)
FIELD_LEVELS = ("field", "subfield")


@dataclass
class RecordFiles:
    """Input files by kind, in a stable order."""

    json: list[Path] = field(default_factory=list)
    parquet: list[Path] = field(default_factory=list)
    scopus: list[Path] = field(default_factory=list)

    def all(self) -> list[Path]:
        return [*self.json, *self.parquet, *self.scopus]

    def bytes(self) -> int:
        return sum(p.stat().st_size for p in self.all())


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith(CSV_SUFFIXES):
        return "scopus"
    if name.endswith(JSON_SUFFIXES):
        return "json"
    return None


def find_records(paths: list[Path]) -> RecordFiles:
    """Files named, and record files under folders named (the snapshot's works/updated_date=*/part_*.gz)."""
    if not paths:
        raise InputError("--records", "no record files given")
    found = RecordFiles()
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p) and not p.name.startswith("."))
            if not inside:
                raise InputError(str(path), "folder holds no record files (*.gz, *.jsonl, *.parquet, *.csv)")
            for p in inside:
                getattr(found, kind_of(p)).append(p)
            continue
        if not path.is_file():
            raise InputError(str(path), "no such file")
        kind = kind_of(path)
        if kind is None:
            raise InputError(str(path), "not a record file: expected OpenAlex works (.jsonl.gz, .gz, .jsonl, "
                                        ".parquet) or a Scopus export (.csv)")
        getattr(found, kind).append(path)
    for p in found.all():
        if p.stat().st_size == 0:
            raise InputError(str(p), "file is empty")
    for p in found.parquet:
        _check_parquet_columns(p)
    return found


REQUIRED = ("id", "publication_year", "authorships")


def _check_parquet_columns(path: Path) -> None:
    """Required columns, from the file's footer (cheap), before any engine reads it."""
    try:
        names = pq.read_schema(path).names
    except Exception as exc:  # pyarrow raises several types for a broken file
        raise InputError(str(path), f"not a readable Parquet file ({exc})") from None
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise InputError(str(path), f"missing required column(s) {missing}")


# ---- the rules, per record, as the SQL in briefing.engine.query applies them ----

def record_problem(work: object) -> str | None:
    """The first rule an OpenAlex work record breaks, or None."""
    if not isinstance(work, dict):
        return "not a JSON object"
    if work.get("id") is None:
        return "missing required field id"
    year = work.get("publication_year")
    if year is None:
        return "missing required field publication_year"
    if not isinstance(year, int) or isinstance(year, bool):
        return f"publication_year is not an integer (got {year!r})"
    authorships = work.get("authorships")
    if authorships is None:
        return "missing required field authorships"
    if not isinstance(authorships, list):
        return "authorships is not a list"
    if not 1900 <= year <= 2100:
        return f"publication_year outside 1900-2100 (got {year})"
    for i, authorship in enumerate(authorships):
        if not isinstance(authorship, dict):
            return f"authorships[{i}] is not an object"
        codes = list(authorship.get("countries") or [])
        codes += [inst.get("country_code") for inst in authorship.get("institutions") or [] if isinstance(inst, dict)]
        for code in codes:
            if code is not None and not countries.is_country(code):
                return f"unknown country code {code!r} in authorships[{i}] (not ISO 3166-1 alpha-2)"
    return None


def _json_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            yield from enumerate(handle, start=1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(str(path), f"cannot read file ({exc})") from None


def first_problem(path: Path) -> tuple[str, str] | None:
    """(where, rule) for the first broken record of an OpenAlex works file, or None."""
    if kind_of(path) == "parquet":
        return _first_problem_parquet(path)
    for number, line in _json_lines(path):
        if not line.strip():
            return f"{path}, line {number}", "empty line (JSON Lines hold one record per line)"
        try:
            work = json.loads(line)
        except json.JSONDecodeError as exc:
            return f"{path}, line {number}", f"not valid JSON ({exc.msg} at column {exc.colno})"
        except UnicodeDecodeError:
            return f"{path}, line {number}", "not valid UTF-8"
        rule = record_problem(work)
        if rule:
            return f"{path}, line {number}", rule
    return None


def _first_problem_parquet(path: Path) -> tuple[str, str] | None:
    try:
        handle = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a broken file
        return str(path), f"not a readable Parquet file ({exc})"
    missing = [c for c in REQUIRED if c not in handle.schema_arrow.names]
    if missing:
        return str(path), f"missing required column(s) {missing}"
    row = 0
    for batch in handle.iter_batches(batch_size=10_000):
        for work in batch.to_pylist():
            row += 1
            rule = record_problem(work)
            if rule:
                return f"{path}, row {row}", rule
    return None


def located(path: Path, fallback: str) -> InputError:
    """The error for a file an engine found a broken record in, naming its line when we can."""
    found = first_problem(path) if path.is_file() else None
    if found is None:
        return InputError(str(path), fallback)
    where, rule = found
    return InputError(where, rule)

