"""infra/notebooks: a notebook's declared parameters, as literals, with a line for each problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.infra.notebooks import declared_parameters
from tests.conftest import REPO


def notebook(tmp_path: Path, source: str, tags=("parameters",)) -> Path:
    path = tmp_path / "n.ipynb"
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# title"]},
             {"cell_type": "code", "metadata": {"tags": list(tags)}, "source": source.splitlines(keepends=True),
              "outputs": [], "execution_count": None}]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_literals_over_several_lines_and_with_equals_signs_inside(tmp_path):
    source = 'edition = "2025"  # the edition\nlabel = "a=b"\ncountries = [\n    "JP",  # Japan\n    "KR",\n]\nshare = 0.5\n'
    assert declared_parameters(notebook(tmp_path, source)) == {
        "edition": "2025", "label": "a=b", "countries": ["JP", "KR"], "share": 0.5}


@pytest.mark.parametrize(("source", "tags", "where", "rule"), [
    ("x = 1\ny = len([1])\n", ("parameters",), "parameters cell, line 2", "parameters must be literals"),
    ("x = (1\n", ("parameters",), "parameters cell, line 1", "not valid Python"),
    ("x = 1\n", ("other",), "", "no code cell tagged 'parameters'"),
])
def test_problems_name_the_cell_and_line(tmp_path, source, tags, where, rule):
    path = notebook(tmp_path, source, tags)
    with pytest.raises(InputError) as caught:
        declared_parameters(path)
    assert str(caught.value).startswith(f"{path}, {where}:" if where else f"{path}:") and rule in str(caught.value)


def test_not_a_notebook(tmp_path):
    path = tmp_path / "n.ipynb"
    path.write_text("{not json")
    with pytest.raises(InputError, match="not a readable notebook"):
        declared_parameters(path)


def test_every_section_notebook_declares_build_and_output_folders():
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        assert {"edition", "build_dir", "output_dir"} <= set(declared_parameters(path)), path.name
