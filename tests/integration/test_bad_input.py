"""Hostile input, case by case: parameters, every importer's files, the curated tables,
chapters and sections. Each case runs against a work folder that already holds a
published site (a copy of the CI build) and must stop with exit status 2 (1 for a
section that fails), one message naming the file and line, or the key, and the rule
broken, and leave `_site/` byte-identical; refused input writes nothing at all.

The commands run in-process (the CLI's start is tested in test_cli.py). Cases that must
write nothing share one copy of the build, each proving it unchanged; cases that write
(a new snapshot, an executed notebook) or tamper with it get their own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, copy_project, invoke, tree_bytes

pytestmark = pytest.mark.slow


def copy_of_build(folder: Path, ci_build) -> Path:
    work = folder / "work"
    shutil.copytree(ci_build.work, work)
    assert (work / "_site" / "ci" / "v1" / "index.html").is_file()
    return work


@pytest.fixture(scope="module")
def published(tmp_path_factory, ci_build) -> Path:
    """A copy of the CI build's work folder (snapshots, tables, sections and the published
    ci/v1) that the cases writing nothing share."""
    return copy_of_build(tmp_path_factory.mktemp("published"), ci_build)


@pytest.fixture
def own_copy(tmp_path, ci_build) -> Path:
    """A copy of the CI build's work folder for one case that writes or tampers."""
    return copy_of_build(tmp_path, ci_build)


def work_files(work: Path) -> dict[str, bytes]:
    """Everything in the work folder but the lock file the CLI holds while it writes."""
    return {name: data for name, data in tree_bytes(work).items() if name != ".briefing.lock"}


def build(work: Path, params: Path | str = "params/ci.yml", mirror: Path | None = None, cwd: Path = REPO):
    args = ["build", "--params", str(params), "--workdir", str(work)]
    return invoke(*args, *(["--mirror", str(mirror)] if mirror else []), cwd=cwd)


def refused(result, status: int = 2) -> str:
    """The one error message of a refused command, on one line."""
    assert result.returncode == status, result.stdout + result.stderr
    message = " ".join(result.stderr.split())
    assert message.count("error:") + message.count("section failed:") == 1, message
    return message


def params_with(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load((REPO / "params" / "ci.yml").read_text())
    data.update(changes)
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump(data))
    return path


def ci_sections(**overrides) -> dict:
    sections = yaml.safe_load((REPO / "params" / "ci.yml").read_text())["sections"]
    for name, values in overrides.items():
        sections[name] = {**(sections.get(name) or {}), **values}
    return sections


# Parameters ---------------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "expected"), [
    ({"unknown_key": 1}, "key 'unknown_key': unknown key"),
    ({"window": {"start": 2015, "end": "2020"}}, "key 'window.end': Input should be a valid integer"),
    ({"window": {"start": 2022, "end": 2015}}, "start (2022) is after end (2015)"),
    ({"window": {"start": 1850, "end": 2020}}, "key 'window.start': Input should be greater than or equal to 1900"),
    ({"window": {"start": 2015, "end": 2300}}, "key 'window.end': Input should be less than or equal to 2100"),
    ({"title": 42}, "key 'title': Input should be a valid string"),
    ({"focus_pair": ["JP", "KR", "CN"]}, "key 'focus_pair': List should have at most 2 items"),
    ({"countries": ["JP", "KR", "QQ"]}, "key 'countries': Value error, item 2: 'QQ' is not an ISO 3166-1"),
    ({"edition": "../x"}, "key 'edition': String should match pattern"),
    ({"sections": {"funding": {"no_such_parameter": 3}}},
     "params key 'sections.funding.no_such_parameter': not a parameter of notebooks/funding.ipynb"),
    ({"sections": ci_sections(partnership={"top_pairs": "five"})},
     "params key 'sections.partnership.top_pairs': must be an integer, like the notebook's default 8 (got 'five')"),
    ({"sections": {"nonexistent": {}}}, "no notebook notebooks/nonexistent.ipynb"),
    ({"sections": ci_sections(funding={"seed_budget_facts": ["seed.nope.JP.2020"]})},
     "params key 'sections.funding.seed_budget_facts': fact id 'seed.nope.JP.2020' is not in data/curated/facts.csv"),
])
def test_bad_parameters_exit_2_and_write_nothing(tmp_path, published, mirror, changes, expected):
    before = work_files(published)
    message = refused(build(published, params_with(tmp_path, **changes), mirror))
    assert expected in message
    # Parameter errors are found before anything is written (a notebook's parameters after
    # the snapshots, which are unchanged): the whole work folder is as it was.
    assert work_files(published) == before


def test_params_file_that_is_not_yaml_names_its_line(tmp_path, published, mirror):
    params = tmp_path / "broken.yml"
    params.write_text("edition: ci\ntitle: [unclosed\n")
    before = work_files(published)
    message = refused(build(published, params, mirror))
    assert f"{params}: not valid YAML" in message and "line 2" in message
    assert work_files(published) == before


# Source files, one importer after another ---------------------------------------------

def corrupt(mirror: Path, tmp_path: Path, source: str, name: str, change) -> Path:
    """A mirror of links to the real files, but `source/name`, a changed copy."""
    copy = tmp_path / "mirror"
    for path in mirror.rglob("*"):
        if path.is_file():
            target = copy / path.relative_to(mirror)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
    path = copy / source / name
    path.unlink()
    path.write_bytes(change((mirror / source / name).read_bytes()))
    return copy


WDI = "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv"
PAIRS = "country_pairs_1990_2023.csv"
OECD = "OECD.STI.STP,DSD_RDS_GERD@DF_GERD_TOE,1.0.csv"
NCSES_PAIRS = "sei2024_intl_coauthored_pairs_2003_2022.csv"


def replace_line(line_no: int, new: bytes):
    def change(data: bytes) -> bytes:
        lines = data.split(b"\n")
        lines[line_no - 1] = new
        return b"\n".join(lines)
    return change


def repeat_line_starting(prefix: bytes):
    def change(data: bytes) -> bytes:
        lines = data.split(b"\n")
        at = next(i for i, line in enumerate(lines) if line.startswith(prefix))
        return b"\n".join(lines[:at + 1] + lines[at:])
    return change


def drop_last_column(data: bytes) -> bytes:
    return b"\n".join(b",".join(line.split(b",")[:-1]) for line in data.split(b"\n"))


@pytest.mark.parametrize(("source", "name", "change", "expected"), [
    # OpenAlex pair counts
    ("openalex", PAIRS, lambda d: d[: len(d) // 2], "country_pairs_1990_2023.csv, line"),
    ("openalex", PAIRS, replace_line(3, b"1990,AE,AU,-4"), "line 3, column 'works': must be >= 0"),
    ("openalex", PAIRS, replace_line(3, b"1990,AE,AU,four"), "line 3, column 'works': not an integer"),
    ("openalex", PAIRS, replace_line(3, b"1990,AE,ZQ,4"), "line 3, column 'country_b': unknown country code"),
    ("openalex", PAIRS, replace_line(3, b"1990,AE,AE,40"), "line 3: duplicate key"),
    ("openalex", PAIRS, replace_line(3, b"1850,AE,AU,4"), "line 3, column 'year': must be >= 1900 (got '1850')"),
    ("openalex", PAIRS, replace_line(3, b"2300,AE,AU,4"), "line 3, column 'year': must be <= 2100 (got '2300')"),
    ("openalex", PAIRS, drop_last_column, "missing column(s) ['works']"),
    ("openalex", PAIRS, lambda d: d.replace(b",", b";"), "missing column(s) ['year', 'country_a'"),
    ("openalex", PAIRS, replace_line(3, b"1990,AE,AU,4,5"),
     "line 3: not a well-formed CSV (a row of 5 cells under a header of 4)"),
    ("openalex", PAIRS, lambda d: d.replace(b"\n", b"\n\n", 1).replace(b"\n1990,AE,AU,", b"\n1990,AE,AU,-", 1),
     "line 4, column 'works': must be >= 0"),  # a blank line after the header: the row is on line 4
    ("openalex", PAIRS, lambda d: b"", "file is empty"),
    ("openalex", PAIRS, lambda d: d.decode().encode("utf-16"), "line 1: not valid UTF-8"),
    # World Bank WDI bulk CSV
    ("worldbank", WDI, lambda d: d.replace(b'"Japan"', "Japón".encode("latin-1")), "not valid UTF-8"),
    ("worldbank", WDI, lambda d: d.replace(b'"JPN"', b'"JPX"'), "not an ISO 3166-1 alpha-3 code"),
    ("worldbank", WDI, lambda d: d[: len(d) // 2], "not a well-formed CSV (unexpected end of data)"),
    ("worldbank", WDI, lambda d: d.replace(b'"3.44125', b'"3.4x125', 1), "line 124, column 'cell': not a number"),
    ("worldbank", WDI, lambda d: d.replace(b'"3.44125', b'"-3.44125', 1), "line 124, column 'cell': must be >= 0"),
    ("worldbank", WDI, repeat_line_starting(b'"Japan"'), "line 125: duplicate key (Country Code=JPN"),
    # OECD SDMX-CSV
    ("oecd", OECD, lambda d: d.replace(b",V,Current prices,2012,,", b",V,Current prices,2012,,x", 1),
     "column 'OBS_VALUE': not a number"),
    ("oecd", OECD, lambda d: d.replace(b",V,Current prices,2012,,", b",V,Current prices,2300,,", 1),
     "line 2, column 'TIME_PERIOD': must be <= 2100 (got '2300')"),
    ("oecd", OECD, lambda d: b"", "file is empty"),
    # NCSES Science and Engineering Indicators tables
    ("ncses", NCSES_PAIRS, lambda d: d.replace(b"South Korea", b"Korea South"), "unknown country name"),
    ("ncses", NCSES_PAIRS, lambda d: d.replace(b"year,country,partner,articles", b"year,country,partner,count", 1),
     "missing column(s) ['articles']"),
    ("ncses", NCSES_PAIRS, lambda d: d.replace(b"2003,World,Canada,19747", b"2003,World,Canada,-19747", 1),
     "line 3, column 'articles': must be >= 0"),
    ("ncses", NCSES_PAIRS, lambda d: d.replace(b"2003,World,Canada,19747", b"1850,World,Canada,19747", 1),
     "line 3, column 'year': must be >= 1900"),
])
def test_malformed_source_exits_2_and_writes_nothing(tmp_path, published, mirror, source, name, change, expected):
    bad_mirror = corrupt(mirror, tmp_path, source, name, change)
    before = work_files(published)
    message = refused(build(published, mirror=bad_mirror))
    assert expected in message and name in message
    # Files are parsed and validated before a snapshot is taken: no snapshot, no table,
    # no page changed.
    assert work_files(published) == before


def test_byte_order_mark_is_accepted_and_changes_no_table(tmp_path, own_copy, mirror):
    bom_mirror = corrupt(mirror, tmp_path, "openalex", PAIRS, lambda d: b"\xef\xbb\xbf" + d)
    site = tree_bytes(own_copy / "_site")
    tables = tree_bytes(own_copy / "_build" / "ci" / "data")
    for command in (["fetch", "--mirror", str(bom_mirror), "--source", "openalex"], ["validate"]):
        result = invoke(*command, "--params", "params/ci.yml", "--workdir", str(own_copy))
        assert result.returncode == 0, result.stderr
    # A new snapshot (the file's bytes differ), the same rows: only the provenance record moves.
    now = tree_bytes(own_copy / "_build" / "ci" / "data")
    assert {name for name in tables if tables[name] != now[name]} == {"inputs.json", "sources.json"}
    assert tree_bytes(own_copy / "_site") == site


# Curated tables (data/curated, in the project) -----------------------------------------

@pytest.mark.parametrize(("name", "old", "new", "expected"), [
    ("events.csv", b"ev.intl.2005.a3_foresight,2005,year,INTL,", b"ev.intl.2005.a3_foresight,2005,year,XX,",
     "events.csv, line 2, column 'jurisdiction': not an ISO 3166-1 alpha-2 country code"),
    ("events.csv", b"ev.intl.2005.a3_foresight,2005,", b"ev.intl.2005.a3_foresight,2005-13-45,",
     "events.csv, line 2, column 'date': date does not match its precision"),
    ("facts.csv", b",fuyuno2020,", b",nosuchdoc,", "facts.csv, line 2, column 'source_id': not a document"),
    ("country_names.csv", b"\nJP,Japan,", b"\nJX,Japan,", "country_names.csv, line 4, column 'code': not an ISO"),
])
def test_bad_curated_row_exits_2_and_writes_nothing(tmp_path, published, mirror, name, old, new, expected):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "curated" / name
    assert old in path.read_bytes()
    path.write_bytes(path.read_bytes().replace(old, new, 1))
    before = work_files(published)
    message = refused(build(published, project / "params" / "ci.yml", mirror, cwd=project))
    assert expected in message
    assert work_files(published) == before


# Snapshots, chapters and sections -------------------------------------------------------

def test_tampered_snapshot_stops_validate_and_keeps_tables(own_copy):
    snap_dir = next((own_copy / "data" / "raw" / "worldbank").glob("mirror-*"))
    csv_file = next(snap_dir.glob("*.csv"))
    csv_file.write_bytes(csv_file.read_bytes().replace(b"3.44125", b"9.44125"))
    before = work_files(own_copy)
    result = invoke("validate", "--params", "params/ci.yml", "--workdir", str(own_copy), "--force")
    assert f"{csv_file}: sha256 differs from snapshot.yml" in refused(result)
    assert work_files(own_copy) == before


def test_embed_of_unknown_label_exits_2(tmp_path, published):
    project = copy_project(tmp_path / "project")
    chapter = project / "chapters" / "funding.qmd"
    chapter.write_text(chapter.read_text() + "\n{{< embed ../notebooks/funding.ipynb#fig-not-there >}}\n")
    before = work_files(published)
    result = invoke("render", "--params", "params/ci.yml", "--workdir", str(published), "--force", cwd=project)
    message = refused(result)
    assert "funding.qmd, line" in message and "'fig-not-there'" in message
    assert work_files(published) == before


def test_section_raising_mid_run_exits_1_and_leaves_the_site(tmp_path, own_copy, mirror):
    """A section failing halfway through a rebuild (the first run of a fresh folder is
    tests/integration/test_cli.py::test_failing_section_exits_1_names_cell_and_keeps_notebook)."""
    project = copy_project(tmp_path / "project")
    path = project / "notebooks" / "partnership.ipynb"
    notebook = json.loads(path.read_text())
    middle = len(notebook["cells"]) // 2
    notebook["cells"].insert(middle, {"cell_type": "code", "execution_count": None, "id": "boom", "metadata": {},
                                      "outputs": [], "source": ["raise RuntimeError('source went away mid-run')"]})
    path.write_text(json.dumps(notebook))
    site = tree_bytes(own_copy / "_site")
    findings = (own_copy / "_build" / "ci" / "findings" / "partnership.json").read_bytes()
    message = refused(build(own_copy, mirror=mirror, cwd=project), status=1)
    assert "section 'partnership' failed in cell" in message
    assert "RuntimeError: source went away mid-run" in message
    assert (own_copy / "_build" / "ci" / "notebooks" / "partnership.ipynb").is_file()
    assert (own_copy / "_build" / "ci" / "findings" / "partnership.json").read_bytes() == findings
    assert tree_bytes(own_copy / "_site") == site
