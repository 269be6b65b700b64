"""The command line: help on every command, and a section failure reported with its cell.
A clean build by the command line, its rerun and its determinism are tested with the
versions it publishes (test_publish.py), so that one build serves both."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import copy_project, invoke, run_cli

pytestmark = pytest.mark.slow


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
    failed = work / "_build" / "ci" / "failed" / "funding.ipynb"
    assert failed.is_file() and str(failed) in message
    assert not (work / "_build" / "ci" / "notebooks" / "funding.ipynb").exists()
    assert not (work / "_build" / "ci" / "findings" / "funding.json").exists()
    assert not (work / "_build" / "ci" / "html").exists()
    shutil.rmtree(project)
