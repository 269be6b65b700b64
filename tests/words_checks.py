"""Checks of an assembled edition's words, shared by the tests that build editions: every
checked claim holds (or does not apply), no claim or omission markup is left, and the
executive summary cites a figure for each message and names the turn of every series it
cites that turned inside the window."""

from __future__ import annotations

import json
import re
from pathlib import Path

from briefing.prose.fmt import unliteral
from briefing.prose.summary import series, split_id
from briefing.quality.turns import turn

CHAPTERS = ("index.qmd", "partnership.qmd", "decoupling.qmd", "methods.qmd")


def chapter(build: Path, name: str) -> str:
    return unliteral((build / "book" / name).read_text(encoding="utf-8"))


def summary_messages(build: Path) -> list[str]:
    text = chapter(build, "index.qmd").split("## Key findings", 1)[1].split("### What to watch", 1)[0]
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def check_words(build: Path) -> None:
    claims = json.loads((build / "claims.json").read_text())["claims"]
    assert {c["status"] for c in claims} <= {"holds", "not_applicable"}, claims
    for name in CHAPTERS:
        if (build / "book" / name).is_file():
            text = chapter(build, name)
            assert "{.claim" not in text and "{.omitted}" not in text and "{{<" not in text, name
    messages = summary_messages(build)
    assert 1 <= len(messages) <= 7
    assert all(re.search(r"\(@fig-[a-z-]+\)$", m) for m in messages), messages
    findings, highlights = {}, []
    for path in sorted((build / "findings").glob("*.json")):
        data = json.loads(path.read_text())
        findings.update({f["id"]: f for f in data["findings"]})
        highlights += data.get("highlights", [])
    for item in highlights:
        line = next((m for m in messages if item["text"][:60] in m), None)
        prefix, year = split_id(item["finding"])
        if line is None or year is None:
            continue
        unit = findings[item["finding"]]["unit"]
        found = turn(series(findings, prefix), unit) if unit != "rank" else None
        if found is not None and found.turning_point:
            assert str(found.year) in line, (item["finding"], found, line)
