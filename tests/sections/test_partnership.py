"""The partnership notebook executed with params/ci.yml: its findings equal values computed
here straight from the raw mirror files with the csv module, independently of the project's
code. Then the acceptance checks: the section renders for other focus pairs and regions with
no code change (DE–FR in Europe; AU–NZ in Asia-Pacific, the session's `other_build`), and a
country absent from the data stops the build with a message naming it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pycountry
import pytest
import yaml

from briefing.config import load_edition
from briefing.findings.ids import slug
from tests.conftest import CI_PARAMS, OTHER_EDITION, findings_of, run_cli
from tests.words_checks import check_words

EDITION = load_edition(CI_PARAMS)
A, B = sorted(EDITION.focus_pair)
FOCUS = f"{A}-{B}"
START, END = EDITION.window.start, EDITION.window.end
YEARS = range(START, END + 1)
REGION = EDITION.region.countries
REGION_ID = slug(EDITION.region.name)  # the region as finding ids carry it
OVERRIDES = EDITION.sections["partnership"]
CROSS_TOP = 5  # the notebook's default cross_top_partners (not overridden in ci.yml)
NCSES_ALIASES = {"Russia": "RU", "Turkey": "TR"}  # names pycountry does not look up


def read_openalex(mirror: Path) -> dict[tuple[int, str, str], int]:
    """(year, country_a, country_b) -> works; the diagonal is a country's international total.
    The csv module converts nothing, so Namibia stays 'NA'."""
    with open(mirror / "openalex" / "country_pairs_1990_2023.csv", encoding="utf-8", newline="") as f:
        return {(int(r["year"]), r["country_a"], r["country_b"]): int(r["works"]) for r in csv.DictReader(f)}


def works(raw: dict, a: str, b: str, year: int) -> int | None:
    lo, hi = sorted((a, b))
    return raw.get((year, lo, hi))


def partners_of(raw: dict, code: str, year: int) -> list[tuple[str, int]]:
    """(partner, works) of `code` in `year`, most works first, ties by code."""
    rows = [(b if a == code else a, w) for (y, a, b), w in raw.items() if y == year and a != b and code in (a, b)]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def region_rank(raw: dict, region: list[str], pair: tuple[str, str], year: int) -> int:
    inside = [w for (y, a, b), w in raw.items() if y == year and a != b and a in region and b in region]
    return 1 + sum(w > works(raw, *pair, year) for w in inside)


@pytest.fixture(scope="module")
def raw(mirror):
    return read_openalex(mirror)


@pytest.fixture(scope="module")
def ncses(mirror) -> dict[tuple[int, str, str], int]:
    with open(mirror / "ncses" / "sei2024_intl_coauthored_pairs_2003_2022.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    code = {n: NCSES_ALIASES.get(n) or pycountry.countries.lookup(n).alpha_2
            for n in {r["country"] for r in rows} | {r["partner"] for r in rows}
            if n not in ("World", "All international")}
    return {(int(r["year"]), code[r["country"]], code[r["partner"]]): int(r["articles"]) for r in rows
            if r["country"] in code and r["partner"] in code}


@pytest.fixture(scope="module")
def findings(ci_build):
    return findings_of(ci_build.build("ci"), "partnership")


def value(findings: dict, id: str):
    assert id in findings, f"finding {id} missing"
    return findings[id]["value"]


def test_notebook_ran_with_injected_parameters(ci_build):
    notebook = json.loads((ci_build.build("ci") / "notebooks" / "partnership.ipynb").read_text())
    injected = [c for c in notebook["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    source = "".join(injected[0]["source"])
    assert f"region_countries = {json.dumps(REGION)}" in source
    assert f"top_pairs = {OVERRIDES['top_pairs']}" in source and f"window_start = {START}" in source
    errors = [o for c in notebook["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_pair_works_equal_the_raw_rows_for_the_focus_and_comparison_pairs(findings, raw):
    poles = EDITION.poles
    pairs = [(A, B)] + [(c, p) for c in (A, B) for p in poles]
    for a, b in pairs:
        lo, hi = sorted((a, b))
        for year in YEARS:
            assert value(findings, f"pair.works.{lo}-{hi}.{year}") == works(raw, a, b, year)
    recorded = {k.rsplit(".", 1)[0] for k in findings if k.startswith("pair.works.")}
    assert recorded == {"pair.works." + "-".join(sorted(p)) for p in pairs}


def test_share_of_international_works_is_pair_over_diagonal(findings, raw):
    for year in YEARS:
        pair = works(raw, A, B, year)
        assert value(findings, f"share.intl_pct.{A}.{B}.{year}") == pytest.approx(100 * pair / raw[(year, A, A)])
        assert value(findings, f"share.intl_pct.{B}.{A}.{year}") == pytest.approx(100 * pair / raw[(year, B, B)])


def test_focus_pair_rank_within_the_region_each_year(findings, raw):
    for year in YEARS:
        assert value(findings, f"pair.rank.{REGION_ID}.{FOCUS}.{year}") == region_rank(raw, REGION, (A, B), year)
    pairs_in_region = sum(1 for (y, a, b) in raw if y == END and a != b and a in REGION and b in REGION)
    assert value(findings, f"partnership.region_pairs_ranked.{REGION_ID}.{END}") == pairs_in_region


def test_ranks_shown_are_the_latest_leaders_plus_the_focus(findings, raw):
    shown = {k.split(".")[3] for k in findings if k.startswith("pair.rank.") and k.endswith(f".{END}")}
    leaders = {f"{a}-{b}" for (y, a, b) in raw if y == END and a != b and a in REGION and b in REGION
               and region_rank(raw, REGION, (a, b), END) <= OVERRIDES["top_pairs"]}
    assert shown == leaders | {FOCUS}


def test_top_partners_are_the_ordered_lists_with_their_shares(findings, raw):
    n = OVERRIDES["top_partners"]
    for code in (A, B):
        expected = partners_of(raw, code, END)[:n]
        assert value(findings, f"partners.top{OVERRIDES['top_partners']}.{code}.{END}") == [p for p, _ in expected]
        for partner, count in expected:
            assert value(findings, f"share.intl_pct.{code}.{partner}.{END}") == pytest.approx(
                100 * count / raw[(END, code, code)])


def test_growth_over_the_window(findings, raw):
    expected = 100 * (works(raw, A, B, END) / works(raw, A, B, START) - 1)
    assert value(findings, f"partnership.growth_pct.{FOCUS}.{START}-{END}") == pytest.approx(expected)


def inside(*years: int) -> bool:
    """A seed fact or cross-check year is compared only where the edition's window reaches it."""
    return all(START <= y <= END for y in years)


def test_published_ranks_and_growth_beside_ours(findings, raw):
    # Nature Index: 4th (2015) and 6th (2019) among Asia-Pacific pairs; our rank in the ci region, same year.
    for year, published in ((2015, 4), (2019, 6)):
        id = f"partnership.seed_gap.rank.{REGION_ID}.{FOCUS}.{year}"
        if not inside(year):
            assert id not in findings, f"{id}: {year} lies outside the window {START}-{END}"
            continue
        assert value(findings, id) == region_rank(raw, REGION, (A, B), year) - published
    for pair, published in (("CN-KR", 222), ("KR-US", -4)):
        a, b = pair.split("-")
        id = f"partnership.seed_gap.growth_pct.{pair}.2015-2023"
        if not inside(2015, 2023):
            assert id not in findings
            continue
        ours = 100 * (works(raw, a, b, 2023) / works(raw, a, b, 2015) - 1)
        assert value(findings, id) == pytest.approx(ours - published)
    # Nature Index: Japan is Korea's 3rd partner in 2023; our rank of Japan among Korea's partners, same year.
    if inside(2023):
        korea_partners = [p for p, _ in partners_of(raw, "KR", 2023)]
        assert value(findings, "partnership.partner_rank.KR.JP.2023") == 1 + korea_partners.index("JP")
    assert not any(i.endswith(f".{y}") for i in findings for y in range(END + 1, 2031)), "a year past the window"


NCSES_YEARS = [y for y in (2003, 2022) if inside(y)]  # the years the source publishes, inside the window


def test_ncses_counts_and_partner_rankings(findings, raw, ncses):
    assert NCSES_YEARS, "the ci window reaches at least one NCSES year"
    for year in (2003, 2022):
        if not inside(year):
            assert f"partnership.ncses_works.{FOCUS}.{year}" not in findings
    for year in NCSES_YEARS:
        assert value(findings, f"partnership.ncses_works.{FOCUS}.{year}") == ncses[(year, A, B)]
        assert value(findings, f"partnership.works_ratio.openalex_ncses.{FOCUS}.{year}") == pytest.approx(
            works(raw, A, B, year) / ncses[(year, A, B)])
        for code in (A, B):
            theirs = sorted(((p, w) for (y, c, p), w in ncses.items() if y == year and c == code),
                            key=lambda r: (-r[1], r[0]))
            listed = {p for p, _ in theirs}
            ours = [p for p, _ in partners_of(raw, code, year) if p in listed][:CROSS_TOP]
            top_cross = [p for p, _ in theirs][:CROSS_TOP]
            assert value(findings, f"partnership.ncses_partners_top{CROSS_TOP}.{code}.{year}") == top_cross
            assert value(findings, f"partnership.ncses_top{CROSS_TOP}_same_order.{code}.{year}") == (
                "yes" if ours == top_cross else "no")


def test_ncses_pair_rank_among_countries_both_sources_cover(findings, ncses):
    covered = [c for c in REGION if any(c in (a, b) for (_, a, b) in ncses)]
    for year in NCSES_YEARS:
        inside_pairs = [w for (y, a, b), w in ncses.items() if y == year and a < b and a in covered and b in covered]
        assert value(findings, f"partnership.ncses_pair_rank.{REGION_ID}.{FOCUS}.{year}") == 1 + sum(
            w > ncses[(year, A, B)] for w in inside_pairs)


def test_chapter_embeds_resolved_with_alt_text_and_csv(ci_build):
    book = ci_build.build("ci") / "book"
    text = (book / "partnership.qmd").read_text()
    assert "{{< embed" not in text
    assert text.count('fig-alt="') == 4 and 'fig-alt=""' not in text
    for label in ["fig-pair-trend", "fig-pair-rank", "fig-pair-share", "fig-pair-partners"]:
        for ext in ("svg", "csv", "vl.json"):
            assert (book / "figures" / f"{label}.{ext}").is_file(), f"{label}.{ext}"
    for label in ["tbl-pair-growth", "tbl-pair-seeds", "tbl-pair-ncses-counts", "tbl-pair-ncses-partners"]:
        assert f"{{#{label}}}" in text and (book / "figures" / f"{label}.csv").is_file()
    html = (ci_build.build("ci") / "html" / "partnership.html").read_text()
    assert "Japan–South Korea" in html and "Nature Index" in html


# Acceptance: other focus pairs and regions, with no code change.
def edition_params(tmp: Path, name: str, focus: list[str], region: dict) -> Path:
    """params/ci.yml with another focus pair and region, running only this section."""
    params = yaml.safe_load(CI_PARAMS.read_text())
    params.update(edition=name, focus_pair=focus, region=region,
                  sections={"partnership": params["sections"]["partnership"]})
    path = tmp / f"{name}.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def defr(tmp_path_factory, mirror):
    """Germany–France in Europe, this section only, by the command line."""
    work = tmp_path_factory.mktemp("defr")
    region = {"name": "Europe", "countries": ["DE", "FR", "GB", "IT", "ES", "NL", "BE", "CH", "AT", "PL", "SE", "DK"]}
    params = edition_params(work, "ci-defr", ["DE", "FR"], region)
    result = run_cli("build", "--params", str(params), "--workdir", str(work), "--mirror", str(mirror))
    assert result.returncode == 0, result.stderr
    return load_edition(params), work / "_build" / "ci-defr"


@pytest.fixture(scope="module")
def aunz(other_build):
    """Australia–New Zealand in Asia-Pacific, 2019–2023: the session's `other_build`."""
    return load_edition(other_build.work.parent / f"{OTHER_EDITION}.yml"), other_build.build(OTHER_EDITION)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["defr", "aunz"])
def test_section_renders_for_another_pair_and_region(request, name, raw, mirror):
    edition, build = request.getfixturevalue(name)
    focus, region = edition.focus_pair, edition.region.countries
    pair = "-".join(sorted(focus))
    data = json.loads((build / "findings" / "partnership.json").read_text())
    got = {f["id"]: f["value"] for f in data["findings"]}
    for year in range(edition.window.start, edition.window.end + 1):
        assert got[f"pair.works.{pair}.{year}"] == works(raw, *focus, year)
        assert got[f"pair.rank.{slug(edition.region.name)}.{pair}.{year}"] == region_rank(raw, region, tuple(focus), year)
    html = (build / "html" / "partnership.html").read_text()
    names = "–".join(pycountry.countries.get(alpha_2=c).name for c in sorted(focus))
    assert names in html and "Figure" in html
    # The seeds are about Japan and Korea: the methods appendix, which lists what each chapter left out,
    # says so in one sentence; the chapter prints no empty table or callout.
    assert "publish no Nature Index figures for" in (build / "html" / "methods.html").read_text()
    assert "Why the published figures and ours differ" not in html and "Published accounts describe" not in html
    check_words(build, edition, mirror)


@pytest.mark.slow
def test_a_country_absent_from_the_data_stops_with_a_clear_message(tmp_path, mirror):
    region = {"name": "Test", "countries": ["JP", "KR", "HM"]}
    params = edition_params(tmp_path, "ci-absent", ["JP", "HM"], region)
    result = run_cli("build", "--params", str(params), "--workdir", str(tmp_path), "--mirror", str(mirror))
    assert result.returncode == 2  # bad input found inside a section is bad input, not a failed section
    message = result.stdout + result.stderr
    assert "error: section partnership: params focus_pair HM-JP" in message
    assert "focus_pair HM-JP" in message and "HM does not appear in the openalex pairs table" in message
    assert not (tmp_path / "_build" / "ci-absent" / "findings" / "partnership.json").exists()
