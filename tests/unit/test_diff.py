"""Findings diff on hand-written findings: each change once, with its cause (revised, window,
parameters, method), pairs that are not comparable, and the formats readers see."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from briefing.errors import InputError
from briefing.render.diff_table import print_diff
from briefing.report import shown
from briefing.report.causes import Side, parameter_changes, version_causes
from briefing.report.diff import Moved, compare, diff_findings, load_findings, timeless


def item(id, value, unit="pct", source="openalex", label=None):
    return {"id": id, "label": label or id, "value": value, "unit": unit, "source": source}


def found(*items) -> dict:
    return {f["id"]: f for f in items}


PARAMS = {"edition": "2025", "title": "T", "countries": ["JP", "KR", "US"], "poles": ["US", "CN"],
          "window": {"start": 2015, "end": 2023}, "region": {"name": "Asia", "countries": ["JP", "KR", "CN"]},
          "scenarios": {"cuts_pct": [25, 50]}, "sections": {"funding": {}}}


def side(ref, findings, window=(2015, 2023), snapshots=None, parameters=None, commit="a1", code="c1", baseline=None):
    return Side(ref, findings, window, parameters or {**PARAMS, "edition": ref.split("/")[0]},
                snapshots or {"openalex": "mirror-1", "ncses": "mirror-9"}, {}, commit, code,
                {"openalex": "OpenAlex", "ncses": "NCSES SEI"}, baseline)


def test_added_removed_and_moved_sorted_by_size():
    old = found(item("a.x.1", 10.0, "works"), item("a.x.2", 100.0, "works"), item("a.x.3", 1.0, "works"),
                item("a.gone.1", 5, "works"), item("a.list.1", ["JP", "KR"], "country_codes"), item("a.zero.1", 0.0, "works"))
    new = found(item("a.x.1", 11.0, "works"), item("a.x.2", 150.0, "works"), item("a.x.3", 1.0, "works"),
                item("a.new.1", 7, "works"), item("a.list.1", ["KR", "JP"], "country_codes"), item("a.zero.1", 2.0, "works"))
    result = diff_findings(old, new)
    assert [m.id for m in result.moved] == ["a.x.2", "a.x.1", "a.zero.1", "a.list.1"]
    assert result.moved[0].relative_pct == pytest.approx(50.0)
    assert result.moved[2].relative_pct is None and result.moved[2].change == 2.0
    assert [f["id"] for f in result.added] == ["a.new.1"] and [f["id"] for f in result.removed] == ["a.gone.1"]
    assert result.unchanged == 1


def test_revised_is_the_same_year_with_another_value_from_a_new_snapshot_both_named():
    old = side("2025/v1", found(item("pair.works.JP-KR.2022", 100, "works"), item("gerd.KR.2022", 4.9, "pct_of_gdp",
                                                                              source="ncses")))
    new = side("2025/v2", found(item("pair.works.JP-KR.2022", 104, "works"), item("gerd.KR.2022", 4.9, "pct_of_gdp",
                                                                              source="ncses")),
               snapshots={"openalex": "mirror-2", "ncses": "mirror-9"})
    result = compare(old, new)
    (move,) = result.moved
    assert move.cause == "revised" and result.revised == [move]
    assert move.detail == "OpenAlex, snapshot mirror-1 then, mirror-2 now"
    assert result.unchanged == 1  # the NCSES figure: its snapshot did not change, nor its value
    assert {"cause": "revised", "text": "OpenAlex, snapshot mirror-1 then, mirror-2 now"} in result.causes


def test_a_parameter_change_is_named_for_readers():
    before = {**PARAMS}
    after = {**PARAMS, "countries": ["JP", "KR", "US", "IT"], "poles": ["US", "DE"],
             "region": {"name": "Asia", "countries": ["JP", "KR"]}, "scenarios": {"cuts_pct": [25, 50, 75]},
             "title": "Another", "sections": {"funding": {}, "context": {}}}
    assert parameter_changes(before, after) == [
        "Italy added to the countries", "the poles changed from United States–China to United States–Germany",
        "China removed from the region's countries", "75% added to the scenario cuts", "the title changed",
        "the context section added"]
    old = side("2025/v1", found(item("pair.rank.asia.JP-KR.2023", 3, "rank")))
    new = side("2025/v2", found(item("pair.rank.asia.JP-KR.2023", 2, "rank"), item("pair.works.IT-JP.2023", 9, "works")),
               parameters={**PARAMS, "countries": ["JP", "KR", "US", "IT"]})
    result = compare(old, new)
    assert [(m.cause, m.detail) for m in result.moved] == [("parameters", "Italy added to the countries")]
    assert result.added[0]["cause"] == "parameters"
    assert result.causes == [{"cause": "parameters", "text": "Italy added to the countries"}]


def test_a_code_change_is_a_method_change_naming_the_commit_range():
    old = side("2025/v1", found(item("x.JP.2023", 1.0)))
    new = side("2025/v2", found(item("x.JP.2023", 2.0)), commit="b2", code="c2")
    (move,) = compare(old, new).moved
    assert (move.cause, move.detail) == ("method", "the code changed (a1..b2)")
    same_code = side("2025/v2", found(item("x.JP.2023", 1.0)), commit="b2")  # a commit without code changes
    assert version_causes(old, same_code) == []


def test_one_window_on_each_series_latest_year_and_equal_spans_are_followed():
    old = side("2024/v1", found(item("pair.works.JP-KR.2021", 90, "works"), item("pair.works.JP-KR.2022", 100, "works"),
                                item("growth.JP-KR.2014-2022", 22.1, "pct_change"),
                                item("peak.SG.US.2014-2022", 2014, "year"),
                                item("cagr.CA.2014-2022", 1.9, "pct_per_year"),
                                item("share.KR.US.2022", 40.4, "pct"), item("share.KR.US.2014", 30.0, "pct")),
               window=(2014, 2022))
    new = side("2025/v1", found(item("pair.works.JP-KR.2022", 100, "works"), item("pair.works.JP-KR.2023", 110, "works"),
                                item("growth.JP-KR.2015-2023", 35.3, "pct_change"),
                                item("peak.SG.US.2015-2023", 2015, "year"),
                                item("cagr.CA.2015-2022", 2.7, "pct_per_year"),
                                item("share.KR.US.2023", 37.9, "pct", source="ncses")))
    result = compare(old, new)
    assert result.moved == [] and result.unchanged == 1  # 2022 stated by both: the same value
    assert {(m.old_id, m.id, m.cause) for m in result.advanced} == {
        ("pair.works.JP-KR.2022", "pair.works.JP-KR.2023", "window"),
        ("growth.JP-KR.2014-2022", "growth.JP-KR.2015-2023", "window"),
        ("peak.SG.US.2014-2022", "peak.SG.US.2015-2023", "window")}
    notes = {m.id: m.note for m in result.advanced}
    assert notes["growth.JP-KR.2015-2023"] == "base year moved from 2014 to 2015"
    assert notes["peak.SG.US.2015-2023"] == "span moved from 2014–2022 to 2015–2023"
    apart = {a["id"]: a["reason"] for a in result.not_comparable}
    assert apart == {"cagr.CA.2015-2022": "spans of different length: 2014–2022 then, 2015–2022 now",
                     "share.KR.US.2023": "another source: OpenAlex then, NCSES SEI now"}
    assert [(f["id"], f["cause"]) for f in result.removed] == [("pair.works.JP-KR.2021", "window"),
                                                              ("share.KR.US.2014", "window")]
    data = result.as_dict()
    for entry in [*data["moved"], *data["advanced"], *data["added"], *data["removed"], *data["not_comparable"]]:
        assert entry["cause"] == "window", entry
    same_window = side("2025/v2", new.findings | found(item("pair.works.JP-KR.2024", 120, "works")))
    assert compare(new, same_window).advanced == []  # one window: a new year is an addition, not a move


def test_a_finding_of_another_source_under_the_same_id_is_not_comparable():
    old = side("2025/v1", found(item("gerd.TW.2021", 3.8, "pct_of_gdp", source="ncses")))
    new = side("2025/v2", found(item("gerd.TW.2021", 3.6, "pct_of_gdp", source="worldbank")))
    result = compare(old, new)
    assert result.moved == [] and result.not_comparable[0]["reason"] == "another source: NCSES SEI then, worldbank now"


def test_values_are_shown_with_their_own_years_in_their_unit():
    assert shown.value(2014, "year") == "2014" and shown.at(2015.0, "year", (2015, 2023)) == "2015 (2015–2023)"
    assert shown.value(1.698123, "ratio") == "1.70" and shown.value(19605.0, "works") == "19,605"
    assert shown.when(19605.0, "works", (2022, 2022)) == "19,605 in 2022"
    assert shown.when(22.1, "pct_change", (2014, 2022)) == "+22% over 2014–2022"
    assert shown.value(["US", "CN", "KR"], "country_codes") == "United States, China, South Korea"
    ratio = Moved("r.2023", "r", "ratio", 1.698123, 1.7061, old_period=(2022, 2022), new_period=(2023, 2023))
    assert shown.change(ratio) == "+0.01"
    year = Moved("p.2015-2023", "p", "year", 2014, 2015)
    assert shown.change(year) == "+1 year"
    partners = Moved("t", "t", "country_codes", ["US", "KR", "IN"], ["US", "ES", "CH"])
    assert shown.change(partners) == "Spain and Switzerland in; South Korea and India out"
    assert timeless("Share of Singapore's international works (2023) lost if co-authorship fell by 100%",
                    (2023, 2023)) == "Share of Singapore's international works lost if co-authorship fell by 100%"
    assert timeless("Change in co-authored works, Japan–South Korea, 2015–2023", (2015, 2023)) == \
        "Change in co-authored works, Japan–South Korea"


def test_each_change_is_listed_once():
    share = Moved("exposure.share_pct.KR.US.2023", "a", "pct", 40.4, 37.9, old_period=(2022, 2022),
                  new_period=(2023, 2023))
    scenario = Moved("scenario.intl_loss_pct.KR.US.100.2023", "b", "pct", 40.4, 37.9, old_period=(2022, 2022),
                     new_period=(2023, 2023))
    other = Moved("exposure.share_pct.JP.US.2023", "c", "pct", 40.4, 37.9, old_period=(2022, 2022),
                  new_period=(2023, 2023))
    assert shown.one_each([share, scenario, other]) == [share, other]


def test_the_terminal_view_says_how_many_more_and_prints_no_year_with_a_separator():
    old = side("2024/v1", found(*[item(f"pair.works.JP-{c}.2022", 100 + i, "works", label=f"Works, {c}, 2022")
                                  for i, c in enumerate(["KR", "US", "CN", "DE"])],
                                item("peak.SG.US.2014-2022", 2014, "year", label="Peak, 2014–2022")), window=(2014, 2022))
    new = side("2025/v1", found(*[item(f"pair.works.JP-{c}.2023", 200 + i, "works", label=f"Works, {c}, 2023")
                                  for i, c in enumerate(["KR", "US", "CN", "DE"])],
                                item("peak.SG.US.2015-2023", 2015, "year", label="Peak, 2015–2023")))
    console = Console(record=True, width=200)
    print_diff(console, compare(old, new), limit=2)
    text = console.export_text()
    assert "and 3 more" in text and "No figure was revised" in text
    console = Console(record=True, width=200)
    print_diff(console, compare(old, new), limit=10)
    text = console.export_text()
    assert "and " not in text and "2014 (2014–2022)" in text and "+1 year" in text
    assert not re.search(r"\b[12],\d{3}\b", text)


def test_bad_reference(tmp_path):
    with pytest.raises(InputError, match="expected <edition>/v<N>"):
        load_findings(tmp_path, "2025-v1")
    with pytest.raises(InputError, match="no published version 2025/v3"):
        load_findings(tmp_path, "2025/v3")
