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
        line = next((m for m in messages if item["text"][:60] in m), None)
        head, _, last = item["finding"].rpartition(".")
        if line is None or not re.fullmatch(r"\d{4}", last):
            continue
        series, kind = raw_series(mirror, head, window, edition.region.countries)
        spikes = spike_years(findings, head)
        year = turn_year({y: v for y, v in series.items() if y not in spikes}, kind)
        if year is not None:
            assert str(year) in line, (item["finding"], year, line)
