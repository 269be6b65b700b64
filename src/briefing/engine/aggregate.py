"""`briefing aggregate`: record files -> pairs, country_output and partners (Parquet).

Load / Process / Save: find and check the record files, count with the chosen
engine, finish and validate the tables, then write them into a temporary folder
that replaces `out` only when everything succeeded."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from briefing.engine import duckdb_engine, query, spark_engine
from briefing.engine.finish import finish
from briefing.engine.inputs import FIELD_LEVELS, RecordFiles, find_records
from briefing.engine.result import Counts
from briefing.engine.scopus import scopus_records
from briefing.engine.tables import TABLES, check_engine
from briefing.errors import InputError
from briefing.infra.fileio import FILE_MODE, canonical_json, staged_dir, write_text_atomic

ENGINES = ("duckdb", "spark")
MANIFEST = "aggregate.json"
OUTPUTS = {f"{name}.parquet" for name in TABLES} | {MANIFEST}


@dataclass
class Options:
    engine: str = "duckdb"
    master: str = "local[2]"
    field_level: str = "field"
    field: str | None = None  # one label for every record (e.g. a keyword-defined set)
    memory_limit: str = "2GB"  # DuckDB; Spark's driver memory is set by --driver-memory
    threads: int | None = None
    driver_memory: str = "1g"


@dataclass
class Aggregated:
    out: Path
    works: int
    works_with_country: int
    works_with_corresponding: int
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def works_per_second(self) -> float:
        return self.works / self.seconds if self.seconds > 0 else float("inf")


def _check_options(options: Options) -> None:
    if options.engine not in ENGINES:
        raise InputError("--engine", f"unknown engine {options.engine!r}; choose one of {', '.join(ENGINES)}")
    if options.field_level not in FIELD_LEVELS:
        raise InputError("--field-level", f"must be one of {', '.join(FIELD_LEVELS)}")
    if options.field is not None and not query.slug(options.field):
        raise InputError("--field", "needs at least one letter or digit")


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "--out must be a folder")
    if out.is_dir():
        others = sorted(p.name for p in out.iterdir() if p.name not in OUTPUTS)
        if others:
            raise InputError(str(out), f"--out holds other files ({', '.join(others[:3])}); "
                                       "choose an empty or new folder (it is replaced as a whole)")


def count_records(files: RecordFiles, scratch: Path, options: Options) -> Counts:
    """The chosen engine's integer counts; Scopus exports become Parquet records first."""
    scopus = scopus_records(files, scratch, options.field)
    origin = {str(p): p for p in files.all()}
    common = {"field_level": options.field_level, "field": options.field}
    if options.engine == "spark":
        return spark_engine.count(files, scopus, scratch / "spark", master=options.master,
                                  driver_memory=options.driver_memory, **common)
    settings = duckdb_engine.Settings(memory_limit=options.memory_limit,
                                      threads=options.threads or duckdb_engine.Settings().threads)
    return duckdb_engine.count(files, scopus, scratch / "duckdb", settings=settings, origin=origin, **common)


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Parquet without the pandas index or pandas metadata: same table, same bytes."""
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    pq.write_table(table, path, compression="zstd")
    path.chmod(FILE_MODE)


def engine_tables(files: RecordFiles, scratch: Path, options: Options) -> tuple[Counts, dict[str, pd.DataFrame]]:
    """The engine's counts and the checked output tables (pairs, country_output, partners) of
    `files`; `scratch` is a folder for the engine's working files, emptied before returning."""
    _check_options(options)
    with tempfile.TemporaryDirectory(prefix=".engine.scratch-", dir=scratch) as work:
        counts = count_records(files, Path(work), options)
    tables = finish(counts.country_counts, counts.pair_counts)
    origin = f"engine output ({options.engine})"
    return counts, {name: check_engine(name, frame, origin) for name, frame in tables.items()}


def aggregate(paths: list[Path], out: Path, options: Options | None = None) -> Aggregated:
    """Count the records in `paths` into `out`/{pairs,country_output,partners}.parquet."""
    options = options or Options()
    # Load inputs.
    _check_options(options)
    _check_out(out)
    files = find_records(paths)
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    # Process data.
    counts, tables = engine_tables(files, out.parent, options)
    # Save outputs.
    manifest = {
        "engine": options.engine, "field_level": options.field_level, "field": options.field,
        "inputs": [{"path": str(p), "bytes": p.stat().st_size} for p in files.all()],
        "works": counts.works, "works_with_country": counts.works_with_country,
        "works_with_corresponding": counts.works_with_corresponding,
        "rows": {name: len(frame) for name, frame in tables.items()},
    }
    with staged_dir(out) as staging:
        for name, frame in tables.items():
            write_parquet(frame, staging / f"{name}.parquet")
        write_text_atomic(staging / MANIFEST, canonical_json(manifest))
    seconds = time.perf_counter() - started  # from the first record read to the last table written
    return Aggregated(out=out, works=counts.works, works_with_country=counts.works_with_country,
                      works_with_corresponding=counts.works_with_corresponding, seconds=seconds,
                      rows=manifest["rows"])


def work_countries(paths: list[Path], *, field_level: str = "field", field: str | None = None) -> pd.DataFrame:
    """The record-level table (docs/architecture.md) for small inputs, one row per work and country:
    source, work_id, year, field, country, is_corresponding (run by DuckDB, as in the engine)."""
    files = find_records(paths)
    with tempfile.TemporaryDirectory(prefix="briefing-records-") as scratch:
        scopus = scopus_records(files, Path(scratch), field)
        return duckdb_engine.work_countries(files, scopus, Path(scratch) / "duckdb", field_level=field_level,
                                            field=field, origin={str(p): p for p in files.all()})
