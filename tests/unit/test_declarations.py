"""Each section's declarations beside its notebook (`notebooks/<section>.meta.yml`): they load,
the notebook's parameters cell agrees with them, the notebook names finding families and
carries no id literal or typed sentence, the README's id table is theirs, and a declaration
that breaks a rule is refused naming the file and key."""

from __future__ import annotations

import ast
import json
import re

import pytest

from briefing.config import load_edition
from briefing.errors import InputError
from briefing.findings.meta import id_table, load_meta, meta_path, notebook_metas
from briefing.infra.notebooks import declared_parameters
from tests.conftest import DEFAULT_PARAMS, REPO

NOTEBOOKS = REPO / "notebooks"
SECTIONS = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
EDITION_WIDE = set(load_edition(DEFAULT_PARAMS).notebook_parameters("funding")) - {"indicators", "gbard_countries"} \
    | {"build_dir", "output_dir"}


def code_literals(section: str) -> list[str]:
    """Every string literal in the notebook's code cells (f-strings' literal parts too)."""
    cells = json.loads((NOTEBOOKS / f"{section}.ipynb").read_text(encoding="utf-8"))["cells"]
    found = []
    for cell in cells:
        if cell["cell_type"] == "code" and "parameters" not in cell["metadata"].get("tags", []):
            tree = ast.parse("".join(cell["source"]))
            found += [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return found


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_declares_itself_beside_its_notebook(section):
    meta = load_meta(meta_path(NOTEBOOKS, section))
    assert meta.section == section and meta.findings


@pytest.mark.parametrize("section", SECTIONS)
def test_the_parameters_cell_holds_the_declared_defaults_and_the_editions_parameters(section):
    meta = load_meta(meta_path(NOTEBOOKS, section))
    cell = declared_parameters(NOTEBOOKS / f"{section}.ipynb")
    assert {k: cell[k] for k in meta.parameters if k in cell} == meta.defaults()
    assert set(meta.parameters) <= set(cell), "a declared parameter the notebook does not take"
    assert set(cell) - set(meta.parameters) <= EDITION_WIDE, "a section parameter the declarations do not name"


@pytest.mark.parametrize("section", SECTIONS)
def test_notebooks_name_families_and_carry_no_id_literal_or_typed_sentence(section):
    meta = load_meta(meta_path(NOTEBOOKS, section))
    literals = code_literals(section)
    dotted = [s for s in literals if re.fullmatch(r"[a-z_]+(\.[\w{}-]+)+", s)]
    assert set(dotted) <= set(meta.findings), f"not a declared family: {sorted(set(dotted) - set(meta.findings))}"
    sentences = [s for s in literals if len(s.split()) > 3]
    assert sentences == [], "text typed in the notebook: declare it (captions, source notes) or write it in prose/"


def test_the_readmes_id_table_is_the_declarations():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    expected = id_table(notebook_metas(NOTEBOOKS))
    assert expected in readme, "README.md's finding-id table differs from the declarations; it should be:\n" + expected


BASE = """section: demo
title: Demo
findings:
  demo.works:
    id: demo.works.{pair}.{year}
    label: Works, {pair_name}, {year}
    unit: works
    source: openalex
    about: Works.
"""


def write(tmp_path, text: str):
    path = tmp_path / "demo.meta.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_declaration_matches_its_ids_back(tmp_path):
    family = load_meta(write(tmp_path, BASE)).family("demo.works")
    assert family.format_id({"pair": "JP-KR", "year": 2023}) == "demo.works.JP-KR.2023"
    assert family.pattern.match("demo.works.JP-KR.2023")["pair"] == "JP-KR"
    assert not family.pattern.match("demo.works.JP-KR")


@pytest.mark.parametrize(("change", "rule"), [
    (("label: Works, {pair_name}, {year}", "label: Works in {region_name}, {pair_name}, {year}"),
     "label names 'region_name', which the id"),
    (("id: demo.works.{pair}.{year}", "id: demo.works.{pairs}.{year}"), "'pairs' is not a key"),
    (("id: demo.works.{pair}.{year}", "id: demo.works.JP-KR"), "names no key"),
    (("unit: works", "unit: widgets"), "unit 'widgets' is not registered"),
    (("    about: Works.\n", "    about: Works.\n    figure: fig-nowhere\n"), "is not a declared figure"),
    (("title: Demo\n", "title: Demo\nextra: 1\n"), "unknown key"),
])
def test_a_declaration_that_breaks_a_rule_is_bad_input_naming_the_file_and_key(tmp_path, change, rule):
    with pytest.raises(InputError, match=re.escape(rule)) as error:
        load_meta(write(tmp_path, BASE.replace(*change)))
    assert "demo.meta.yml" in str(error.value)


def test_a_declaration_under_another_sections_name_is_refused(tmp_path):
    with pytest.raises(InputError, match="names 'demo', but the file is not demo.meta.yml"):
        load_meta((tmp_path / "other.meta.yml").write_text(BASE) and tmp_path / "other.meta.yml")
