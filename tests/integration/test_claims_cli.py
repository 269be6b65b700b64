"""A chapter's checked claim through the command line: on the CI edition's build, a claim
its data contradict is left out with a warning naming the chapter and line, and with
--strict `briefing render` and `briefing publish` stop with exit status 2 and publish
nothing; a claim that holds is printed."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import copy_project, run_cli

pytestmark = pytest.mark.slow
HOLDS = "[The poles wrote works together every year of the window.]{.claim when=\"latest('poles.pair_works.{poles_key}') > 0\"}"
FALSE = ("[Co-authorship between the poles grew tenfold.]"
         "{.claim when=\"growth('poles.pair_works.{poles_key}') > 900\"}")


@pytest.fixture
def project(tmp_path, ci_build):
    """A copy of the project whose decoupling chapter carries one true and one false claim,
    and a copy of the CI build to render it from."""
    root = copy_project(tmp_path / "project")
    chapter = root / "chapters" / "decoupling.qmd"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("The tie between the poles is the one a decoupling would cut first.\n",
                                    f"The tie between the poles is the one a decoupling would cut first.\n{HOLDS}\n"
                                    f"{FALSE}\n"), encoding="utf-8")
    work = tmp_path / "work"
    shutil.copytree(ci_build.work, work, ignore=shutil.ignore_patterns(".lock", "_site"))
    return root, work


def test_a_contradicted_claim_is_left_out_and_reported(project):
    root, work = project
    result = run_cli("render", "--params", "params/ci.yml", "--workdir", str(work), "--renderer", "builtin", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "claim contradicted, left out" in result.stderr and "decoupling.qmd, line" in result.stderr
    book = (work / "_build" / "ci" / "book" / "decoupling.qmd").read_text(encoding="utf-8")
    assert "The poles wrote works together every year of the window." in book
    assert "grew tenfold" not in book.split("## Statements checked", 1)[0]


def test_strict_stops_render_and_publish_and_publishes_nothing(project):
    root, work = project
    result = run_cli("render", "--params", "params/ci.yml", "--workdir", str(work), "--renderer", "builtin",
                     "--strict", cwd=root)
    assert result.returncode == 2
    assert "decoupling.qmd, line" in result.stderr and "is contradicted" in result.stderr
    published = run_cli("publish", "--params", "params/ci.yml", "--workdir", str(work), "--renderer", "builtin",
                        "--strict", cwd=root)
    assert published.returncode == 2 and not (work / "_site" / "ci").exists()
