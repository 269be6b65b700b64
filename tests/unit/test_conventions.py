"""House conventions (docs/architecture.md), checked on the files as committed."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from briefing.infra.workspace import Workspace
from briefing.report.book import EMBED, chapter_files

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CHAPTERS = sorted((REPO / "chapters").glob("*.qmd"))
TYPED_NUMBER = re.compile(r"(^|[^#@{/.\w-])\b[0-9]{1,3}(\.[0-9]+)?\s?%|\b[0-9]{1,3}(,[0-9]{3})+\b")


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_a_thin_template(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["language"] == "python"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", []), "first code cell must be tagged parameters"
    for node in ast.parse("".join(code[0]["source"])).body:
        assert isinstance(node, ast.Assign), "parameters cell holds assignments only"
        assert isinstance(node.value, (ast.Constant, ast.List)), "parameters are primitives"
        if isinstance(node.value, ast.List):
            assert all(isinstance(e, ast.Constant) for e in node.value.elts)
    for cell in code:
        tree = ast.parse("".join(cell["source"]))
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))], \
            "no def, class or lambda in notebooks: logic goes in src/briefing"
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "merge"], \
            "no merges in notebooks"
        assert cell.get("outputs", []) == [] and cell.get("execution_count") is None, "commit without outputs"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapters_type_no_numbers_and_embed_existing_notebooks(path):
    text = path.read_text()
    prose = [line for line in text.splitlines() if "{{<" not in line]
    hits = [line for line in prose if TYPED_NUMBER.search(line)]
    assert hits == [], f"numbers typed into {path.name}: {hits}"
    for match in EMBED.finditer(text):
        assert (path.parent / match["path"]).resolve().is_file(), match["path"]


def test_every_chapter_is_in_the_book():
    listed = set(chapter_files(Workspace(REPO, REPO)))
    assert listed == {p.name for p in CHAPTERS}


def test_adapters_match_the_light_source_list():
    from briefing.sources.adapters import ADAPTERS
    from briefing.tables import SOURCES

    assert sorted(ADAPTERS) == SOURCES


def test_an_up_to_date_build_does_not_load_the_heavy_libraries():
    """The warm path (hashing and comparing) must not import pandas, pandera, Altair or papermill."""
    import subprocess
    import sys

    code = ("import sys, briefing.cli, briefing.stages.build, briefing.stages.publish, briefing.stages.run; "
            "print(sorted(m for m in ('pandas', 'pandera', 'altair', 'papermill') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
