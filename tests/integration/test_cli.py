"""The CLI end to end into a temporary folder: HTML produced, nothing re-executed on a
second run, the same bytes from two clean builds (this one and the session's shared CI
build, made in-process), and a section failure reported."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.conftest import copy_project, invoke, run_cli, tree_bytes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, mirror, ci_build):
    """A clean build by the command line, and the shared CI build (another clean one)."""
    first = tmp_path_factory.mktemp("first")
    result = run_cli("build", "--params", "params/ci.yml", "--workdir", str(first), "--mirror", str(mirror),
                     "--jobs", "2")
    assert result.returncode == 0, result.stderr
    return first, ci_build.work, [result]


def test_build_produces_html_pages(two_builds):
    first, _, runs = two_builds
    html = first / "_build" / "ci" / "html"
    index = (html / "index.html").read_text()
    funding = (html / "funding.html").read_text()
    assert "Research collaboration briefing (CI edition)" in index
    assert 'href="funding.html"' in index
    assert re.search(r"Figure(&nbsp;|\u00a0| )\d+\.1</a>:", funding)  # the number is a permalink
    assert 'class="vl-spec"' in funding and 'class="chart-fallback"' in funding
    assert 'href="figures/fig-gerd-intensity.csv"' in funding
    assert (html / "assets" / "vega.js").stat().st_size > 100_000
    assert "commit" in funding and "mirror-" in funding
    assert "ran funding" in runs[0].stderr or "run: funding" in runs[0].stdout


def test_second_build_executes_nothing(two_builds, mirror):
    first, _, _ = two_builds
    cache = first / "_build" / "ci" / "cache" / "funding.json"
    before = cache.read_bytes()
    executed = (first / "_build" / "ci" / "notebooks" / "funding.ipynb").stat().st_mtime_ns
    again = run_cli("build", "--params", "params/ci.yml", "--workdir", str(first), "--mirror", str(mirror))
    assert again.returncode == 0, again.stderr
    assert "nothing to run" in again.stdout and "validate: up to date" in again.stdout
    assert "render: up to date" in again.stdout
    assert cache.read_bytes() == before
    assert (first / "_build" / "ci" / "notebooks" / "funding.ipynb").stat().st_mtime_ns == executed


def test_two_clean_builds_give_identical_data_findings_and_figures(two_builds):
    first, second, _ = two_builds
    for part in ["_build/ci/findings", "figures/ci", "_build/ci/book"]:
        assert tree_bytes(first / part) == tree_bytes(second / part), part
    for table in ["pairs", "country_output", "rd_indicators", "facts"]:
        path = f"_build/ci/data/{table}.parquet"
        assert (first / path).read_bytes() == (second / path).read_bytes(), table
    html_a, html_b = tree_bytes(first / "_build/ci/html"), tree_bytes(second / "_build/ci/html")
    assert html_a == html_b


def test_help_on_every_command():
    for command in ["fetch", "validate", "run", "render", "build"]:
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "--params" in result.stdout, command


def test_failing_section_exits_1_names_cell_and_keeps_notebook(tmp_path, mirror):
    project = copy_project(tmp_path / "project")
    notebook = json.loads((project / "notebooks" / "funding.ipynb").read_text())
    boom = {"cell_type": "code", "execution_count": None, "id": "boom", "metadata": {}, "outputs": [],
            "source": ["raise ValueError('deliberate failure for the test')"]}
    notebook["cells"].insert(3, boom)
    (project / "notebooks" / "funding.ipynb").write_text(json.dumps(notebook))
    work = tmp_path / "work"
    result = invoke("build", "--params", "params/ci.yml", "--workdir", str(work), "--mirror", str(mirror),
                    cwd=project)
    assert result.returncode == 1, result.stderr
    message = " ".join(result.stderr.split())
    assert "section 'funding' failed in cell 4: ValueError: deliberate failure for the test" in message
    assert (work / "_build" / "ci" / "notebooks" / "funding.ipynb").is_file()
    assert not (work / "_build" / "ci" / "findings" / "funding.json").exists()
    assert not (work / "_build" / "ci" / "html").exists()
    shutil.rmtree(project)
