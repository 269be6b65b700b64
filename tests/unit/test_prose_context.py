"""The policy-context section on small frames of events: every sentence flips with its input,
the timeline starts at the window, labels every mark and cites sources in its tooltips."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import vl_convert as vlc

from briefing.charts.context import timeline_chart
from briefing.charts.export import VL_VERSION, chart_spec
from briefing.metrics import context as metrics
from briefing.prose import context as prose

NAMES = {"doc1": "Author (2023), Journal", "doc2": "Agency (2024)"}


def event(id, date, jurisdiction, kind, short, source="doc1"):
    precision = {4: "year", 7: "month", 10: "day"}[len(date)]
    return {"id": id, "date": date, "date_precision": precision, "year": int(date[:4]), "jurisdiction": jurisdiction,
            "kind": kind, "title": f"The {short} of {jurisdiction}", "short": short, "source_id": source,
            "seed_file": "x.txt", "locator": "para 2", "quote": "q"}


def frame(*rows) -> pd.DataFrame:
    columns = list(event("a", "2020", "DE", "law", "x"))
    return pd.DataFrame(list(rows), columns=columns).astype({"year": "int64"})


@pytest.fixture
def europe() -> pd.DataFrame:
    return frame(
        event("ev.eu.2005.old", "2005", "EU", "programme", "Old programme"),
        event("ev.de.2019.guide", "2019-03", "DE", "guideline", "Research guideline"),
        event("ev.fr.2020.law", "2020", "FR", "law", "Research law"),
        event("ev.de.2021.statement", "2021-06-01", "DE", "statement", "Minister's statement", "doc2"),
        event("ev.eu.2023.strategy", "2023", "EU", "statement", "Economic security strategy"),
    )


def summary(events, start=2018, end=2022) -> str:
    line = metrics.timeline(events, start, end)
    return prose.window_summary(line, metrics.acts_by_jurisdiction(line), start, end)


def test_summary_names_only_laws_as_laws_and_flips_with_the_kind(europe):
    text = summary(europe)
    assert "The law among them: Research law (France, 2020)." in text
    assert "Research guideline" not in text.split("The law among them")[1].split(".")[0]
    assert "The first is Research guideline (Germany, 2019-03); the latest, Minister's statement (Germany, 2021-06-01)." in text
    flipped = europe.assign(kind=europe["kind"].where(europe["id"] != "ev.de.2019.guide", "law"))
    assert "The laws among them: Research guideline (Germany, 2019-03) and Research law (France, 2020)." in summary(flipped)
    none = europe.assign(kind=europe["kind"].replace("law", "budget"))
    assert "None of them is a law: they are guidelines, budget decisions and statements." in summary(none)


def test_summary_names_who_acted_most_and_follows_the_data(europe):
    assert "record 3 policy acts on research security and collaboration: Germany (2) and France (1)." in summary(europe)
    more = pd.concat([europe, frame(event("ev.fr.2021.a", "2021", "FR", "budget", "Budget A"),
                                    event("ev.fr.2022.b", "2022", "FR", "budget", "Budget B"))], ignore_index=True)
    assert ": France (3) and Germany (2)." in summary(more)


def test_acts_before_the_window_are_named_as_left_off_the_timeline(europe):
    assert "An earlier act is in the table but not on the timeline: Old programme (the European Union, 2005)." in summary(europe)
    assert "earlier act" not in summary(europe, start=2005).lower()
    assert list(metrics.on_chart(metrics.timeline(europe, 2018, 2022), 2018)["id"]) == [
        "ev.de.2019.guide", "ev.fr.2020.law", "ev.de.2021.statement", "ev.eu.2023.strategy"]


def test_highlight_comes_from_the_series_own_events(europe):
    line = metrics.timeline(europe, 2018, 2022)
    [item] = prose.highlights(metrics.acts_by_jurisdiction(line), 2018, 2022)
    assert item["finding"] == "context.laws_in_window.2018-2022" and item["figure"] == "fig-ctx-timeline"
    assert item["text"] == ("Laws on research security and collaboration passed in 2018–2022: France (Research law). "
                            "Germany acted through guidelines and statements instead.")
    no_law = metrics.timeline(europe.assign(kind="statement"), 2018, 2022)
    [item] = prose.highlights(metrics.acts_by_jurisdiction(no_law), 2018, 2022)
    assert item["text"].startswith("No law on research security or collaboration is on record for 2018–2022: ")
    assert "Japan" not in item["text"] and "United States" not in item["text"]


def test_no_events_gives_one_sentence_on_how_to_add_them_and_no_crash():
    empty = frame()
    line = metrics.timeline(empty, 2018, 2022)
    acts = metrics.acts_by_jurisdiction(line)
    assert prose.window_summary(line, acts, 2018, 2022) == prose.NO_EVENTS
    assert "events.csv" in prose.NO_EVENTS and "curated.tables" in prose.NO_EVENTS
    assert prose.highlights(acts, 2018, 2022) == []
    shown = metrics.on_chart(line, 2018)
    assert "no policy act" in vlc.vegalite_to_svg(chart_spec(timeline_chart(shown, 2018, 2022, NAMES)),
                                                  vl_version=VL_VERSION).lower()


def test_timeline_starts_at_the_window_labels_marks_and_cites_in_tooltips(europe):
    line = metrics.timeline(europe, 2018, 2022)
    shown = metrics.on_chart(line, 2018)
    spec = chart_spec(timeline_chart(shown, 2018, 2022, NAMES))
    text = json.dumps(spec)
    days = [rows for rows in spec["datasets"].values() if rows and set(rows[0]) == {"day"}]
    assert days == [[{"day": "2018-01-01"}, {"day": "2023-12-31"}]]  # the window's first day to the last event's year
    assert "datetime" not in text and '"year": 2018' not in text  # no explicit time domain: layers' warn in the browser
    assert "Author (2023), Journal, para 2" in text and "Agency (2024), para 2" in text
    assert '"field": "citation"' in text and '"field": "source_id"' not in text
    svg = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)
    for label in ["Research guideline (DE)", "Research law (FR)", "Minister&apos;s statement (DE)",
                  "Economic security strategy (EU)"]:
        assert label in svg or label.replace("&apos;", "'") in svg
    assert "Old programme" not in svg


def test_markers_name_missing_events_of_the_series(europe):
    with pytest.raises(KeyError, match="not among this series' curated events"):
        metrics.markers(europe, ["ev.us.2018.china_initiative"], 2018, 2022)
    marks = metrics.markers(europe, ["ev.fr.2020.law", "ev.eu.2005.old"], 2018, 2022)
    assert list(marks["label"]) == ["Research law (FR)"]
