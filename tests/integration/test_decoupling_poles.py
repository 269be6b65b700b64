"""Acceptance: the decoupling section works for other poles with no code change. The CI
edition with poles US and Germany and a window ending in 2023 (the session's `other_build`,
which also has another focus pair and region); its findings name Germany and equal values
computed from the raw files."""

from __future__ import annotations

import pytest

from briefing.config import load_edition
from tests.conftest import OTHER_EDITION, findings_of
from tests.decoupling_raw import ai_share, ncses_share, openalex_pair, openalex_share
from tests.words_checks import chapter, check_words

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(other_build):
    return other_build.build(OTHER_EDITION)


@pytest.fixture(scope="module")
def findings(built):
    return findings_of(built, "decoupling", values=True)


def test_findings_name_the_new_pole_and_equal_the_raw_files(findings, mirror):
    poles = {k.split(".")[3] for k in findings if k.startswith(("exposure.share_pct.", "scenario."))}
    assert poles == {"US", "DE"}
    for year in (2019, 2023):
        assert findings[f"exposure.share_pct.CN.US.{year}"] == pytest.approx(openalex_share(mirror, year, "CN", "US"))
        assert findings[f"exposure.share_pct.DE.US.{year}"] == pytest.approx(openalex_share(mirror, year, "DE", "US"))
        assert findings[f"exposure.share_pct.JP.DE.{year}"] == pytest.approx(openalex_share(mirror, year, "JP", "DE"))
        assert findings[f"poles.pair_works.US-DE.{year}"] == openalex_pair(mirror, year, "US", "DE")
    assert findings["exposure.ai_share_pct.KR.DE.2003-2022"] == pytest.approx(ai_share(mirror, "KR", "DE"))
    assert findings["scenario.intl_loss_pct.TW.DE.50.2023"] == pytest.approx(0.5 * openalex_share(mirror, 2023, "TW", "DE"))
    assert findings["scenario.output_loss_pct.US.DE.100.2022"] == pytest.approx(
        ncses_share(mirror, 2022, "US", "DE", of_output=True))


def test_chapter_names_the_poles_from_the_parameters(built):
    html = (built / "html" / "decoupling.html").read_text()
    assert "poles are the United States and Germany" in html
    assert "Co-authorship between the United States and Germany" in (built / "book" / "figures" /
                                                                     "fig-dec-poles.vl.json").read_text()


def test_no_sentence_contradicts_the_data_with_other_poles(built, other_build, mirror):
    check_words(built, load_edition(other_build.work.parent / f"{OTHER_EDITION}.yml"), mirror)
    text = chapter(built, "decoupling.qmd")
    assert "The essay found the same asymmetry" not in text  # a claim about the US and China only
    # Left out of the chapter; the methods appendix, which lists what each chapter left out, says why.
    assert "not this edition's poles (the United States and Germany)" not in text
    assert "not this edition's poles (the United States and Germany)" in chapter(built, "methods.qmd")
