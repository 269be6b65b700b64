"""Checks of an assembled edition's words, shared by the tests that build editions: every
checked claim holds (or does not apply), no claim or omission markup is left, the executive
summary has four to seven messages (fewer only in an edition of fewer sections), each
citing a figure, and a message about a series that turned inside the window
names the turn's year (drawn editions, tests/integration/test_property_params.py, may leave out a
claim their data contradict).

What a message must say is computed here from the raw mirror files (`tests/raw_series.py`),
never with `briefing.prose` or `briefing.quality`: the findings files say only which finding
each message is about, and which years of it the build flagged as one-year spikes."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from briefing.config import Edition
from tests.raw_series import raw_series, turn_year

CHAPTERS = ("index.qmd", "partnership.qmd", "decoupling.qmd", "methods.qmd")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]<>#+!|~^$@])")


def chapter(build: Path, name: str) -> str:
    return MARKDOWN_ESCAPE.sub(r"\1", (build / "book" / name).read_text(encoding="utf-8"))


def summary_messages(build: Path) -> list[str]:
    text = chapter(build, "index.qmd").split("## Key findings", 1)[1].split("### What to watch", 1)[0]
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def findings_and_highlights(build: Path) -> tuple[dict[str, dict], list[dict]]:
    findings, highlights = {}, []
    for path in sorted((build / "findings").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        findings.update({f["id"]: f for f in data["findings"]})
        highlights += data.get("highlights", [])
    return findings, highlights


def spike_years(findings: dict[str, dict], prefix: str) -> set[int]:
    return {y for fid, f in findings.items() if fid.rsplit(".", 1)[0] == prefix
            for c in f.get("caveats", []) if c["kind"] == "spike" for y in c.get("years", [])}


def check_words(build: Path, edition: Edition, mirror: Path, strict: bool = True) -> None:
    """`strict`: every claim holds or does not apply (an edition built with --strict); else a claim
    the data contradict may have been left out (a drawn edition: tests/edition_checks.py checks it
    is not printed)."""
    claims = json.loads((build / "claims.json").read_text())["claims"]
    allowed = {"holds", "not_applicable"} | (set() if strict else {"contradicted"})
    assert {c["status"] for c in claims} <= allowed, claims
    for name in CHAPTERS:
        if (build / "book" / name).is_file():
            text = chapter(build, name)
            assert "{.claim" not in text and "{.omitted}" not in text and "{{<" not in text, name
    messages = summary_messages(build)
    findings, highlights = findings_and_highlights(build)
    assert 1 <= len(messages) <= 7 and (len(messages) >= 4 or len(edition.sections) < 4), messages
    assert all(re.search(r"\(@fig-[a-z-]+\)$", m) for m in messages), messages
    window = (edition.window.start, edition.window.end)
    for item in highlights:
        if "weight" in item:
            continue  # a pattern across countries (the section weighed it): about many series, it names no one's turn
        line = next((m for m in messages if m.startswith(item["text"].rstrip("."))), None)
        head, _, last = item["finding"].rpartition(".")
        if line is None or not re.fullmatch(r"\d{4}", last):
            continue
        series, kind = raw_series(mirror, head, window, edition.region.countries)
        spikes = spike_years(findings, head)
        year = turn_year({y: v for y, v in series.items() if y not in spikes}, kind)
        if year is not None:
            assert str(year) in line, (item["finding"], year, line)
    check_key_figures(build, edition, mirror, [item for item in highlights
                                               if any(m.startswith(item["text"].rstrip(".")) for m in messages)])


def check_key_figures(build: Path, edition: Edition, mirror: Path, shown: list[dict]) -> None:
    """The summary's key-figures chart: drawn when two or more of its messages are about a yearly
    series (at most six panels, in the messages' order), each panel's values the raw series over the
    window up to its finding's year (less the years flagged as spikes), its breaks the years the
    findings flag, a turn labelled where the raw series turned; left out (no image, no CSV) when
    fewer than two messages have a series."""
    csv_path = build / "book" / "figures" / "key-figures.csv"
    page = chapter(build, "index.qmd")
    window = (edition.window.start, edition.window.end)
    findings, _ = findings_and_highlights(build)
    yearly = []  # the messages' yearly series with two years or more to draw, each once
    for item in shown:
        prefix, _, year = item["finding"].rpartition(".")
        if re.fullmatch(r"\d{4}", year) and prefix not in yearly:
            series, _ = raw_series(mirror, prefix, (window[0], int(year)), edition.region.countries)
            if len([y for y in series if y not in spike_years(findings, prefix)]) >= 2:
                yearly.append(prefix)
    if not csv_path.is_file():
        assert len(yearly) < 2 and "(figures/key-figures.svg)" not in page, yearly
        return
    assert "![Key figures:" in page and "[Data (CSV)](figures/key-figures.csv)" in page
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    panels = list(dict.fromkeys(r["series_id"] for r in rows))
    assert min(len(yearly), 6) <= len(panels) <= 6, (yearly, panels)
    order = [i for i, item in enumerate(shown) for p in panels if item["finding"].rpartition(".")[0] == p]
    assert order == sorted(order), "the panels follow the messages' order"
    spec = json.loads((build / "book" / "figures" / "key-figures.vl.json").read_text(encoding="utf-8"))
    drawn = (build / "book" / "figures" / "key-figures.svg").read_text(encoding="utf-8")
    for number, prefix in enumerate(panels, start=1):
        mine = [r for r in rows if r["series_id"] == prefix]
        item = next(i for i in shown if i["finding"].rpartition(".")[0] == prefix
                    or (findings[i["finding"]].get("robustness") or {}).get("series") == prefix)
        end = item["finding"].rpartition(".")[2]
        last = int(end) if re.fullmatch(r"\d{4}", end) else int(end.split("-")[1])
        first = window[0] if re.fullmatch(r"\d{4}", end) else int(end.split("-")[0])
        series, kind = raw_series(mirror, prefix, (first, min(window[1], last)), edition.region.countries)
        series = {y: v for y, v in series.items() if y not in spike_years(findings, prefix)}
        assert [int(r["year"]) for r in mine] == sorted(series), (prefix, mine)
        for r in mine:
            assert abs(float(r["value"]) - series[int(r["year"])]) <= 1e-6 * max(1.0, abs(series[int(r["year"])])), r
        flagged = sorted({y for fid, f in findings.items() if fid.rpartition(".")[0] == prefix
                          for c in f.get("caveats", []) if c["kind"] in ("level_shift", "source_break")
                          for y in c.get("years", []) if min(series) < y <= max(series)})
        rules = sorted(round(m["x"] + 0.5) for part in _panel_data(spec, number) for m in part if "x" in m)
        assert rules == flagged, (prefix, rules, flagged)
        year = turn_year(series, kind)
        if year is not None and kind == "share":
            assert f"{series[year]:.1f}%" in drawn, (prefix, year)
        elif year is not None and kind == "count":
            assert f"{series[year]:,.0f}" in drawn, (prefix, year)


def _panel_data(spec: dict, number: int) -> list[list[dict]]:
    """The inline data sets of the `number`-th panel of the wide chart (its layers' rows)."""
    panel = spec["concat"][number - 1]
    names = [layer.get("data", {}).get("name") for layer in panel["layer"]]
    return [spec["datasets"][n] for n in names if n]
