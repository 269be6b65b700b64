"""stages/build is orchestration: the stages in order, each given what the command asked
(force, jobs, renderer), the mirror or the live APIs, and its report. The stages
themselves are tested in their own modules; here each records its call."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import load_edition
from briefing.stages import build as build_stage
from tests.conftest import CI_PARAMS

EDITION = load_edition(CI_PARAMS)


@pytest.fixture
def calls(monkeypatch) -> list[tuple]:
    log: list[tuple] = []
    monkeypatch.setattr(build_stage, "fetch", lambda ws, mirror, edition=None: log.append(("fetch", mirror)) or [("oecd", "m-1", True)])
    monkeypatch.setattr(build_stage, "fetch_live_then_mirror",
                        lambda ws, edition, live, mirror: log.append(("live", live, mirror)) or [("oecd", "l-1", True)])
    monkeypatch.setattr(build_stage.validate_stage, "validate",
                        lambda ws, edition, force: log.append(("validate", force)) or True)
    monkeypatch.setattr(build_stage, "run_sections", lambda ws, edition, jobs, force, on_event: log.append(
        ("run", jobs, force)) or [])
    monkeypatch.setattr(build_stage, "render", lambda ws, edition, force, renderer, strict=False: log.append(
        ("render", force, renderer)) or (True, Path("html")))
    monkeypatch.setattr(build_stage, "publish", lambda ws, edition, renderer, strict=False: log.append(("publish", renderer)) or "v1")
    return log


def test_stages_run_in_order_with_the_commands_options(workspace, calls):
    report = build_stage.build(workspace, EDITION, Path("mirror"), jobs=3, force=True, renderer="builtin")
    assert calls == [("fetch", Path("mirror")), ("validate", True), ("run", 3, True), ("render", True, "builtin"),
                     ("publish", "builtin")]
    assert (report.fetched, report.validated, report.rendered, report.published) == (
        [("oecd", "m-1", True)], True, True, "v1")


def test_live_fetches_the_apis_and_the_rest_from_the_mirror(workspace, calls):
    build_stage.build(workspace, EDITION, None, jobs=1, live="settings")
    assert calls[0] == ("live", "settings", None)


def test_without_a_mirror_the_current_snapshots_are_used(workspace, calls):
    report = build_stage.build(workspace, EDITION, None, jobs=1)
    assert [c[0] for c in calls] == ["validate", "run", "render", "publish"] and report.fetched == []
