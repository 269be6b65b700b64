"""Checked claims and sections left out: a claim is kept when the edition's data bear it
out and left out (and reported) when they contradict it, cannot check it or it does not
apply; the condition language evaluates nothing else; an omitted output removes its whole
section, callout included, and leaves the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import load_edition
from briefing.errors import InputError
from briefing.prose.fmt import omitted
from briefing.report.claims import Findings, evaluate, leave_out_empty, resolve_claims
from tests.conftest import CI_PARAMS

EDITION = load_edition(CI_PARAMS)  # focus JP-KR, poles US-CN


def works(pair: str, first: float, last: float) -> dict:
    return {f"pair.works.{pair}.2018": {"value": first}, f"pair.works.{pair}.2022": {"value": last}}


FINDINGS = {**works("JP-KR", 100, 120), **works("CN-JP", 100, 200), **works("CN-KR", 100, 180),
            "partnership.seed_gap.rank.JP-KR.2019": {"value": 3}}
CLAIM = ("[Both grew faster with China.]{.claim if=\"exists('partnership.seed_gap.*.{focus}.*')\" "
         "when=\"growth('pair.works.{a_pole_b}') > growth('pair.works.{focus}') and "
         "growth('pair.works.{b_pole_b}') > growth('pair.works.{focus}')\"}")


def resolve(text: str, findings: dict) -> tuple[str, list]:
    results: list = []
    return resolve_claims(text, findings, EDITION, Path("chapters/x.qmd"), results), results


def test_a_claim_the_data_bear_out_is_printed_plain():
    text, results = resolve(f"Intro. {CLAIM} End.", FINDINGS)
    assert text == "Intro. Both grew faster with China. End." and results[0].status == "holds"


def test_a_contradicted_claim_is_left_out_and_reported():
    text, results = resolve(CLAIM, {**FINDINGS, **works("CN-KR", 100, 110)})
    assert text == "" and results[0].status == "contradicted"
    assert "growth('pair.works.CN-KR')" in results[0].detail


def test_a_claim_that_does_not_apply_or_cannot_be_checked_is_left_out():
    no_seed = {k: v for k, v in FINDINGS.items() if "seed_gap" not in k}
    text, results = resolve(CLAIM, no_seed)
    assert text == "" and results[0].status == "not_applicable"
    missing = {k: v for k, v in FINDINGS.items() if "CN-KR" not in k}
    assert resolve(CLAIM, missing)[1][0].status == "unchecked"


def test_the_condition_language_allows_only_its_functions():
    data = Findings(FINDINGS, EDITION)
    assert evaluate("growth('pair.works.CN-JP') == 100", data) is True
    assert evaluate("abs(latest('pair.works.JP-KR') - 130) < 11 and peak_year('pair.works.CN-JP') == 2022", data)
    for bad in ["__import__('os')", "open('x')", "FINDINGS", "value('a').real", "[x for x in 'ab']"]:
        with pytest.raises(ValueError):
            evaluate(bad, data)
    assert evaluate("cites('seed.dl_share_pct.*')", data) is True  # the essay's facts, cited by the CI edition
    assert evaluate("cites('seed.nope.*')", data) is False
    with pytest.raises(InputError, match=r"x.qmd, line 1.*unknown placeholder"):
        resolve("[A.]{.claim when=\"value('{nope}') > 1\"}", FINDINGS)


def test_an_omitted_output_removes_its_section_and_callout_but_not_the_next_section():
    chapter = "\n".join(["# Title", "", "Intro.", "", "## Published figures {#sec-a}", "", omitted("None for this pair."),
                         "", "| a |", "|---|", "| 1 |", "", "::: {.callout-note}", "## Why they differ", "", "Because.",
                         ":::", "", "## Next {#sec-b}", "", "Kept."])
    said: list = []
    text = leave_out_empty(chapter, said, "Title")
    assert text == "# Title\n\nIntro.\n\n## Next {#sec-b}\n\nKept."  # no empty heading is left behind
    assert said == [("Title", "Published figures", "None for this pair.")]  # the methods appendix lists it
    sub = leave_out_empty("## A\n\nKeep.\n\n### B\n\n" + omitted("No records.") + "\n\nTable.\n\n## C\n\nAlso kept.")
    assert sub == "## A\n\nKeep.\n\n## C\n\nAlso kept."


def test_a_sentence_about_a_document_prints_where_the_edition_cites_it():
    text, results = resolve("[The essay said so.]{.claim if=\"cites('seed.dl_share_pct.*')\"}", FINDINGS)
    assert text == "The essay said so." and results[0].status == "holds"
    text, results = resolve("[Nature said so.]{.claim if=\"cites('seed.nope.*')\"}", FINDINGS)
    assert text == "" and results[0].status == "not_applicable"
    with pytest.raises(InputError, match=r"x.qmd, line 1: a claim needs a condition"):
        resolve("[A.]{.claim}", FINDINGS)


def test_the_methods_list_tells_a_statement_about_a_document_from_a_checked_claim(tmp_path):
    """A claim with if= alone says what a cited document says: the methods appendix lists it as
    such, not as a claim about the data that 'holds'."""
    from briefing.report.blocks import Context, claims
    from briefing.report.claims import ClaimResult

    checked = [ClaimResult("chapters/x.qmd", 3, "Both grew faster with China.", "growth(...) > 0", "holds", "",
                           "The partnership", "Its rank"),
               ClaimResult("chapters/x.qmd", 9, "The essay counted by corresponding author.", "", "holds", "",
                           "The partnership", "Its rank")]
    listed = claims(Context(EDITION, tmp_path, tmp_path, {}, None, claims=checked)).splitlines()
    assert listed[0] == "- The partnership, Its rank:"  # by chapter and section, once
    assert listed[1] == "    - Both grew faster with China. (holds)"
    assert listed[2] == ("    - The essay counted by corresponding author. (about a document this edition cites, "
                         "printed; not a statement about its data)")
    assert "x.qmd" not in "\n".join(listed) and "line" not in "\n".join(listed)  # lines are in claims.json
