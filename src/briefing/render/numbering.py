"""Figure, table and section numbers across the whole book, computed once so that
cross-references resolve between pages, and the same in every format: the built-in HTML and
PDF read them here, and the Quarto print document gets them written in (render/quarto.py).
Chapters are numbered by `report.book.chapter_numbers`."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.report.book import Chapter, chapter_numbers, page_name

LABEL = re.compile(r"\{#((?:fig|tbl|sec)-[A-Za-z0-9_-]+)[\s}]")
KINDS = {"fig": "Figure", "tbl": "Table", "sec": "Section"}


def crossref_map(book: Path, chapters: list[Chapter]) -> dict[str, dict[str, str]]:
    """label -> {number, page, kind}; figures and tables numbered <chapter>.<n>."""
    numbers = chapter_numbers(chapters)
    refs: dict[str, dict[str, str]] = {}
    for chapter in chapters:
        counters = {"fig": 0, "tbl": 0}
        text = (book / chapter.file).read_text(encoding="utf-8")
        for label in LABEL.findall(text):
            kind = label.split("-", 1)[0]
            if label in refs:
                raise ValueError(f"label {label} is defined twice in the book")
            if kind == "sec":
                number = ""
            else:
                counters[kind] += 1
                prefix = numbers[chapter.file]
                number = f"{prefix}.{counters[kind]}" if prefix else str(counters[kind])
            refs[label] = {"number": number, "page": page_name(chapter.file), "kind": KINDS[kind]}
    return refs
