"""Figure, table and section numbers across the whole book, computed once so that
cross-references resolve between pages."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.report.book import Chapter

LABEL = re.compile(r"\{#((?:fig|tbl|sec)-[A-Za-z0-9_-]+)[\s}]")
KINDS = {"fig": "Figure", "tbl": "Table", "sec": "Section"}


def page_name(chapter_file: str) -> str:
    return chapter_file.removesuffix(".qmd") + ".html"


def chapter_numbers(chapters: list[Chapter]) -> dict[str, str]:
    """The index (title page) is unnumbered; chapters count from 1, appendices from A."""
    numbers, n, letter = {}, 0, 0
    for chapter in chapters:
        if chapter.file == "index.qmd":
            numbers[chapter.file] = ""
        elif chapter.appendix:
            numbers[chapter.file] = chr(ord("A") + letter)
            letter += 1
        else:
            n += 1
            numbers[chapter.file] = str(n)
    return numbers


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
