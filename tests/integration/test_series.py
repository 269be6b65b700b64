"""Series of editions end to end, through the CLI (called in-process), into one `_site/`
(tests/series_site.py, the session's `series_site`): the East Asia 2024 and 2025 editions (the
shipped params with few countries) and a Europe edition written by `briefing new` with the
series' own curated folder (two documents made for the test, tests/fixtures/europe) and an
unquoted NO among its countries, built as written. "What changed" compares within a series by window; the Europe edition's timeline,
markers and summary come from its own events only; bad curated rows stop with exit 2 and
leave the site byte-identical."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from briefing.prose import fmt
from briefing.report import shown
from briefing.report.changes import by_kind
from briefing.report.diff import advanced_findings, load_findings, load_window
from tests.conftest import REPO, copy_project, invoke, tree_bytes
from tests.series_site import FIXTURE, build

pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def site(series_site) -> SimpleNamespace:
    """The series site of tests/series_site.py, built once per run and shared with the yearly-cycle tests."""
    return series_site


def page(site: SimpleNamespace, edition: str, name: str) -> str:
    return (site.work / "_build" / edition / "book" / name).read_text(encoding="utf-8")


def test_2025_what_changed_names_2024_and_lists_what_moved(site):
    text = page(site, "2025", "changes.qmd")
    assert ("Compared with the 2024 edition (version 1, published " in text
            and "the previous edition in this series: its data window was 2014–2022, this edition's is "
                "2015–2023." in text)
    moved = advanced_findings(load_findings(site.site, "2024/v1"), load_findings(site.site, "2025/v1"),
                              load_window(site.site, "2024/v1"), load_window(site.site, "2025/v1"))
    counts, rates, _ = (shown.one_each(part) for part in by_kind(moved))
    assert len(counts) >= 5 and len(rates) >= 5
    sentence = text.split("Moved most: ")[1].split("\n")[0]
    for move in [*counts[:2], *rates[:2]]:  # what moved most of each kind, named in the sentence and in the tables
        assert fmt.literal(move.label) in sentence and f"| {fmt.literal(move.label)} |" in text
    assert "first edition" not in text
    html = (site.site / "2025" / "v1" / "changes.html").read_text(encoding="utf-8")
    assert "Compared with the 2024 edition" in html and 'id="tbl-changes-window"' in html
    assert json.loads((site.site / "2025" / "v1" / "manifest.json").read_text())["compared_with"] == "2024/v1"


def test_first_editions_say_so_and_series_never_mix(site):
    assert "This is the first edition of the east-asia series published here" in page(site, "2024", "changes.qmd")
    europe = page(site, "europe-2022", "changes.qmd")
    assert "This is the first edition of the europe series published here" in europe
    assert "Compared with" not in europe
    manifest = json.loads((site.site / "europe-2022" / "v1" / "manifest.json").read_text())
    assert manifest["series"] == "europe" and manifest["compared_with"] is None


def test_the_site_index_groups_series_and_links_each_edition_to_its_predecessor(site):
    index = (site.site / "index.html").read_text(encoding="utf-8")
    assert index.index('id="series-east-asia"') < index.index('id="edition-2025"') < index.index('id="edition-2024"')
    europe = index.index('id="series-europe"')
    assert europe < index.index('id="edition-europe-2022"') and not europe < index.index('id="edition-2025"') < \
        index.index('id="edition-europe-2022"')  # each series' editions together, under their series
    block = index.split('id="edition-2025"')[1].split("<h3")[0]
    assert 'Previous edition: <a href="#edition-2024">2024</a> (data 2014–2022)' in block


def test_diff_without_versions_compares_an_edition_with_its_predecessor(site):
    result = invoke("diff", "--params", str(site.params / "2025.yml"), "--workdir", str(site.work), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["old"], data["new"]) == ("2024/v1", "2025/v1") and data["advanced"]
    first = invoke("diff", "--params", str(site.europe), "--workdir", str(site.work))
    assert first.returncode == 0 and "first version of the first edition of series europe" in " ".join(first.stdout.split())
    explicit = invoke("diff", "2024/v1", "europe-2022/v1", "--workdir", str(site.work), "--json")
    assert explicit.returncode == 0 and json.loads(explicit.stdout)["new"] == "europe-2022/v1"


def test_briefing_new_wrote_unquoted_no_reported_coverage_and_built_as_written(site):
    text = site.europe.read_text(encoding="utf-8")
    assert "countries: [DE, FR, US, CN, SE, NO, FI]" in text and "curated:" in text
    assert "wrote " in site.new_output.stdout and "series europe" in " ".join(site.new_output.stdout.split())
    manifest = json.loads((site.site / "europe-2022" / "v1" / "manifest.json").read_text())
    assert "NO" in manifest["parameters"]["countries"]
    curated = manifest["inputs"]["curated"]  # the series' own rows and documents are inputs of the version
    assert {"europe-curated/events.csv", "europe-curated/facts.csv", "europe-curated/documents.yml",
            "documents/de_fr_research_2023.txt", "documents/eu_research_security_2024.txt"} <= set(curated)
    assert not any(name.startswith("seeds/") or name.endswith("data/curated/events.csv") for name in curated)
    assert (site.site / "europe-2022" / "v1" / "briefing-europe-2022-v1.pdf").is_file()


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_europe_timeline_markers_and_summary_hold_only_its_own_events(site):
    own = rows(FIXTURE / "events.csv")
    east_asia = rows(REPO / "data" / "curated" / "events.csv")
    figures = site.work / "figures" / "europe-2022"
    plotted = rows(figures / "fig-ctx-timeline.csv")
    assert sorted(r["id"] for r in plotted) == sorted(e["id"] for e in own if int(e["date"][:4]) >= 2020)
    context = page(site, "europe-2022", "context.qmd")
    summary = page(site, "europe-2022", "index.qmd")
    trend = (figures / "fig-pair-trend.vl.json").read_text(encoding="utf-8")
    for event in east_asia:
        for text in (context, summary, trend):
            assert event["title"] not in text and f"{event['short']} (" not in text, event["id"]
    assert "Research programming law (FR)" in trend  # the series' own law marks the pair's chart
    for chapter in ("decoupling.qmd", "methods.qmd"):  # the East Asia essay is not this series' document
        assert "essay" not in page(site, "europe-2022", chapter), chapter
    for event in own:
        assert event["title"] in context  # the table lists them all
    facts = rows(FIXTURE / "facts.csv")
    funding = page(site, "europe-2022", "funding.qmd")
    # The series' own published figures, compared where the window (2020–2022) reaches them; those of
    # other years are named as left out, in one sentence.
    inside = [f for f in facts if 2020 <= int(f["year"]) <= 2022]
    assert all(f"{float(f['value']):.2f}%" in funding for f in inside)
    if len(inside) < len(facts):
        said = " ".join((funding + page(site, "europe-2022", "methods.qmd")).split())
        assert "outside this edition's window (2020–2022)" in said


# Bad curated input: one case at a time, against the published site ----------------------------

def work_files(work: Path) -> dict[str, bytes]:
    return {name: data for name, data in tree_bytes(work).items() if name != ".briefing.lock"}


@pytest.mark.parametrize(("name", "old", "new", "expected"), [
    ("events.csv", "published a Joint Communication", "issued a Joint Communication",
     "events.csv, line 4, column 'quote': does not occur verbatim in its document"),
    ("facts.csv", ",2.2,pct_of_gdp,2018,FR,defrtest2023,", ",2.2,pct_of_gdp,2018,FR,nosuchdoc,",
     "facts.csv, line 3, column 'source_id': not a document of documents.yml"),
    ("events.csv", "2023-07-13,day,", "13/07/2023,day,",
     "events.csv, line 5, column 'date': date does not match its precision (YYYY, YYYY-MM or YYYY-MM-DD)"),
])
def test_bad_series_rows_exit_2_naming_file_row_and_rule_and_leave_the_site(site, tmp_path, mirror, name, old, new,
                                                                              expected):
    case = tmp_path / "case"
    shutil.copytree(site.root / "europe-curated", case / "europe-curated")
    (case / "params").mkdir()
    shutil.copyfile(site.europe, case / "params" / site.europe.name)
    path = case / "europe-curated" / name
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    before = work_files(site.work)
    result = build(case / "params" / site.europe.name, site.work, mirror)
    assert result.returncode == 2, result.stdout + result.stderr
    message = " ".join(result.stderr.split())
    assert message.count("error:") == 1 and expected in message and str(path) in message
    assert work_files(site.work) == before


def test_a_default_series_quote_not_in_its_seed_exits_2(site, tmp_path, mirror):
    project = copy_project(tmp_path / "project")
    facts = project / "data" / "curated" / "facts.csv"
    text = facts.read_text(encoding="utf-8")
    quote = rows(facts)[0]["quote"]
    facts.write_text(text.replace(quote, quote.replace(quote.split()[-1], "nowhere-in-the-seed"), 1), encoding="utf-8")
    before = work_files(site.work)
    result = build(site.params / "2025.yml", site.work, mirror, cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "facts.csv, line 2, column 'quote': does not occur verbatim in its document" in " ".join(result.stderr.split())
    assert work_files(site.work) == before


@pytest.mark.parametrize(("args", "expected"), [
    (["--region", "atlantis"], "--region atlantis: not a named region of regions.yml; known: africa, asean, "
                               "asia-pacific"),
    (["--region", "europe", "--countries", "SE", "XX"], "--countries: not ISO 3166-1 alpha-2 country codes: ['XX']"),
    (["--region", "europe", "--window", "2023-2015"], "--window 2023-2015: the first year is after the last"),
    (["--region", "europe", "--window", "23-2015"], "--window 23-2015: expected FIRST-LAST years"),
    (["--region", "europe", "--curated", "somewhere"], "--curated/--documents: give both"),
])
def test_briefing_new_refuses_bad_requests_and_writes_nothing(tmp_path, args, expected):
    target = tmp_path / "new.yml"
    result = invoke("new", str(target), "--focus", "DE", "FR", "--poles", "US", "CN", *args,
                     "--workdir", str(tmp_path / "work"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in " ".join(result.stderr.split())
    assert not target.exists()


def test_briefing_new_never_overwrites_a_params_file(tmp_path):
    target = tmp_path / "mine.yml"
    target.write_text("edition: mine\n")
    result = invoke("new", str(target), "--focus", "DE", "FR", "--poles", "US", "CN", "--region", "europe",
                     "--workdir", str(tmp_path / "work"))
    assert result.returncode == 2 and "already exists" in result.stderr
    assert target.read_text() == "edition: mine\n"
