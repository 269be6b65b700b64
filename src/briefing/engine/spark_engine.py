"""The record-level query on Apache Spark: `local[N]` on one machine, a cluster URL in use.

The same SQL as the DuckDB engine (briefing.engine.query, Spark dialect). The
counts are written as Parquet into the scratch folder and read back with pyarrow:
collecting them through the driver loses results at 10M works with a 1 GB driver,
and pyspark 4 does not fully support pandas 3 (no Spark <-> pandas conversion here).
On a cluster, record paths and the scratch folder (beside --out) must be on storage
every executor reaches (a shared file system)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pyarrow.parquet as pq

from briefing.engine import query
from briefing.engine.inputs import RecordFiles, located
from briefing.engine.result import Counts
from briefing.errors import InputError

JSON_SCHEMA = (
    "id STRING, publication_year BIGINT, "
    "primary_topic STRUCT<field: STRUCT<display_name: STRING>, subfield: STRUCT<display_name: STRING>>, "
    "authorships ARRAY<STRUCT<countries: ARRAY<STRING>, institutions: ARRAY<STRUCT<country_code: STRING>>, "
    "is_corresponding: BOOLEAN>>, _corrupt_record STRING"
)
_SESSIONS: dict[str, object] = {}


def session(master: str = "local[2]", driver_memory: str = "1g"):
    """One SparkSession per master for the process (tests share it; the CLI stops it)."""
    if master in _SESSIONS:
        return _SESSIONS[master]
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise InputError("--engine spark", "the Spark engine is an optional extra: install it with "
                                           "pip install 'briefing[spark]' (pyspark), or use --engine duckdb") from None

    builder = (SparkSession.builder.master(master).appName("briefing-aggregate")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.files.ignoreCorruptFiles", "false")
               .config("spark.driver.memory", driver_memory))
    if master.startswith("local"):
        builder = builder.config("spark.sql.shuffle.partitions", str(2 * (os.cpu_count() or 1)))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    # pyspark logs each failed query as JSON before raising it; the raised error is enough.
    logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)
    _SESSIONS[master] = spark
    return spark


def stop() -> None:
    for spark in _SESSIONS.values():
        spark.stop()
    _SESSIONS.clear()


def _uri(path: Path) -> str:
    # Not Path.as_uri(): Hadoop does not decode %3D in the snapshot's updated_date=... folders.
    return f"file://{path.resolve()}"


def _local(file: str) -> Path:
    """The local path of a file as Spark names it (file:/x, file:///x, percent-encoded or not)."""
    text = unquote(file)
    for prefix in ("file://", "file:"):
        if text.startswith(prefix):
            return Path(text[len(prefix):])
    return Path(text)


def _register(spark, files: RecordFiles, scopus: list[Path], field_level: str, field: str | None) -> list[str]:
    raws = []
    common = {"file": "file", "field_level": field_level, "field": field}
    if files.json:
        frame = (spark.read.schema(JSON_SCHEMA).option("mode", "PERMISSIVE")
                 .option("columnNameOfCorruptRecord", "_corrupt_record").json([_uri(p) for p in files.json]))
        frame.selectExpr("*", "_metadata.file_path AS file").createOrReplaceTempView("raw_json")
        raws.append(query.raw_select("raw_json", source="openalex", malformed="_corrupt_record IS NOT NULL", **common))
    for view, paths, source in (("raw_parquet", files.parquet, "openalex"), ("raw_scopus", scopus, "scopus")):
        if paths:
            frame = spark.read.parquet(*[_uri(p) for p in paths])
            frame.selectExpr("*", "_metadata.file_path AS file").createOrReplaceTempView(view)
            raws.append(query.raw_select(view, source=source, malformed="FALSE", **common))
    return raws


def _written(frame, folder: Path) -> pd.DataFrame:
    """A (small) result written by Spark as Parquet parts, read back with pyarrow."""
    frame.write.mode("overwrite").parquet(_uri(folder))
    return pq.read_table(folder).to_pandas()


def count(files: RecordFiles, scopus: list[Path], scratch: Path, *, master: str = "local[2]",
          field_level: str = "field", field: str | None = None,
          driver_memory: str = "1g") -> Counts:
    """Integer counts per key from the record files (see briefing.engine.query)."""
    from py4j.protocol import Py4JJavaError
    from pyspark import StorageLevel
    from pyspark.errors import PySparkException

    spark = session(master, driver_memory)
    union = "\nUNION ALL\n".join(query.works_sql(query.SPARK, raw)
                                 for raw in _register(spark, files, scopus, field_level, field))
    works = spark.sql(union).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        works.createOrReplaceTempView("works")
        steps = query.steps(query.SPARK)
        spark.sql(steps["work_countries"]).createOrReplaceTempView("work_countries")
        try:
            problems = spark.sql(steps["problems"]).take(1)
        except (PySparkException, Py4JJavaError) as exc:  # e.g. a truncated gzip file
            raise _read_error(exc, files) from None
        if problems:
            file, problem = problems[0]["file"], problems[0]["problem"]
            raise located(_local(file), problem)
        stats = spark.sql(steps["stats"]).collect()[0]
        country_counts = _written(spark.sql(steps["country_counts"]), scratch / "country_counts")
        codes = query.unknown_codes(country_counts)
        if codes:
            file = spark.sql(query.unknown_file_sql(query.SPARK, codes)).take(1)[0]["file"]
            raise located(_local(file), query.UNKNOWN_CODE)
        return Counts(country_counts=country_counts,
                      pair_counts=_written(spark.sql(steps["pair_counts"]), scratch / "pair_counts"),
                      works=int(stats["works"]), works_with_country=int(stats["works_with_country"]),
                      works_with_corresponding=int(stats["works_with_corresponding"]))
    finally:
        works.unpersist()


def _read_error(exc: Exception, files: RecordFiles) -> InputError:
    message = str(exc)
    for path in files.all():
        if path.name in message:
            return located(path, message.splitlines()[0][:300])
    return InputError(", ".join(str(p) for p in files.all()[:3]), f"cannot read records ({message.splitlines()[0][:300]})")
