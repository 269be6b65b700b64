"""The policy-context notebook with params/ci.yml: counts equal the curated events
file read independently; the timeline is filterable, labels every mark, cites each
event's source and starts at the window; the event table is folded on the web."""

from __future__ import annotations

import csv
import html
import json
import re

import pytest

from briefing.config import load_edition
from tests.conftest import CI_PARAMS, REPO, findings_of

EDITION = load_edition(CI_PARAMS)


@pytest.fixture(scope="module")
def events():
    with open(REPO / "data" / "curated" / "events.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def findings(ci_build):
    return findings_of(ci_build.build("ci"), "context")


def test_counts_equal_the_curated_file(findings, events):
    start, end = EDITION.window.start, EDITION.window.end
    inside = [e for e in events if start <= int(e["date"][:4]) <= end]
    assert findings[f"context.events_in_window.{start}-{end}"]["value"] == len(inside)
    assert findings[f"context.laws_in_window.{start}-{end}"]["value"] == sum(e["kind"] == "law" for e in inside)
    for jurisdiction in {e["jurisdiction"] for e in inside}:
        expected = sum(e["jurisdiction"] == jurisdiction for e in inside)
        assert findings[f"context.events_in_window.{jurisdiction}.{start}-{end}"]["value"] == expected


def test_timeline_is_filterable_and_linked(ci_build, events):
    spec = json.loads((ci_build.figures("ci") / "fig-ctx-timeline.vl.json").read_text())
    text = json.dumps(spec)
    assert '"bind": {"input": "select"' in text or '"input": "select"' in text
    assert '"bind": "legend"' in text
    assert '"href"' in text and "methods.html#src-" in text
    assert '"title": "Source"' in text and '"field": "source_id"' not in text  # citations, not raw ids
    with open(ci_build.figures("ci") / "fig-ctx-timeline.csv", encoding="utf-8") as handle:
        plotted = list(csv.DictReader(handle))
    # The axis starts at the window: earlier events are in the table and named in the text only.
    assert sorted(r["id"] for r in plotted) == sorted(e["id"] for e in events if int(e["date"][:4]) >= EDITION.window.start)
    svg = (ci_build.figures("ci") / "fig-ctx-timeline.svg").read_text()
    texts = {html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)}
    for row in plotted:  # every mark labelled, in print too
        assert f"{row['short']} ({row['jurisdiction']})" in texts


def test_every_event_is_in_the_folded_table_and_sources_have_anchors(ci_build, events):
    book = ci_build.build("ci") / "book"
    context = (book / "context.qmd").read_text()
    table = context.split("## Every event")[1]
    for event in events:
        assert event["date"] in table
    page = (ci_build.site / "ci" / "v1" / "context.html").read_text()
    # Folded on the web (html_tables.lua marks it long; tables.js folds it and adds a filter).
    wrap = page.split('id="tbl-ctx-events"')[0].rsplit('<div class="table-wrap', 1)[1]
    assert wrap.startswith(' long-table"')
    methods = (book / "methods.qmd").read_text()
    for source_id in {e["source_id"] for e in events}:
        assert f"{{#src-{source_id}}}" in methods


def test_summary_lists_highlights_with_figure_links(ci_build):
    index = (ci_build.build("ci") / "book" / "index.qmd").read_text()
    assert "(@fig-dec-poles)" in index and "### What to watch next edition" in index
    assert "(@fig-ctx-timeline)" not in index  # a count of the documents' events restates inputs
    assert "{{< briefing" not in index
