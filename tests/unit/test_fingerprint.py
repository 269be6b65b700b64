"""infra/fingerprint: each stage's code key covers the modules it imports, transitively,
and nothing else. Edits are made in a copy of the package, never in the checkout."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from briefing.infra import fingerprint
from tests.conftest import REPO

NOTEBOOKS = REPO / "notebooks"


@pytest.fixture
def package(tmp_path, monkeypatch) -> Path:
    """A copy of src/briefing that the fingerprints read instead of the real one."""
    copy = tmp_path / "briefing"
    shutil.copytree(REPO / "src" / "briefing", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE_DIR", copy)
    fingerprint.module_files.cache_clear()
    fingerprint.import_graph.cache_clear()
    yield copy
    fingerprint.module_files.cache_clear()
    fingerprint.import_graph.cache_clear()


def keys() -> dict[str, str]:
    found = {nb.stem: fingerprint.notebook_fingerprint(nb) for nb in sorted(NOTEBOOKS.glob("*.ipynb"))}
    for stage in ("validate", "render"):
        found[stage] = fingerprint.code_fingerprint(f"briefing.stages.{stage}")
    found["package"] = fingerprint.package_fingerprint()  # what the methods appendix names
    return found


def edited(package: Path, relative: str) -> set[str]:
    """The keys that change when `relative` (in the package) gets one more line."""
    before = keys()
    path = package / relative
    path.write_text(path.read_text(encoding="utf-8") + "\n/* edited */\n" if path.suffix == ".css"
                    else path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    fingerprint.import_graph.cache_clear()
    after = keys()
    return {name for name in before if before[name] != after[name]}


def test_the_renderers_css_re_renders_and_re_executes_nothing(package):
    assert edited(package, "render/assets/briefing.css") == {"render", "package"}


def test_a_prose_module_re_executes_the_sections_that_import_it(package):
    assert edited(package, "prose/funding.py") == {"funding", "package"}


def test_an_adapter_re_validates_only(package):
    assert edited(package, "sources/worldbank.py") == {"validate", "package"}


def test_a_module_every_section_imports_through_another_counts(package):
    # metrics/facts.py is imported by the notebooks through prose and metrics modules, not only directly.
    changed = edited(package, "section.py")
    assert {"context", "decoupling", "funding", "partnership"} <= changed and "validate" not in changed


def test_lazy_imports_inside_functions_count_and_type_checking_imports_do_not():
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from briefing.live import http\n"
                     "def f():\n    from briefing.metrics import pairs\n    from briefing.section import Section\n")
    assert fingerprint.imported_modules(tree) == {"briefing.metrics.pairs", "briefing.section"}
    assert "briefing.engine.aggregate" in fingerprint.closure(["briefing.stages.validate"])  # a lazy import


def test_parent_packages_and_their_data_files_are_part_of_the_code():
    closure = fingerprint.closure(["briefing.render.html"])
    assert {"briefing", "briefing.render", "briefing.render.html"} <= closure
    files = {p.name for p in fingerprint._files(closure)}
    assert {"briefing.css", "page.html", "crossref.lua"} <= files


def test_notebook_imports_skip_magics(tmp_path):
    notebook = tmp_path / "n.ipynb"
    notebook.write_text('{"cells": [{"cell_type": "code", "source": ["%matplotlib inline\\n", '
                        '"from briefing.metrics import pairs\\n", "import briefing.prose.fmt"]}, '
                        '{"cell_type": "markdown", "source": ["import briefing.charts.theme"]}]}')
    assert fingerprint.notebook_modules(notebook) == {"briefing.metrics.pairs", "briefing.prose.fmt"}
