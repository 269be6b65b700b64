"""Spark and DuckDB run the same query definition and must agree exactly: byte-identical
tables on a generated input of 20,000 works in four parts (bench/engine.py checks the
same at one and ten million works and records it). All Spark tests live here so that one
SparkSession (local[2]) serves them; the command line's test runs last, in-process, and
stops it."""

from __future__ import annotations

import json
import sys

import pytest

from briefing.engine.aggregate import Options, aggregate
from briefing.errors import InputError
from tests.conftest import REPO, invoke
from tests.engine_helpers import authorship, work, write_jsonl

sys.path.insert(0, str(REPO / "bench"))
import gen_works  # noqa: E402

TABLES = ("pairs.parquet", "country_output.parquet", "partners.parquet")
WORKS = 20_000


@pytest.mark.slow
def test_duckdb_and_spark_agree_exactly_on_generated_works(tmp_path, mirror, spark_local):
    gen_works.generate(WORKS, tmp_path / "works", part_size=WORKS // 4, fmt="parquet", mirror=mirror)
    duck = aggregate([tmp_path / "works"], tmp_path / "duckdb", Options(engine="duckdb"))
    spark = aggregate([tmp_path / "works"], tmp_path / "spark", Options(engine="spark", master=spark_local))
    assert duck.works == spark.works == WORKS
    assert duck.works_with_corresponding == spark.works_with_corresponding
    for name in TABLES:
        assert (tmp_path / "duckdb" / name).read_bytes() == (tmp_path / "spark" / name).read_bytes(), name
    assert duck.rows["pairs"] > WORKS // 2 and duck.rows["partners"] > WORKS // 4


def test_spark_reads_json_lines_scopus_and_fields_like_duckdb(tmp_path, mirror, spark_local):
    works = [work(1, authorship("JP", corresponding=True), authorship("KR")),
             work(2, authorship("CN", "US", corresponding=True), authorship("TW", institutions=["TW", None]),
                  field=None),
             work(3, authorship(institutions=["DE"]), authorship("FR", corresponding=None), year=2023)]
    source = write_jsonl(tmp_path / "w.jsonl.gz", works)
    scopus = mirror / "samples/scopus_export_58rec.csv"
    for level in ("field", "subfield"):
        for engine in ("duckdb", "spark"):
            aggregate([source, scopus], tmp_path / f"{engine}-{level}",
                      Options(engine=engine, master=spark_local, field_level=level))
        for name in TABLES:
            assert (tmp_path / f"duckdb-{level}" / name).read_bytes() == (tmp_path / f"spark-{level}" / name).read_bytes()


@pytest.mark.parametrize(("line", "expected"), [
    ('{"id": "W9", "publication_year": 2020, "authorships": [', "line 2: not valid JSON"),
    (json.dumps(work(9, authorship("JP", "QQ"))), "line 2: unknown country code 'QQ'"),
    (json.dumps({**work(9, authorship("JP")), "publication_year": None}), "line 2: missing required field publication_year"),
])
def test_spark_names_the_broken_line(tmp_path, spark_local, line, expected):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(work(1, authorship("JP"))) + "\n" + line + "\n")
    with pytest.raises(InputError) as raised:
        aggregate([path], tmp_path / "out", Options(engine="spark", master=spark_local))
    assert expected in str(raised.value)
    assert not (tmp_path / "out").exists()


def test_cli_with_spark_engine(tmp_path, spark_local):
    """`briefing aggregate --engine spark`, called in-process after the other Spark tests (it
    stops the session at its end, as the command does): no second JVM is started for it."""
    source = write_jsonl(tmp_path / "w.jsonl.gz", [work(1, authorship("JP", corresponding=True), authorship("US"))])
    result = invoke("aggregate", "--records", str(source), "--engine", "spark", "--master", spark_local,
                    "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "works/s (spark)" in " ".join(result.stdout.split())
    assert (tmp_path / "out" / "pairs.parquet").is_file()
    # A broken line through the command: Spark's message (test_spark_names_the_broken_line) and
    # the CLI's exit 2 for any InputError (test_bad_input) are each proved once, in-process.
