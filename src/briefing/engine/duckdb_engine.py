"""The record-level query on DuckDB: one machine, streaming from JSON Lines or Parquet.

Memory is bounded by `memory_limit`: beyond it DuckDB spills to `temp_directory`,
in the scratch folder, including blocks of the compact per-work table."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from briefing.engine import query
from briefing.engine.inputs import RecordFiles, located
from briefing.engine.result import Counts
from briefing.errors import InputError

# OpenAlex works with thousands of authors run to a few MB; DuckDB's default cap is 16 MB.
# A larger cap costs time on every file (256 MB: a fifth more at a million works), so the
# reader starts at 64 MB (no slower than 16 MB) and reads again at 1 GB only when a record needs it.
MAX_OBJECT_BYTES = 64 * 1024 * 1024
LARGE_OBJECT_BYTES = 1024 * 1024 * 1024
JSON_COLUMNS = {
    "id": "VARCHAR",
    "publication_year": "BIGINT",
    "primary_topic": "STRUCT(field STRUCT(display_name VARCHAR), subfield STRUCT(display_name VARCHAR))",
    "authorships": "STRUCT(countries VARCHAR[], institutions STRUCT(country_code VARCHAR)[], "
                   "is_corresponding BOOLEAN)[]",
}


@dataclass(frozen=True)
class Settings:
    memory_limit: str = "2GB"
    threads: int = os.cpu_count() or 1


def _list(paths: list[Path]) -> str:
    return "[" + ", ".join(query.sql_string(str(p)) for p in paths) + "]"


def _raw_relations(files: RecordFiles, scopus: list[Path], field_level: str, field: str | None,
                   max_object_bytes: int = MAX_OBJECT_BYTES) -> list[str]:
    common = {"file": "filename", "malformed": "FALSE", "field_level": field_level, "field": field}
    relations = []
    if files.json:
        columns = "{" + ", ".join(f"{query.sql_string(k)}: {query.sql_string(v)}" for k, v in JSON_COLUMNS.items()) + "}"
        reader = (f"read_json({_list(files.json)}, format='newline_delimited', columns={columns}, "
                  f"filename=true, maximum_object_size={max_object_bytes})")
        relations.append(query.raw_select(reader, source="openalex", **common))
    if files.parquet:
        reader = f"read_parquet({_list(files.parquet)}, filename=true, union_by_name=true)"
        relations.append(query.raw_select(reader, source="openalex", **common))
    if scopus:
        reader = f"read_parquet({_list(scopus)}, filename=true)"
        relations.append(query.raw_select(reader, source="scopus", **common))
    return relations


def connect(scratch: Path, settings: Settings) -> duckdb.DuckDBPyConnection:
    """An in-memory database held to `memory_limit`: beyond it DuckDB writes blocks to the
    scratch folder (an on-disk database file costs a tenth more time at a million works)."""
    scratch.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(":memory:", config={
        "memory_limit": settings.memory_limit,
        "threads": settings.threads,
        "temp_directory": str(scratch / "spill"),
        "preserve_insertion_order": False,
    })
    con.execute("SET enable_progress_bar = false")  # the CLI shows its own status
    return con


def load_works(con: duckdb.DuckDBPyConnection, files: RecordFiles, scopus: list[Path], field_level: str,
               field: str | None, origin: dict[str, Path]) -> None:
    """Step 1 into a table; a file DuckDB cannot parse is reported at its first broken line."""
    def create(max_object_bytes: int) -> None:
        union = "\nUNION ALL\n".join(query.works_sql(query.DUCKDB, raw) for raw in
                                     _raw_relations(files, scopus, field_level, field, max_object_bytes))
        con.execute(f"CREATE OR REPLACE TABLE works AS {union}")

    try:
        try:
            create(MAX_OBJECT_BYTES)
        except duckdb.InvalidInputException as exc:
            if "maximum_object_size" not in str(exc):
                raise
            create(LARGE_OBJECT_BYTES)
    except duckdb.Error as exc:
        raise _parse_error(exc, files) from None
    con.execute(f"CREATE OR REPLACE VIEW work_countries AS {query.steps(query.DUCKDB)['work_countries']}")
    problems = con.sql(query.PROBLEMS).fetchall()
    if problems:
        file, problem, _ = problems[0]
        raise located(origin.get(file, Path(file)), problem)


def check_codes(con: duckdb.DuckDBPyConnection, counted: pd.DataFrame, origin: dict[str, Path]) -> None:
    """Every country code counted is ISO 3166-1 alpha-2; else name the first file with a record that is not."""
    codes = query.unknown_codes(counted)
    if codes:
        file = con.execute(query.unknown_file_sql(query.DUCKDB, codes)).fetchall()[0][0]
        raise located(origin.get(file, Path(file)), query.UNKNOWN_CODE)


def _parse_error(exc: duckdb.Error, files: RecordFiles) -> InputError:
    message = str(exc)
    for path in files.all():
        if str(path) in message:
            return located(path, message.splitlines()[0])
    return InputError(", ".join(str(p) for p in files.all()[:3]), f"cannot read records ({message.splitlines()[0]})")


def count(files: RecordFiles, scopus: list[Path], scratch: Path, *, field_level: str = "field",
          field: str | None = None, settings: Settings = Settings(), origin: dict[str, Path] | None = None) -> Counts:
    """Integer counts per key from the record files (see briefing.engine.query)."""
    con = connect(scratch, settings)
    try:
        load_works(con, files, scopus, field_level, field, origin or {})
        stats = con.sql(query.STATS).fetchall()[0]
        steps = query.steps(query.DUCKDB)
        country_counts = _frame(con.sql(steps["country_counts"]).to_arrow_table())
        check_codes(con, country_counts, origin or {})
        return Counts(country_counts=country_counts,
                      pair_counts=_frame(con.sql(steps["pair_counts"]).to_arrow_table()),
                      works=int(stats[0]), works_with_country=int(stats[1]), works_with_corresponding=int(stats[2]))
    finally:
        con.close()


def work_countries(files: RecordFiles, scopus: list[Path], scratch: Path, *, field_level: str = "field",
                   field: str | None = None, origin: dict[str, Path] | None = None) -> pd.DataFrame:
    """the record-level table (docs/architecture.md): work_id, year, field, country, is_corresponding (small inputs)."""
    con = connect(scratch, Settings(threads=1))
    try:
        load_works(con, files, scopus, field_level, field, origin or {})
        table = con.sql("SELECT source, work_id, year, field, country, is_corresponding FROM work_countries "
                            "ORDER BY source, work_id, country").to_arrow_table()
        frame = _frame(table)
        check_codes(con, frame, origin or {})
        return frame.assign(field=frame["field"].map(query.slug))
    finally:
        con.close()


def _frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas()
