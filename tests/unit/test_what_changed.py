""""What changed" (Appendix B) and the site index on a tiny site written here: the first
sentence says whether any figure was revised, every change once with its cause, values with
their own years, a parameter change named, the previous edition's watch list followed up, and
the index telling each version's cause."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from briefing.config import load_edition
from briefing.infra.fingerprint import package_fingerprint
from briefing.render.site_index import write_site_index
from briefing.report.changes import changes_text
from briefing.report.site import History
from tests.conftest import REPO


def edition_at(tmp_path: Path, **changes):
    data = yaml.safe_load((REPO / "params" / "ci.yml").read_text())
    data.update({"edition": "2025", "series": "east-asia", "window": {"start": 2015, "end": 2023}, **changes})
    path = tmp_path / f"{data['edition']}.yml"
    path.write_text(yaml.safe_dump(data))
    return load_edition(path)


def finding(id, value, unit="works", label="", caveats=(), source="openalex"):
    return {"id": id, "label": label or id, "value": value, "unit": unit, "source": source,
            **({"caveats": list(caveats)} if caveats else {})}


def works(pair, year, value, name="Japan–South Korea"):
    return finding(f"pair.works.{pair}.{year}", value, label=f"Co-authored works, {name}, {year}")


def share(year, value):
    return finding(f"exposure.share_pct.SG.CN.{year}", value, "pct",
                   f"Share of Singapore's international works co-authored with China, {year}")


def scenario(year, value):
    return finding(f"scenario.intl_loss_pct.SG.CN.100.{year}", value, "pct",
                   f"Share of Singapore's international works ({year}) lost if co-authorship with China fell by 100%")


def publish(site: Path, edition, version: int, found, snapshots=None, changes=None, watch=None, compared_with=None):
    folder = site / edition.edition / f"v{version}"
    folder.mkdir(parents=True)
    manifest = {"edition": edition.edition, "version": version, "content_key": f"{edition.edition}-{version}",
                "series": edition.series_name, "compared_with": compared_with, "code": package_fingerprint(),
                "published_at": f"2026-01-0{version}T00:00:00Z", "parameters": edition.model_dump(mode="json"),
                "inputs": {"raw": {s: {"snapshot_id": i} for s, i in (snapshots or {"openalex": "m1"}).items()}},
                "changes": changes}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / "findings.json").write_text(json.dumps({"edition": edition.edition, "findings": list(found)}))
    (folder / "changes.html").write_text("<p>What changed</p>")
    if watch is not None:
        (folder / "watch.json").write_text(json.dumps(watch))


def build_at(tmp_path: Path, snapshots: dict) -> Path:
    build = tmp_path / "build"
    (build / "data").mkdir(parents=True, exist_ok=True)
    (build / "data" / "inputs.json").write_text(json.dumps(
        {"snapshots": {s: {"snapshot_id": i} for s, i in snapshots.items()}, "curated": {}}))
    (build / "data" / "sources.json").write_text(json.dumps(
        {"datasets": {"openalex": {"short": "OpenAlex"}, "ncses": {"short": "NCSES SEI"}}}))
    return build


def by_id(*items) -> dict:
    return {f["id"]: f for f in items}


OLD = [works("JP-KR", 2021, 90), works("JP-KR", 2022, 100), share(2022, 45.0), scenario(2022, 45.0),
       finding("exposure.peak_year.SG.US.2014-2022", 2014, "year",
               "Year Singapore's share of international works with the United States was highest, 2014–2022"),
       finding("partnership.growth_pct.JP-KR.2014-2022", 22.1, "pct_change",
               "Change in co-authored works, Japan–South Korea, 2014–2022")]
NEW = by_id(works("JP-KR", 2021, 90), works("JP-KR", 2022, 100), works("JP-KR", 2023, 80), share(2023, 47.9),
            scenario(2023, 47.9),
            finding("exposure.peak_year.SG.US.2015-2023", 2015, "year",
                    "Year Singapore's share of international works with the United States was highest, 2015–2023"),
            finding("partnership.growth_pct.JP-KR.2015-2023", 35.3, "pct_change",
                    "Change in co-authored works, Japan–South Korea, 2015–2023"))


def site_with_2024(tmp_path: Path, watch=None):
    site = tmp_path / "_site"
    old = edition_at(tmp_path, edition="2024", window={"start": 2014, "end": 2022})
    publish(site, old, 1, OLD, watch=watch)
    return site


def test_the_same_snapshots_one_window_on_nothing_revised_every_change_the_window(tmp_path):
    site, edition = site_with_2024(tmp_path), edition_at(tmp_path)
    text = changes_text(edition, site, History(baseline="2024/v1"), NEW, build_at(tmp_path, {"openalex": "m1"}))
    assert text.split("\n")[0] == (
        "No figure was revised: every finding that the 2024 edition (version 1) and this version both state for "
        "the same year or span has the same value from its source (both read the same snapshot of every source).")
    assert "the previous edition in this series: its data window was 2014–2022, this edition's is 2015–2023." in text
    causes = [line for line in text.split("\n") if line.startswith("- ") and ": " in line and "moved" in line]
    assert causes == ["- The window moving on: 5 followed one window on moved."]
    assert "2 findings are unchanged." in text  # 2021 and 2022, stated by both
    # Each value with its own year; the label without one; the peak year without a separator.
    assert "| Co-authored works, Japan–South Korea | 100 (2022) | 80 (2023) | \u221220.0% |" in text
    assert ("| Change in co-authored works, Japan–South Korea | \\+22% (2014–2022) | \\+35% (2015–2023) | \\+13.2 pp "
            "| base year moved from 2014 to 2015 |") in text
    assert "| 2014 (2014–2022) | 2015 (2015–2023) | \\+1 year | span moved from 2014–2022 to 2015–2023 |" in text
    assert not re.search(r"\b(19|20)\d,\d{3}\b|\b2,0\d\d\b", text)
    # The scenario restates the share's move: listed once.
    assert text.count("47.9% (2023)") == 1 and "lost if co-authorship" not in text
    assert "Moved most: Co-authored works, Japan–South Korea (100 in 2022, 80 in 2023, \u221220.0%)" in text


def test_a_revision_is_said_first_with_both_snapshots(tmp_path):
    site, edition = site_with_2024(tmp_path), edition_at(tmp_path)
    new = {**NEW, "pair.works.JP-KR.2021": works("JP-KR", 2021, 95)}
    text = changes_text(edition, site, History(baseline="2024/v1"), new, build_at(tmp_path, {"openalex": "m2"}))
    assert text.split("\n")[0] == ("1 figure was revised since the 2024 edition (version 1): the same year, another "
                                   "value from the source (OpenAlex, snapshot m1 then, m2 now).")
    assert "{#tbl-changes-revised}" in text and "| Co-authored works, Japan–South Korea | 90 (2021) | 95 (2021) |" in text


def test_a_parameter_change_is_named_and_a_first_edition_says_so(tmp_path):
    site = site_with_2024(tmp_path)
    v1 = edition_at(tmp_path)
    publish(site, v1, 1, NEW.values(), compared_with="2024/v1")
    italy = edition_at(tmp_path, countries=[*v1.countries, "IT"])
    new = {**NEW, "pair.works.IT-JP.2023": works("IT-JP", 2023, 4715, "Italy–Japan")}
    text = changes_text(italy, site, History(baseline="2024/v1", previous="2025/v1"), new,
                        build_at(tmp_path, {"openalex": "m1"}))
    assert text.split("\n")[0].startswith("No figure was revised")
    assert ("Since version 1 of this edition (published 2026-01-01): Italy added to the countries. Against it, 1 "
            "findings are new, 0 are no longer stated and 0 changed under the same id.") in text
    assert "- The edition's parameters (Italy added to the countries): 1 are new." in text
    first = edition_at(tmp_path, edition="2023", window={"start": 2013, "end": 2021})
    assert changes_text(first, site, History(), {}).startswith("This is the first edition of the east-asia series")


def test_what_the_previous_edition_said_to_watch_is_followed_up(tmp_path):
    watch = {"edition": "2024", "items": [
        {"item": "turn", "prefix": "pair.works.JP-US", "label": "Co-authored works, Japan–United States",
         "unit": "works", "kind": "peak", "turn_year": 2021, "turn_value": 21183.0, "latest_year": 2022,
         "latest": 19605.0, "near": False}]}
    site, edition = site_with_2024(tmp_path, watch), edition_at(tmp_path)
    new = {**NEW, **by_id(works("JP-US", 2021, 21183, "Japan–United States"),
                          works("JP-US", 2023, 21760, "Japan–United States"))}
    text = changes_text(edition, site, History(baseline="2024/v1"), new, build_at(tmp_path, {"openalex": "m1"}))
    assert "## What the 2024 edition (version 1) said to watch {#sec-changes-watch}" in text
    assert ("- Co-authored works, Japan–United States: the turn did not hold: 21,760 in 2023, above the 2021 high "
            "of 21,183 (\\+3%).") in text


def test_the_index_tells_the_series_story(tmp_path):
    site = site_with_2024(tmp_path)
    edition = edition_at(tmp_path)
    publish(site, edition, 1, NEW.values(), compared_with="2024/v1")
    publish(site, edition, 2, NEW.values(), compared_with="2024/v1",
            changes={"follows": "2025/v1", "causes": [{"cause": "parameters", "text": "Italy added to the countries"}]})
    page = write_site_index(site).read_text()
    assert f'<h2 id="series-east-asia">{edition.title}</h2>' in page and ">Series east-asia" not in page
    block = page.split('id="edition-2025"')[1].split("<h3")[0]
    assert "Data 2015–2023." in block and "Its latest version is compared with the 2024 edition (version 1)." in block
    assert ("<td>Italy added to the countries (<a href=\"2025/v2/changes.html\">what changed</a>)</td>") in block
    assert "<td>first version, compared with the 2024 edition (version 1) (<a href=\"2025/v1/changes.html\">" in block


def test_probable_source_changes_are_listed_once_from_the_findings_caveats(tmp_path):
    site, edition = site_with_2024(tmp_path), edition_at(tmp_path)
    caveat = {"kind": "source_change", "subject": "CH-JP+FR-JP+ES-JP", "years": [2023], "source": "openalex",
              "text": "Japan's co-authored works in OpenAlex with France, Switzerland and Spain all jumped in 2023."}
    new = {**NEW, "pair.works.FR-JP.2023": finding("pair.works.FR-JP.2023", 7329, caveats=[caveat]),
           "pair.works.CH-JP.2023": finding("pair.works.CH-JP.2023", 3873, caveats=[caveat])}
    text = changes_text(edition, site, History(baseline="2024/v1"), new, build_at(tmp_path, {"openalex": "m1"}))
    section = text.split("## Probable source changes {#sec-changes-source}")[1]
    assert section.count("jumped in 2023") == 1 and "(2 findings carry it.)" in section


def test_a_version_that_changed_only_its_text_says_which_pages(tmp_path):
    from types import SimpleNamespace

    from briefing.report.book import Chapter
    from briefing.report.diff import changes_since

    site, edition = tmp_path / "_site", edition_at(tmp_path)
    publish(site, edition, 1, NEW.values())
    manifest_path = site / "2025" / "v1" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "pages": {"partnership.qmd": "a", "funding.qmd": "b"}}))
    book = SimpleNamespace(previous="2025/v1", pages={"partnership.qmd": "a2", "funding.qmd": "b"},
                           chapters=[Chapter("partnership.qmd", "The partnership", ()), Chapter("funding.qmd", "R&D", ())])
    record = {**manifest, "version": 2, "pages": book.pages}
    assert changes_since(site, book, record, list(NEW.values())) == {
        "follows": "2025/v1", "causes": [{"cause": "text", "text": "the text of The partnership changed"}]}
