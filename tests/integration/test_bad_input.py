"""Bad input of each kind: exit status 2, one message naming the file, line or key and
the rule broken, and nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, copy_project, run_cli, tree_bytes


def params_with(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load((REPO / "params" / "ci.yml").read_text())
    data.update(changes)
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize(("changes", "expected"), [
    ({"unknown_key": 1}, "key 'unknown_key': unknown key"),
    ({"window": {"start": 2015, "end": "2020"}}, "key 'window.end': Input should be a valid integer"),
    ({"window": {"start": 2022, "end": 2015}}, "start (2022) is after end (2015)"),
    ({"countries": ["JP", "KR", "QQ"]}, "key 'countries': Value error, item 2: 'QQ' is not an ISO 3166-1"),
    ({"edition": "../x"}, "key 'edition': String should match pattern"),
    ({"sections": {"funding": {"no_such_parameter": 3}}},
     "params key 'sections.funding.no_such_parameter': not a parameter of notebooks/funding.ipynb"),
    ({"sections": {"nonexistent": {}}}, "no notebook notebooks/nonexistent.ipynb"),
])
def test_bad_parameters_exit_2_and_write_nothing(tmp_path, mirror, changes, expected):
    work = tmp_path / "work"
    result = run_cli("build", "--params", str(params_with(tmp_path, **changes)), "--workdir", str(work),
                     "--mirror", str(mirror))
    assert result.returncode == 2, result.stderr
    assert expected in " ".join(result.stderr.split())
    assert result.stderr.count("error:") == 1
    written = [p for p in work.rglob("*") if p.is_file()] if work.exists() else []
    # Parameter errors found before fetching leave nothing; a notebook-parameter error is
    # found after the (valid) snapshots are taken, and must leave no section output.
    assert not [p for p in written if "_build/ci/findings" in p.as_posix() or "/html/" in p.as_posix()]
    if "sections" not in changes:
        assert written == []


def corrupt(mirror: Path, tmp_path: Path, source: str, name: str, change) -> Path:
    copy = tmp_path / "mirror"
    shutil.copytree(mirror, copy)
    path = copy / source / name
    path.write_bytes(change(path.read_bytes()))
    return copy


WDI = "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv"
PAIRS = "country_pairs_1990_2023.csv"


def replace_line(line_no: int, new: bytes):
    def change(data: bytes) -> bytes:
        lines = data.split(b"\n")
        lines[line_no - 1] = new
        return b"\n".join(lines)
    return change


@pytest.mark.parametrize(("source", "name", "change", "expected"), [
    ("openalex", PAIRS, lambda d: d[: len(d) // 2], "country_pairs_1990_2023.csv, line"),
    ("openalex", PAIRS, replace_line(3, b"1990,AE,AU,-4"), "line 3, column 'works': must be >= 0"),
    ("openalex", PAIRS, replace_line(3, b"1990,AE,AU,four"), "line 3, column 'works': not an integer"),
    ("openalex", PAIRS, replace_line(3, b"1990,AE,ZQ,4"), "line 3, column 'country_b': unknown country code"),
    ("openalex", PAIRS, replace_line(3, b"1990,AE,AE,40"), "line 3: duplicate key"),
    ("openalex", PAIRS, lambda d: d.replace(b",", b";"), "missing column(s) ['year', 'country_a'"),
    ("openalex", PAIRS, lambda d: d.replace(b",", b";", 5), "not a well-formed CSV (Expected 2 fields in line 3, saw 4)"),
    ("openalex", PAIRS, lambda d: b"", "file is empty"),
    ("worldbank", WDI, lambda d: d.replace(b'"Japan"', "Japón".encode("latin-1")), "not valid UTF-8"),
    ("worldbank", WDI, lambda d: d.replace(b'"JPN"', b'"JPX"'), "not an ISO 3166-1 alpha-3 code"),
    ("ncses", "sei2024_intl_coauthored_pairs_2003_2022.csv", lambda d: d.replace(b"South Korea", b"Korea South"),
     "unknown country name"),
    ("oecd", "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv", lambda d: d.replace(b",V,Current prices,2012,,", b",V,Current prices,2012,,x", 1),
     "column 'OBS_VALUE': not a number"),
])
def test_malformed_source_exits_2_and_snapshots_nothing(tmp_path, mirror, source, name, change, expected):
    bad_mirror = corrupt(mirror, tmp_path, source, name, change)
    work = tmp_path / "work"
    result = run_cli("fetch", "--params", "params/ci.yml", "--workdir", str(work), "--mirror", str(bad_mirror))
    assert result.returncode == 2, result.stdout + result.stderr
    message = " ".join(result.stderr.split())
    assert expected in message and name in message
    assert not (work / "data" / "raw").exists() or not any((work / "data" / "raw").rglob("snapshot.yml"))


def test_byte_order_mark_is_accepted(tmp_path, mirror):
    bom_mirror = corrupt(mirror, tmp_path, "openalex", PAIRS, lambda d: b"\xef\xbb\xbf" + d)
    result = run_cli("fetch", "--params", "params/ci.yml", "--workdir", str(tmp_path / "w"), "--mirror",
                     str(bom_mirror), "--source", "openalex")
    assert result.returncode == 0, result.stderr


def test_tampered_snapshot_stops_validate_and_keeps_tables(ci_build):
    snap_dir = next((ci_build.raw / "worldbank").glob("mirror-*"))
    csv_file = next(snap_dir.glob("*.csv"))
    data_dir = ci_build.build("ci") / "data"
    before = tree_bytes(data_dir)
    original = csv_file.read_bytes()
    try:
        csv_file.write_bytes(original.replace(b"3.44125", b"9.44125"))
        result = run_cli("validate", "--params", "params/ci.yml", "--workdir", str(ci_build.work), "--force")
        assert result.returncode == 2
        assert "sha256 differs from snapshot.yml" in " ".join(result.stderr.split())
        assert tree_bytes(data_dir) == before
    finally:
        csv_file.write_bytes(original)


def test_embed_of_unknown_label_exits_2(tmp_path, ci_build):
    project = copy_project(tmp_path / "project")
    chapter = project / "chapters" / "funding.qmd"
    chapter.write_text(chapter.read_text() + "\n{{< embed ../notebooks/funding.ipynb#fig-not-there >}}\n")
    html = ci_build.build("ci") / "html"
    before = tree_bytes(html)
    result = run_cli("render", "--params", "params/ci.yml", "--workdir", str(ci_build.work), "--force", cwd=project)
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "funding.qmd, line" in message and "'fig-not-there'" in message
    assert tree_bytes(html) == before
