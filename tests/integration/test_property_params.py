"""A property test over parameters: editions drawn at random from seeds (tests/params_draw.py:
any pair of countries with data, any two poles, a region that holds the pair, any window inside
the data), each written by `briefing new` as a user would, given the cheap sections (partnership
and decoupling), built into one work folder and rendered to HTML with the built-in renderer. On
every page of each: no empty table and none of 'n/a' only, no parameter key or internal id outside
the methods appendix's machine listings, no country the edition does not bring in, no empty source
or heading; finding ids unique and naming the edition's parameters; every chapter's claims checked;
the executive summary's messages cite their figures and name their turns (tests/words_checks.py).

A failure names the seed and the `briefing new` options that reproduce the edition, the page and
the offending text. bench/results.md records how long the test takes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing.config import Edition, load_edition
from briefing.infra.yaml_model import read_yaml
from tests.conftest import invoke
from tests.edition_checks import (
    brought_in,
    empty_headings,
    empty_sources,
    empty_tables,
    foreign_countries,
    plumbing,
    unchecked_claims,
)
from tests.finding_id_checks import finding_id_problems
from tests.html_blocks import Page, pages
from tests.params_draw import Draw, draw
from tests.words_checks import check_words

pytestmark = pytest.mark.slow
SEEDS = (2, 11, 12)  # a window before NCSES (1992-1995), a focus country added to the region, one straddling 2003
SECTIONS = {"partnership": {}, "decoupling": {}}  # the cheap sections: funding and context add a notebook each


class Built:
    def __init__(self, drawn: Draw, edition: Edition, work: Path, mirror: Path):
        self.drawn, self.edition = drawn, edition
        self.build = work / "_build" / edition.edition
        self.pages: list[Page] = pages(self.build / "html")
        self.allowed = brought_in(edition, work / "figures" / edition.edition, mirror)  # the countries it brings in


def ok(result, drawn: Draw) -> None:
    assert result.returncode == 0, f"edition {drawn}: {' '.join(result.args[:1])} failed\n{result.stdout}{result.stderr}"


def build_drawn(root: Path, mirror: Path, seed: int) -> Built:
    """The drawn edition written by `briefing new`, its sections set to the cheap ones, then fetched
    (once per work folder), validated, run and rendered to HTML."""
    drawn, work = draw(mirror, seed), root / "work"
    params = root / f"{drawn.edition}.yml"
    common = ["--workdir", str(work)]
    ok(invoke("new", str(params), *drawn.new_args(), *common, "--mirror", str(mirror)), drawn)
    data = read_yaml(params.read_text(encoding="utf-8"))
    params.write_text(yaml.safe_dump({**data, "sections": SECTIONS}, sort_keys=False), encoding="utf-8")
    if not (work / "data" / "raw").is_dir():
        ok(invoke("fetch", "--params", str(params), *common, "--mirror", str(mirror)), drawn)
    for command in (["validate"], ["run", "--jobs", "2"], ["render", "--renderer", "builtin"]):
        ok(invoke(*command, "--params", str(params), *common), drawn)
    return Built(drawn, load_edition(params), work, mirror)


@pytest.fixture(scope="module")
def editions(tmp_path_factory, mirror):
    """Each seed's edition, built on first use and kept for the module."""
    root, built = tmp_path_factory.mktemp("property"), {}

    def edition(seed: int) -> Built:
        if seed not in built:
            built[seed] = build_drawn(root, mirror, seed)
        return built[seed]

    return edition


@pytest.fixture(params=SEEDS, ids=lambda seed: f"seed{seed}")
def built(request, editions) -> Built:
    return editions(request.param)


def no_problems(built: Built, what: str, problems: list[str]) -> None:
    listed = "\n  ".join(problems[:12]) + (f"\n  ... and {len(problems) - 12} more" if len(problems) > 12 else "")
    assert not problems, f"{what}, edition {built.drawn}:\n  {listed}"


def test_no_empty_table_source_or_heading(built):
    no_problems(built, "empty tables", empty_tables(built.pages))
    no_problems(built, "empty source notes", empty_sources(built.pages))
    no_problems(built, "empty headings", empty_headings(built.pages))


def test_no_parameter_key_or_id_in_reader_text(built):
    no_problems(built, "plumbing in reader text", plumbing(built.pages, built.edition))


def test_no_country_the_edition_does_not_bring_in(built, mirror):
    no_problems(built, "countries named that the edition does not bring in",
                foreign_countries(built.pages, built.allowed, mirror))


def test_finding_ids_unique_and_parameter_complete(built):
    no_problems(built, "finding ids", finding_id_problems(built.build, built.edition, built.allowed))


def test_every_chapters_claims_checked(built):
    no_problems(built, "claims", unchecked_claims(built.build, built.pages))


def test_the_summary_cites_its_figures_and_names_its_turns(built, mirror):
    try:
        check_words(built.build, built.edition, mirror, strict=False)
    except AssertionError as error:
        raise AssertionError(f"the briefing's words, edition {built.drawn}: {error}") from None
