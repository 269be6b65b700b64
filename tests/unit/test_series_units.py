"""Series of editions on small inputs: params read as an analyst writes them (NO is Norway),
`series:` and `curated:`, named regions, coverage sentences, findings followed one window
on between editions, and the site index by series ("What changed": tests/unit/test_what_changed.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from briefing.config import load_edition
from briefing.errors import InputError
from briefing.infra.yaml_model import read_yaml
from briefing.render.site_index import write_site_index
from briefing.report.diff import advanced_findings, diff_findings
from briefing.series.coverage import coverage, span, summary
from briefing.sources.regions import load_regions
from tests.conftest import REPO


def write(tmp_path: Path, text: str | None = None, **changes) -> Path:
    data = yaml.safe_load((REPO / "params" / "ci.yml").read_text())
    data.update(changes)
    path = tmp_path / "params.yml"
    path.write_text(text if text is not None else yaml.safe_dump(data))
    return path


def test_unquoted_country_codes_stay_codes(tmp_path):
    text = (REPO / "params" / "ci.yml").read_text().replace("countries: [JP, KR, US, CN, TW]",
                                                            "countries: [JP, KR, US, CN, SE, NO, FI]")
    edition = load_edition(write(tmp_path, text))
    assert edition.countries == ["JP", "KR", "US", "CN", "SE", "NO", "FI"]
    assert read_yaml("a: [NO, ON, YES, Y, n, off]\nb: true\nc: False") == {
        "a": ["NO", "ON", "YES", "Y", "n", "off"], "b": True, "c": False}


def test_other_bad_codes_keep_their_clear_message(tmp_path):
    text = (REPO / "params" / "ci.yml").read_text().replace("countries: [JP, KR, US, CN, TW]",
                                                            "countries: [JP, NO, XX]")
    with pytest.raises(InputError) as caught:
        load_edition(write(tmp_path, text))
    assert "key 'countries'" in str(caught.value) and "item 2: 'XX' is not an ISO 3166-1 alpha-2" in str(caught.value)


def test_series_defaults_to_the_edition_and_curated_folders_are_relative_to_the_file(tmp_path):
    plain = load_edition(write(tmp_path))
    assert plain.series is None and plain.series_name == "ci" and plain.curated is None
    edition = load_edition(write(tmp_path, series="europe", curated={"tables": "cur", "documents": "cur/docs"}))
    assert edition.series_name == "europe"
    assert edition.curated_folder("tables") == (tmp_path / "cur").resolve()
    assert edition.curated_folder("documents") == (tmp_path / "cur" / "docs").resolve()
    assert load_edition(write(tmp_path, curated={})).curated_folder("tables") is None


@pytest.mark.parametrize(("changes", "key", "rule"), [
    ({"curated": {"tables": "cur"}}, "curated", "name their folder in 'documents' too"),
    ({"curated": {"events": "x"}}, "curated.events", "unknown key"),
    ({"series": "east asia!"}, "series", "should match pattern"),
])
def test_bad_series_and_curated_keys(tmp_path, changes, key, rule):
    with pytest.raises(InputError) as caught:
        load_edition(write(tmp_path, **changes))
    assert f"key '{key}" in str(caught.value) and rule in str(caught.value)


def test_named_regions_are_valid_codes_with_a_source():
    regions = load_regions(REPO / "data" / "regions.yml")
    assert {"europe", "asia-pacific", "east-asia", "eu27"} <= set(regions)
    assert "NO" in regions["europe"].countries and "TW" in regions["east-asia"].countries
    assert len(regions["eu27"].countries) == 27 and "GB" not in regions["eu27"].countries
    params = yaml.safe_load((REPO / "params" / "2025.yml").read_text())
    assert list(regions["asia-pacific"].countries) == params["region"]["countries"]
    assert all(r.source and r.name for r in regions.values())


def test_coverage_is_summed_up_in_one_line_per_source_and_one_for_the_regions_members(tmp_path):
    edition = load_edition(write(tmp_path, focus_pair=["JP", "TW"], poles=["US", "CN"], countries=["JP", "TW", "XK"],
                                 region={"name": "East Asia", "countries": ["JP", "TW", "CN", "MO", "KP", "MN"]},
                                 window={"start": 2020, "end": 2022}))
    pairs = pd.DataFrame([("openalex", "all", y, a, b, 10) for y in (2020, 2021, 2022)
                          for a, b in [("CN", "JP"), ("JP", "TW"), ("CN", "US")]]
                         + [("openalex", "all", 2021, "TW", "XK", 1), ("openalex", "all", 2022, "CN", "MN", 1)],
                         columns=["source", "field", "year", "country_a", "country_b", "works"])
    rd = pd.DataFrame([("worldbank", "JP", 2020, "gerd_pct_gdp", 3.2), ("ncses", "TW", 2021, "gerd_pct_gdp", 3.8),
                       ("oecd", "JP", 2021, "gerd_usd_ppp_m_const2015", 1.0),
                       ("oecd", "US", 2021, "gerd_usd_ppp_m_const2015", 1.0),
                       ("ncses", "JP", 2019, "gbard_usd_ppp_m", 1.0)],
                      columns=["source", "country", "year", "indicator", "value"])
    short = {"openalex": "OpenAlex", "worldbank": "World Bank WDI", "ncses": "NCSES SEI", "oecd": "OECD"}
    lines = summary(coverage({"pairs": pairs, "rd_indicators": rd}, edition, short), edition)
    assert lines == [
        "OpenAlex has co-authored works by pair for only part of 2020–2022 for 1 of the 5 countries compared: "
        "Kosovo (2021)",
        "World Bank WDI has no R&D intensity for 4 of the 5 countries compared in 2020–2022: Taiwan, United States, "
        "China and Kosovo; NCSES SEI used for Taiwan (2021); left out of that comparison: United States, China and "
        "Kosovo",
        "OECD has no GERD in PPP dollars for 3 of the 5 countries compared in 2020–2022: Taiwan, China and Kosovo; "
        "left out of R&D spending",
        "NCSES SEI has no co-authored articles for both focus countries: Japan and Taiwan; the cross-source "
        "check leaves them out",
        "NCSES SEI has no government R&D budget by objective for 1 of the 2 focus countries: Taiwan; that chart "
        "leaves it out",
        "2 of the 6 East Asia members have no co-authored works in OpenAlex for 2020–2022 and are left out of the "
        "region's pairs: Macao and North Korea; 1 has them for only part of the window: Mongolia (2022)"]
    flipped = rd.assign(source=rd["source"].replace({"ncses": "worldbank"}))
    lines = summary(coverage({"pairs": pairs, "rd_indicators": flipped}, edition, short), edition)
    assert "R&D intensity for 3 of the 5 countries compared in 2020–2022: United States, China and Kosovo; left out " \
           "of that comparison" in lines[1]
    assert span([2015, 2016, 2017, 2020, 2022, 2023]) == "2015–2017, 2020, 2022–2023"


def item(id, value, unit="works", caveats=()):
    return {"id": id, "label": id.replace(".", " "), "value": value, "unit": unit, "source": "s",
            **({"caveats": list(caveats)} if caveats else {})}


def findings(*items) -> dict:
    return {f["id"]: f for f in items}


def test_findings_are_followed_one_window_on_between_editions():
    old = findings(item("pair.works.JP-KR.2021", 90), item("pair.works.JP-KR.2022", 100),
                   item("growth.JP-KR.2014-2022", 10.0, "pct"), item("rank.JP-KR.2022", 4, "rank"))
    new = findings(item("pair.works.JP-KR.2022", 101), item("pair.works.JP-KR.2023", 80),
                   item("growth.JP-KR.2015-2023", 11.0, "pct"), item("rank.JP-KR.2023", 4, "rank"))
    moved = advanced_findings(old, new, (2014, 2022), (2015, 2023))
    assert [(m.old_id, m.id) for m in moved] == [("pair.works.JP-KR.2022", "pair.works.JP-KR.2023"),
                                                 ("growth.JP-KR.2014-2022", "growth.JP-KR.2015-2023")]
    assert moved[0].relative_pct == pytest.approx(-20.0)
    result = diff_findings(old, new, windows=((2014, 2022), (2015, 2023)))
    assert [m.id for m in result.moved] == ["pair.works.JP-KR.2022"]  # a revision of the same year
    assert advanced_findings(old, new, (2015, 2023), (2015, 2023)) == []  # versions of one edition


def publish(site: Path, edition: str, version: int, series: str | None, window: tuple[int, int], found=(),
            title="A briefing", date="2026-01-0{v}"):
    folder = site / edition / f"v{version}"
    folder.mkdir(parents=True)
    parameters = {"title": title, "window": {"start": window[0], "end": window[1]},
                  **({"series": series} if series else {})}
    (folder / "manifest.json").write_text(json.dumps({
        "edition": edition, "version": version, "content_key": f"{edition}{version}", "parameters": parameters,
        "published_at": date.format(v=version) + "T00:00:00Z", **({"series": series} if series else {})}))
    (folder / "findings.json").write_text(json.dumps({"edition": edition, "findings": list(found)}))


def test_site_index_groups_series_newest_first_and_links_predecessors(tmp_path):
    publish(tmp_path, "2024", 1, "east-asia", (2014, 2022), title="East Asia 2024")
    publish(tmp_path, "2025", 1, "east-asia", (2015, 2023), title="East Asia 2025")
    publish(tmp_path, "2025", 2, "east-asia", (2015, 2023), title="East Asia 2025")
    publish(tmp_path, "zz-europe", 1, "europe", (2016, 2022), title="Europe")
    publish(tmp_path, "ci", 1, None, (2014, 2020), title="CI")
    page = write_site_index(tmp_path).read_text()
    headings = re.findall(r"<h[23] id=\"([^\"]+)\"", page)
    assert headings == ["series-east-asia", "edition-2025", "edition-2024", "series-europe", "edition-zz-europe",
                        "series-ci", "edition-ci"]
    block_2025 = page.split('id="edition-2025"')[1].split("<h3")[0]
    assert 'Previous edition: <a href="#edition-2024">2024</a> (data 2014–2022)' in block_2025
    assert block_2025.index("version 2") < block_2025.index("version 1")
    assert "The first edition of its series" in page.split('id="edition-zz-europe"')[1].split("<h")[0]


EVENT_HEADER = "id,date,date_precision,jurisdiction,kind,title,short,source_id,seed_file,locator,quote\n"
EVENT_ROW = "ev.de.2021.act,2021-05,month,DE,law,The act of 2021,The act,doc,doc.txt,para 1,\"The act was passed in May 2021\"\n"


def curated_folder(tmp_path: Path, row: str = EVENT_ROW, listing: str | None = None) -> tuple[Path, Path]:
    tables, docs = tmp_path / "tables", tmp_path / "docs"
    tables.mkdir(exist_ok=True)
    docs.mkdir(exist_ok=True)
    (docs / "doc.txt").write_text("Background.\nThe act was passed\n  in May 2021 after a long debate.\n")
    (tables / "documents.yml").write_text(listing or "documents:\n  doc:\n    citation: Agency (2021). A report.\n"
                                                     "    file: doc.txt\n")
    (tables / "events.csv").write_text(EVENT_HEADER + row)
    return tables, docs


def read_series(tmp_path: Path, **kwargs):
    from briefing.sources import registry
    from briefing.sources.curated import read_curated
    from briefing.sources.documents import CuratedInputs, Documents

    tables, docs = curated_folder(tmp_path, **kwargs)
    listed = tables / "documents.yml"
    inputs = CuratedInputs(tables, Documents(registry.series_documents(listed), listed, docs), tmp_path / "n.csv")
    return read_curated(inputs)


def test_series_rows_are_read_with_quotes_checked_whitespace_aside(tmp_path):
    tables = read_series(tmp_path)
    assert list(tables["events"]["id"]) == ["ev.de.2021.act"] and tables["events"]["year"].tolist() == [2021]
    assert tables["facts"].empty and list(tables["facts"].columns)[:2] == ["id", "statement"]


@pytest.mark.parametrize(("kwargs", "where", "rule"), [
    ({"row": EVENT_ROW.replace("passed in May", "signed in May")}, "events.csv, line 2, column 'quote'",
     "does not occur verbatim in its document"),
    ({"row": EVENT_ROW.replace(",doc,doc.txt,", ",nodoc,doc.txt,")}, "events.csv, line 2, column 'source_id'",
     "not a document of documents.yml (known: ['doc'])"),
    ({"row": EVENT_ROW.replace("2021-05,month", "2021-5,month")}, "events.csv, line 2, column 'date'",
     "date does not match its precision"),
    ({"listing": "documents:\n  doc:\n    citation: A.\n    file: gone.txt\n"}, "documents.yml: key 'documents.doc'",
     "its file 'gone.txt' is not in"),
    ({"listing": "documents:\n  doc:\n    file: doc.txt\n"}, "documents.yml: key 'documents.doc.citation'",
     "required"),
])
def test_bad_series_rows_name_file_row_and_rule(tmp_path, kwargs, where, rule):
    with pytest.raises(InputError) as caught:
        read_series(tmp_path, **kwargs)
    assert where in str(caught.value) and rule in str(caught.value)


def test_a_section_key_set_to_an_empty_list_is_written_not_commented_out():
    """An empty list overrides the notebook's default (gbard_countries defaults to JP and KR):
    `briefing new` for countries NCSES has no budgets for must write it, or the file reads back
    with the default and `briefing new` stops (seen for --focus SE FI)."""
    from briefing.infra.yaml_model import read_yaml
    from briefing.series.new import _section

    keys = {"gbard_countries": "Budgets by objective.", "seed_intensity_facts": "Published intensity."}
    block = "\n".join(["sections:", *_section("funding", {"gbard_countries": []}, keys)])
    assert read_yaml(block) == {"sections": {"funding": {"gbard_countries": []}}}
    block = "\n".join(["sections:", *_section("funding", {}, keys)])
    assert read_yaml(block) == {"sections": {"funding": {}}}
