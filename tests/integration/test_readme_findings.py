"""Finding ids against their declarations (`notebooks/<section>.meta.yml`): every id the
shared builds record (the CI edition, and another focus pair, region, poles and window)
matches a declared family, each of those builds carries its own parameters in its ids, and
every example id the README gives is declared and produced. Cheap: no build of its own."""

from __future__ import annotations

import json
import re

import pytest

from briefing.findings.meta import family_of, notebook_metas
from tests.conftest import OTHER_CHANGES, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
METAS = notebook_metas(REPO / "notebooks")
EXAMPLES = sorted(set(re.findall(r"`([a-z_]+\.[a-z_]+(?:\.[A-Za-z0-9_-]+)*\.(?:\d{4}|\d{4}-\d{4}))`", README)))


def built_ids(ws, edition: str) -> list[str]:
    return [f["id"] for path in sorted((ws.build(edition) / "findings").glob("*.json"))
            for f in json.loads(path.read_text(encoding="utf-8"))["findings"]]


def test_the_readme_gives_examples():
    assert len(EXAMPLES) >= 2, EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_readme_example_is_declared_and_the_ci_build_records_its_family(example, ci_build):
    found = family_of(example, METAS)
    assert found, f"the README gives {example}, which no section declares"
    family = found[1]
    assert any(family.pattern.match(i) for i in built_ids(ci_build, "ci")), f"the CI build records no {family.id}"


def test_every_id_the_ci_build_records_is_declared(ci_build):
    undeclared = [i for i in built_ids(ci_build, "ci") if family_of(i, METAS) is None]
    assert undeclared == []


def test_every_id_of_another_pair_region_poles_and_window_is_declared_and_carries_them(other_build):
    ids = built_ids(other_build, OTHER_CHANGES["edition"])
    assert [i for i in ids if family_of(i, METAS) is None] == []
    poles = "-".join(OTHER_CHANGES["poles"])
    assert any(i.startswith(f"poles.pair_works.{poles}.") for i in ids)
    assert not any(i.startswith("poles.pair_works.US-CN.") for i in ids)
    start, end = OTHER_CHANGES["window"]["start"], OTHER_CHANGES["window"]["end"]
    peaks = [i for i in ids if i.startswith("exposure.peak_year.")]
    assert peaks and all(i.endswith(f".{start}-{end}") for i in peaks)
    ranks = [i for i in ids if i.startswith("pair.rank.")]
    assert ranks and all(i.split(".")[2] == "asia-pacific" for i in ranks)
    scenario_years = {i.rsplit(".", 1)[1] for i in ids if i.startswith("scenario.intl_loss_pct.")}
    assert scenario_years and all(start <= int(y) <= end for y in scenario_years)
