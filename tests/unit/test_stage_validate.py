"""stages/validate on the real mirror's snapshots: tables written all at once, each sorted
by its key; up to date while snapshots, curated files and validate's own code are the
same; a change in any of them validates again."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from briefing.config import load_edition
from briefing.infra.workspace import Workspace
from briefing.stages import validate as validate_stage
from briefing.stages.fetch import fetch
from briefing.tables import FIELD_TABLES, INPUTS_FILE, KEYS, SOURCES_FILE, TABLES
from tests.conftest import CI_PARAMS, REPO, link_seeds

EDITION = load_edition(CI_PARAMS)


@pytest.fixture(scope="module")
def validated(tmp_path_factory, mirror) -> Workspace:
    folder = tmp_path_factory.mktemp("validate")
    project = folder / "project"
    (project / "data").mkdir(parents=True)
    shutil.copytree(REPO / "data" / "curated", project / "data" / "curated")
    shutil.copytree(REPO / "notebooks", project / "notebooks")  # the funding notebook's default indicators
    link_seeds(project)
    for name in ("sources.yml", "fields.yml", "indicators.yml"):
        shutil.copyfile(REPO / "data" / name, project / "data" / name)
    ws = Workspace(root=project, work=folder / "work")
    fetch(ws, mirror)
    assert validate_stage.validate(ws, EDITION)
    return ws


def test_every_table_is_written_sorted_by_its_key_with_its_provenance(validated):
    data = validated.data("ci")
    for name in TABLES:
        table = pd.read_parquet(data / f"{name}.parquet")
        assert len(table), name
        assert table[KEYS[name]].equals(table[KEYS[name]].sort_values(KEYS[name]).reset_index(drop=True)), name
    assert all((data / f"{name}.parquet").is_file() for name in FIELD_TABLES)
    inputs = json.loads((data / INPUTS_FILE).read_text())
    assert set(inputs["snapshots"]) == {"ncses", "oecd", "openalex", "worldbank"}
    assert inputs["code"] == validate_stage.code_fingerprint(validate_stage.__name__)
    assert set(json.loads((data / SOURCES_FILE).read_text())["datasets"]) == set(inputs["snapshots"])


def test_up_to_date_until_validates_own_code_changes(validated, monkeypatch):
    assert validate_stage.is_up_to_date(validated, EDITION)
    assert validate_stage.validate(validated, EDITION) is False
    monkeypatch.setattr(validate_stage, "code_fingerprint", lambda *roots: "edited")
    assert not validate_stage.is_up_to_date(validated, EDITION)


def test_a_curated_change_or_a_missing_table_validates_again(validated):
    facts = validated.curated / "facts.csv"
    original = facts.read_bytes()
    try:
        facts.write_bytes(original + b"\n")  # a blank line: same rows, other bytes
        assert not validate_stage.is_up_to_date(validated, EDITION)
    finally:
        facts.write_bytes(original)
    assert validate_stage.is_up_to_date(validated, EDITION)
    table = validated.data("ci") / "events.parquet"
    kept = table.read_bytes()
    table.unlink()
    try:
        assert not validate_stage.is_up_to_date(validated, EDITION)
    finally:
        table.write_bytes(kept)


def test_the_code_key_is_validates_own_code():
    from briefing.infra.fingerprint import closure

    modules = closure([validate_stage.__name__])
    assert "briefing.sources.worldbank" in modules and "briefing.schemas" in modules
    assert not any(m.startswith(("briefing.render", "briefing.prose", "briefing.charts")) for m in modules)
