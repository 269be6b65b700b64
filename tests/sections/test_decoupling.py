"""The decoupling notebook executed with params/ci.yml: it ran, recorded its parameters,
and its findings equal values computed here straight from the raw files."""

from __future__ import annotations

import csv
import json

import papermill
import pytest

from briefing.config import load_edition
from tests.conftest import CI_PARAMS, REPO, findings_of
from tests.decoupling_raw import (
    ai_output_share,
    ai_share,
    ncses_share,
    openalex_pair,
    openalex_share,
)

EDITION = load_edition(CI_PARAMS)
POLES = EDITION.poles
YEARS = range(EDITION.window.start, EDITION.window.end + 1)
EVERYONE = list(dict.fromkeys([*EDITION.countries, *POLES]))
PAIRS = [(c, p) for c in EVERYONE for p in POLES if c != p]
CUTS = EDITION.scenarios.cuts_pct
DEFAULTS = papermill.inspect_notebook(str(REPO / "notebooks" / "decoupling.ipynb"))


@pytest.fixture(scope="module")
def build(ci_build):
    return ci_build.build("ci")


@pytest.fixture(scope="module")
def findings(build):
    return findings_of(build, "decoupling")


def values(findings, prefix: str) -> dict[str, float]:
    return {k: v["value"] for k, v in findings.items() if k.startswith(prefix)}


def test_notebook_ran_with_injected_parameters(build):
    notebook = json.loads((build / "notebooks" / "decoupling.ipynb").read_text())
    injected = [c for c in notebook["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1
    source = "".join(injected[0]["source"])
    assert 'pole_a = "US"' in source and 'pole_b = "CN"' in source
    assert "window_end = 2022" in source and "scenario_cuts_pct = [25, 50, 100]" in source
    errors = [o for c in notebook["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_every_finding_has_the_contract_fields(findings):
    for item in findings.values():
        assert set(item) >= {"id", "label", "value", "unit", "source"}
        assert item["label"] and item["unit"] and item["source"] in {"openalex", "ncses"}


def test_shares_equal_pair_over_diagonal_in_the_raw_openalex_file(findings, mirror):
    got = values(findings, "exposure.share_pct.")
    expected = {f"exposure.share_pct.{c}.{p}.{y}": openalex_share(mirror, y, c, p) for c, p in PAIRS for y in YEARS}
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, rel=1e-9), key
    # China's share of its international works with the US, by hand.
    assert got["exposure.share_pct.CN.US.2019"] == pytest.approx(100 * 73485 / 180357, rel=1e-9)


def test_pole_pair_works_and_asymmetry(findings, mirror):
    a, b = POLES
    for year in YEARS:
        assert findings[f"poles.pair_works.{a}-{b}.{year}"]["value"] == openalex_pair(mirror, year, a, b)
        ratio = openalex_share(mirror, year, b, a) / openalex_share(mirror, year, a, b)
        assert findings[f"poles.asymmetry.{a}-{b}.{year}"]["value"] == pytest.approx(ratio, rel=1e-9)


def test_peak_years_where_the_share_fell_by_more_than_the_margin(findings, mirror):
    margin = float(DEFAULTS["peak_min_drop_pp"]["default"])
    expected = {}
    for country, pole in PAIRS:
        series = {y: openalex_share(mirror, y, country, pole) for y in YEARS}
        top = max(series.values())
        peak = min(y for y, v in series.items() if v == top)
        if series[max(YEARS)] < top - margin:
            expected[f"exposure.peak_year.{country}.{pole}.{min(YEARS)}-{max(YEARS)}"] = peak
    assert values(findings, "exposure.peak_year.") == expected
    assert expected, "the CI window should contain at least one peak"


def test_ai_shares_equal_the_ncses_matrix_over_its_totals(findings, mirror):
    got = values(findings, "exposure.ai_share_pct.")
    assert got.keys() == {f"exposure.ai_share_pct.{c}.{p}.2003-2022" for c, p in PAIRS}
    for country, pole in PAIRS:
        assert got[f"exposure.ai_share_pct.{country}.{pole}.2003-2022"] == pytest.approx(
            ai_share(mirror, country, pole), rel=1e-9)
        assert findings[f"exposure.ai_output_share_pct.{country}.{pole}.2003-2022"]["value"] == pytest.approx(
            ai_output_share(mirror, country, pole), rel=1e-9)


def test_all_field_ncses_shares_for_the_two_published_years(findings, mirror):
    got = values(findings, "exposure.ncses_share_pct.")
    # NCSES publishes 2003 and 2022: only those inside the edition's window are computed.
    published = [y for y in (2003, 2022) if min(YEARS) <= y <= max(YEARS)]
    assert got.keys() == {f"exposure.ncses_share_pct.{c}.{p}.{y}" for c, p in PAIRS for y in published}
    for key, value in got.items():
        _, _, country, pole, year = key.split(".")
        assert value == pytest.approx(ncses_share(mirror, int(year), country, pole), rel=1e-9), key


def test_scenario_losses_are_the_cut_times_the_share(findings, mirror):
    last = max(YEARS)
    for country, pole in PAIRS:
        for cut in CUTS:
            key = f"{country}.{pole}.{cut}"
            assert findings[f"scenario.intl_loss_pct.{key}.{last}"]["value"] == pytest.approx(
                cut / 100 * openalex_share(mirror, last, country, pole), rel=1e-9)
            assert findings[f"scenario.output_loss_pct.{key}.2022"]["value"] == pytest.approx(
                cut / 100 * ncses_share(mirror, 2022, country, pole, of_output=True), rel=1e-9)
            assert findings[f"scenario.ai_output_loss_pct.{key}.2003-2022"]["value"] == pytest.approx(
                cut / 100 * ai_output_share(mirror, country, pole), rel=1e-9)
    assert len(values(findings, "scenario.intl_loss_pct.")) == len(PAIRS) * len(CUTS)


def test_prose_carries_numbers_from_the_data(build, mirror):
    text = (build / "book" / "decoupling.qmd").read_text()
    a, b = POLES
    last = max(YEARS)
    assert f"to {openalex_pair(mirror, last, a, b):,} in {last}" in text
    assert f"{openalex_share(mirror, last, b, a):.1f}% of China's international works" in text
    assert f"{ai_share(mirror, 'CN', 'US'):.1f}% of China's international AI articles" in text


def test_essay_table_gives_the_facts_as_published_with_nothing_unlike_beside_them(build):
    with open(build / "book" / "figures" / "tbl-dec-seeds.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["id", "statement", "value", "unit", "year_start", "year_end", "country", "source_id",
                             "locator"]
    assert [r["id"] for r in rows] == EDITION.sections["decoupling"]["seed_field_facts"]
    china = next(r for r in rows if r["statement"].startswith("China–US co-authored papers were 14%"))
    assert (float(china["value"]), china["unit"], china["year_start"], china["year_end"]) == (
        14.0, "per cent (share)", "2015", "2019")
    text = (build / "book" / "decoupling.qmd").read_text()
    assert "| China–US co-authored papers were 14% of China's deep-learning papers in 2015–2019. | 14.0% |" in text
    assert "A verdict on the essay's estimate" in text
    # The record-level section, with no records in this build, is left out; its reason is in the methods appendix.
    # (The ci window, 2018–2022, does not hold the essay's 2015–2019: the records are not used.)
    methods = " ".join((build / "book" / "methods.qmd").read_text().split())
    assert f"essay's period, 2015–2019, reaches outside this edition's window ({min(YEARS)}–{max(YEARS)})" in methods


def test_every_figure_has_alt_text_csv_and_states_the_counting(build):
    book = build / "book"
    text = (book / "decoupling.qmd").read_text()
    assert "{{< embed" not in text
    figures = ["fig-dec-rate", "fig-dec-shares", "fig-dec-map", "fig-dec-poles", "fig-dec-ai", "fig-dec-scenario"]
    assert text.count('fig-alt="') == len(figures) and 'fig-alt=""' not in text
    for label in figures:
        for ext in ("svg", "png", "csv", "vl.json"):
            assert (book / "figures" / f"{label}.{ext}").is_file(), (label, ext)
        spec = json.loads((book / "figures" / f"{label}.vl.json").read_text())
        assert "Full counting" in " ".join(spec["title"]["subtitle"]), label
        caption = text.split(f"{{#{label} ")[0].rsplit("![", 1)[1]
        assert "Full counting" in caption or "whole counts" in caption, label  # NCSES's name for full counting
    for label in ["tbl-dec-peaks", "tbl-dec-seeds", "tbl-dec-scenario"]:
        assert f"{{#{label}}}" in text and (book / "figures" / f"{label}.csv").is_file()
