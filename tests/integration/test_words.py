"""The briefing's words on the default edition (params/2025.yml), assembled with --strict so
that every checked claim of the chapters holds for its data: the executive summary names
every turn inside the window of the series it cites, states each message's main caveat
and cites its figure; South Korea's 2020 level shift in OpenAlex and the provisional 2023
are caveats in findings.json, sentences next to the findings and lines of the methods
appendix; no relation between data sets is stated that the build does not compute.

The other editions' words are checked where those editions are built: Germany–France in
Europe and Australia–New Zealand (tests/sections/test_partnership.py), poles US and
Germany (tests/integration/test_decoupling_poles.py)."""

from __future__ import annotations

import json
import re

import pytest

from briefing.config import load_edition
from briefing.infra.workspace import Workspace
from briefing.markup import unliteral
from tests.conftest import REPO, findings_of
from tests.words_checks import check_words

pytestmark = pytest.mark.slow
EDITION = load_edition(REPO / "params" / "2025.yml")


@pytest.fixture(scope="module")
def built(default_build) -> Workspace:
    """The session's default edition, built with --strict: a contradicted claim would stop it."""
    return default_build


@pytest.fixture(scope="module")
def findings(built) -> dict[str, dict]:
    return findings_of(built.build("2025"))


def book(ws: Workspace, name: str) -> str:
    """An assembled chapter as plain text (markdown escapes of generated text removed)."""
    return unliteral((ws.build("2025") / "book" / name).read_text(encoding="utf-8"))


def messages(ws: Workspace) -> list[str]:
    summary = book(ws, "index.qmd").split("## Key findings", 1)[1].split("### What to watch", 1)[0]
    return [line[2:] for line in summary.splitlines() if line.startswith("- ")]


def test_every_claim_holds_or_does_not_apply(built, mirror):
    check_words(built.build("2025"), EDITION, mirror)
    claims = json.loads((built.build("2025") / "claims.json").read_text())["claims"]
    assert claims and {c["status"] for c in claims} <= {"holds", "not_applicable"}
    assert "Published accounts describe a partnership that stalled" in book(built, "partnership.qmd")
    for name in ("index.qmd", "partnership.qmd", "decoupling.qmd", "methods.qmd"):
        assert ".claim" not in book(built, name) and ".omitted" not in book(built, name)


def test_the_summary_has_four_to_seven_messages_each_with_its_figure(built):
    found = messages(built)
    assert 4 <= len(found) <= 7
    assert all(re.search(r"\(@fig-[a-z-]+\)$", m) for m in found)
    assert not any("policy events" in m for m in found)  # restating the inputs does not make the page


def test_the_us_china_turn_is_on_page_one(built):
    line = next(m for m in messages(built) if "United States and China" in m)
    assert "since its 2020 peak of 84,025, to 72,794 in 2023" in line


def test_koreas_level_shift_is_a_caveat_a_sentence_and_a_methods_line(built, findings):
    caveats = findings["exposure.share_pct.KR.US.2023"]["caveats"]
    shift = next(c for c in caveats if c["kind"] == "level_shift")
    assert shift["subject"] == "KR" and shift["years"] == [2020]
    assert "jump from 31,032 in 2019 to 44,021 in 2020" in shift["text"]
    assert any(c["kind"] == "level_shift" for c in findings["exposure.share_pct.KR.US.2015"]["caveats"])
    assert not any(c["kind"] == "level_shift" for c in findings["exposure.share_pct.JP.US.2023"].get("caveats", []))
    assert shift["text"] in book(built, "decoupling.qmd") and shift["text"] in book(built, "partnership.qmd")
    assert shift["text"] in book(built, "methods.qmd")
    assert any("South Korea" in m and "break in the source" in m for m in messages(built))


def test_the_latest_year_is_provisional_everywhere_it_is_stated(built, findings):
    provisional = [c for c in findings["pair.works.JP-KR.2023"]["caveats"] if c["kind"] == "provisional"]
    assert provisional and provisional[0]["years"] == [2023]
    assert not any(c["kind"] == "provisional" for c in findings["pair.works.JP-KR.2022"].get("caveats", []))
    assert provisional[0]["text"] in book(built, "partnership.qmd") and provisional[0]["text"] in book(built, "methods.qmd")


def test_the_rank_fall_is_put_down_to_other_pairs(built, findings):
    rank = findings["pair.rank.asia-pacific.JP-KR.2023"]
    assert any(c["kind"] == "coverage_rank" for c in rank["caveats"])
    assert "so the fall in rank measures other pairs' growth" in book(built, "partnership.qmd")


def test_no_relation_between_data_sets_is_stated_that_the_build_does_not_compute(built, findings):
    sources = (REPO / "data" / "sources.yml").read_text()
    assert "1.3-1.7" not in sources and "times the Scopus" not in sources
    ratio = findings["partnership.works_ratio.openalex_ncses.JP-KR.2022"]["value"]
    assert f"{ratio:.2f} times as many" in book(built, "partnership.qmd")


def test_the_intl_rate_and_the_essays_question(built, findings):
    rates = {k: v["value"] for k, v in findings.items() if k.startswith("output.intl_rate_pct.") and k.endswith(".2022")}
    assert {"JP", "KR", "CN", "US"} <= {k.split(".")[2] for k in rates}
    text = book(built, "decoupling.qmd")
    assert f"Japan's share, {rates['output.intl_rate_pct.JP.2022']:.1f}%" in text
    assert "A verdict on the essay's estimate" in text
    assert "AI, NCSES SEI" not in text.split("{#sec-dec-seeds}", 1)[1].split("{#sec-dec-scenario}", 1)[0]
