"""`briefing aggregate` end to end: the tables and throughput, and bad input of each
kind (exit 2, one message naming the file and line, nothing written)."""

from __future__ import annotations

import json
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO, run_cli
from tests.engine_helpers import authorship, work, write_jsonl

sys.path.insert(0, str(REPO / "bench"))
import gen_works  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory, mirror):
    folder = tmp_path_factory.mktemp("generated")
    gen_works.generate(3000, folder, part_size=1000, fmt="both", mirror=mirror)
    return folder


def test_aggregate_writes_tables_and_prints_throughput(generated, tmp_path, mirror):
    out = tmp_path / "out"
    result = run_cli("aggregate", "--records", str(generated / "jsonl"), str(mirror / "samples/scopus_export_58rec.csv"),
                     "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "aggregated 3,058 works" in text and "works/s (duckdb)" in text
    assert sorted(p.name for p in out.iterdir()) == ["aggregate.json", "country_output.parquet", "pairs.parquet",
                                                     "partners.parquet"]
    output = pd.read_parquet(out / "country_output.parquet")
    assert set(output["source"]) == {"openalex", "scopus"}
    assert {(c, a) for c, a in zip(output["counting"], output["attribution"], strict=True)} == {
        ("full", "all"), ("fractional", "all"), ("full", "corresponding"), ("fractional", "corresponding")}
    manifest = json.loads((out / "aggregate.json").read_text())
    assert manifest["works"] == 3058 and len(manifest["inputs"]) == 4


def test_parquet_and_json_lines_give_the_same_bytes(generated, tmp_path):
    for fmt in ("jsonl", "parquet"):
        result = run_cli("aggregate", "--records", str(generated / fmt), "--out", str(tmp_path / fmt))
        assert result.returncode == 0, result.stderr
    for name in ("pairs", "country_output", "partners"):
        assert (tmp_path / "jsonl" / f"{name}.parquet").read_bytes() == \
            (tmp_path / "parquet" / f"{name}.parquet").read_bytes()


def test_generator_is_seeded(tmp_path, mirror):
    first = gen_works.generate(500, tmp_path / "a", part_size=200, fmt="both", mirror=mirror)
    second = gen_works.generate(500, tmp_path / "b", part_size=200, fmt="both", mirror=mirror)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    other = gen_works.generate(500, tmp_path / "c", seed=7, part_size=200, fmt="jsonl", mirror=mirror)
    assert other[0].read_bytes() != first[0].read_bytes()


GOOD = work(1, authorship("JP", corresponding=True), authorship("KR"))


def jsonl_lines(tmp_path, *lines: str):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + "".join(line + "\n" for line in lines))
    return path


def truncated_gzip(tmp_path):
    path = write_jsonl(tmp_path / "cut.jsonl.gz", [work(i, authorship("JP"), authorship("KR")) for i in range(2000)])
    path.write_bytes(path.read_bytes()[:3000])
    return path


@pytest.mark.parametrize(("make", "expected"), [
    (truncated_gzip, "cut.jsonl.gz: cannot read file (Compressed file ended"),
    (lambda t: t / "missing.jsonl.gz", "missing.jsonl.gz: no such file"),
    (lambda t: jsonl_lines(t, '{"id": "W2", "publication_year": 2020, "authorships": [}'),
     "bad.jsonl, line 2: not valid JSON"),
    (lambda t: jsonl_lines(t, json.dumps({**GOOD, "id": None})), "bad.jsonl, line 2: missing required field id"),
    (lambda t: jsonl_lines(t, json.dumps({k: v for k, v in GOOD.items() if k != "publication_year"})),
     "bad.jsonl, line 2: missing required field publication_year"),
    (lambda t: jsonl_lines(t, json.dumps(work(3, authorship("JP", "ZZ")))),
     "bad.jsonl, line 2: unknown country code 'ZZ' in authorships[0]"),
    (lambda t: write_jsonl(t / "bad.jsonl.gz", [GOOD, GOOD, work(4, authorship("KR", institutions=["KS"]))]),
     "bad.jsonl.gz, line 3: unknown country code 'KS'"),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, make, expected):
    out = tmp_path / "out"
    result = run_cli("aggregate", "--records", str(make(tmp_path)), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert expected in " ".join(result.stderr.split())
    assert result.stderr.count("error:") == 1
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if ".scratch" in p.name]


def test_parquet_without_required_column(tmp_path):
    path = tmp_path / "works.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "W1", "authorships": []}]), path)
    result = run_cli("aggregate", "--records", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "works.parquet: missing required column(s) ['publication_year']" in " ".join(result.stderr.split())


def test_out_folder_with_other_files_is_refused(tmp_path):
    source = write_jsonl(tmp_path / "w.jsonl.gz", [GOOD])
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.md").write_text("mine")
    result = run_cli("aggregate", "--records", str(source), "--out", str(out))
    assert result.returncode == 2 and "--out holds other files (notes.md)" in " ".join(result.stderr.split())
    assert (out / "notes.md").read_text() == "mine"


def test_a_record_over_64_mb_is_read(tmp_path):
    """The reader starts with a 64 MB cap per record (faster) and reads again when one is larger."""
    from briefing.engine.duckdb_engine import MAX_OBJECT_BYTES
    from tests.engine_helpers import run

    big = work(2, *[authorship("KR"), authorship("CN", corresponding=True)] * 60_000)
    for a in big["authorships"]:
        a["raw_affiliation_strings"] = ["Department of Physics, " + "x" * 500]
    assert len(json.dumps(big)) > MAX_OBJECT_BYTES
    tables = run(tmp_path, [GOOD, big])
    assert tables["result"].works == 2
    pairs = tables["pairs"]
    full = pairs[(pairs["counting"] == "full") & (pairs["attribution"] == "all")]
    assert sorted(zip(full["country_a"], full["country_b"], full["works"], strict=True)) == [
        ("CN", "KR", 1.0), ("JP", "KR", 1.0)]


def test_unknown_code_names_the_file_that_holds_it(tmp_path):
    """Codes are checked after counting; the message still names the file and line."""
    first = write_jsonl(tmp_path / "a.jsonl.gz", [GOOD, GOOD])
    second = write_jsonl(tmp_path / "b.jsonl.gz", [GOOD, GOOD, GOOD, work(5, authorship("JP"), authorship("XK"),
                                                                          authorship("QQ"))])
    result = run_cli("aggregate", "--records", str(first), str(second), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert "b.jsonl.gz, line 4: unknown country code 'QQ' in authorships[2]" in " ".join(result.stderr.split())
