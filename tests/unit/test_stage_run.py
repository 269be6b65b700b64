"""stages/run without executing a notebook: what is injected and checked before a section
runs (overrides, their types, cited fact ids), the cache key's parts, and freshness."""

from __future__ import annotations

import json

import pytest

from briefing.config import load_edition
from briefing.errors import InputError
from briefing.sources.curated import read_facts
from briefing.sources.documents import curated_inputs
from briefing.stages import run as run_stage
from briefing.stages.run import _check_type, _code_cell_number, is_fresh, plan_section
from tests.conftest import CI_PARAMS


@pytest.fixture
def validated(workspace):
    """A workspace with what planning reads: inputs.json and the curated facts table."""
    data = workspace.data("ci")
    data.mkdir(parents=True)
    (data / "inputs.json").write_text(json.dumps({"snapshots": {"openalex": {"snapshot_id": "mirror-1"}}}))
    inputs = curated_inputs(workspace, load_edition(CI_PARAMS))
    facts = read_facts(inputs.tables / "facts.csv", inputs.documents)
    facts.to_parquet(data / "facts.parquet")
    return workspace


def edition_with(**sections):
    edition = load_edition(CI_PARAMS)
    return edition.model_copy(update={"sections": {**edition.sections, **sections}})


def test_injects_the_declared_parameters_and_the_folders(validated):
    plan = plan_section(validated, edition_with(), "funding")
    assert plan.parameters["window_start"] == 2018 and plan.parameters["edition"] == "ci"
    assert plan.parameters["output_dir"] == str(validated.build("ci") / "stage" / "funding")
    assert plan.key == plan_section(validated, edition_with(), "funding").key


@pytest.mark.parametrize("change", ["parameter", "inputs", "code"])
def test_the_key_moves_with_parameters_inputs_and_the_notebooks_code(validated, monkeypatch, change):
    before = plan_section(validated, edition_with(), "funding").key
    edition = edition_with()
    if change == "parameter":
        edition = edition_with(funding={"gbard_countries": ["KR", "JP"]})
    elif change == "inputs":
        (validated.data("ci") / "inputs.json").write_text(json.dumps({"snapshots": {}}))
    else:
        monkeypatch.setattr(run_stage, "notebook_fingerprint", lambda notebook: "edited")
    assert plan_section(validated, edition, "funding").key != before


@pytest.mark.parametrize(("sections", "where", "rule"), [
    ({"funding": {"nope": 1}}, "params key 'sections.funding.nope'", "not a parameter of notebooks/funding.ipynb"),
    ({"partnership": {"top_pairs": "8"}}, "params key 'sections.partnership.top_pairs'",
     "must be an integer, like the notebook's default 8 (got '8')"),
    ({"funding": {"gbard_countries": ["JP", 2]}}, "params key 'sections.funding.gbard_countries', item 1",
     "must be a string"),
    ({"funding": {"seed_budget_facts": ["seed.nope.JP.2020"]}}, "params key 'sections.funding.seed_budget_facts'",
     "fact id 'seed.nope.JP.2020' is not in data/curated/facts.csv"),
])
def test_bad_overrides_name_the_params_key(validated, sections, where, rule):
    with pytest.raises(InputError) as caught:
        plan_section(validated, edition_with(**sections), next(iter(sections)))
    assert str(caught.value).startswith(f"{where}: ") and rule in str(caught.value)


def test_a_section_without_a_notebook(validated):
    with pytest.raises(InputError, match="no notebook notebooks/nowhere.ipynb"):
        plan_section(validated, edition_with(nowhere={}), "nowhere")


def test_types_an_integer_may_stand_for_a_number():
    _check_type("k", 3, 0.5)
    with pytest.raises(InputError, match="must be true or false"):
        _check_type("k", 1, True)


def test_fresh_only_with_the_same_key_and_intact_outputs(validated):
    edition = edition_with()
    plan = plan_section(validated, edition, "funding")
    output = validated.work / "figures" / "ci" / "fig.svg"
    output.parent.mkdir(parents=True)
    output.write_text("<svg/>")
    assert not is_fresh(validated, edition, plan)
    record = {"key": plan.key, "outputs": {"figures/ci/fig.svg": run_stage.sha256_file(output)}}
    cache = validated.build("ci") / "cache" / "funding.json"
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps(record))
    assert is_fresh(validated, edition, plan)
    output.write_text("<svg>changed</svg>")
    assert not is_fresh(validated, edition, plan)


def test_a_failing_cell_is_counted_as_the_author_sees_it(tmp_path):
    notebook = tmp_path / "n.ipynb"
    cells = [{"metadata": {"tags": ["parameters"]}}, {"metadata": {"tags": ["injected-parameters"]}},
             {"metadata": {}}, {"metadata": {}}]
    notebook.write_text(json.dumps({"cells": cells}))
    assert _code_cell_number(notebook, 3) == 3  # papermill's index 3 is the author's third cell
    assert _code_cell_number(tmp_path / "missing.ipynb", 3) == 4


def test_unknown_sections_are_refused_before_anything_runs(validated):
    with pytest.raises(InputError, match=r"\['nope'\] not among this edition's sections"):
        run_stage.run_sections(validated, edition_with(), ["nope"])
