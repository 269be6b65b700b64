"""The numbers a reader cites, read back from what a renderer published: each chapter's number
and title, and each figure's and table's number with the first words of its caption, from a
version's HTML pages and from its PDF. Shared by the built-in renderer's test (its HTML and PDF
carry the same numbers) and the Quarto test (Quarto's HTML and PDF carry the built-in ones)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from tests.print import pdf_layout

CAPTION = re.compile(r"^(Figure|Table)\s+([0-9A-Z]+\.\d+)\s*:\s*(.*)$")
CHAPTER = re.compile(r"^(?:Appendix\s+)?([0-9]+|[A-Z])(?:\s*[:—–-])?\s+(\S.*)$")
WORDS = 6
HEADING_HEIGHT = 14  # pt: a chapter's heading line (17 pt type) is taller than any other


def words(text: str, n: int = WORDS) -> str:
    """The first `n` words of a text, typographic quotes and dashes made plain."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ").replace("--", "–")
    return " ".join(text.split()[:n])


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def html_numbers(pages: list[Path]) -> dict[str, dict[str, str]]:
    """{'chapters': {number: title}, 'figures': {number: caption start}, 'tables': {...}} of HTML pages."""
    found = {"chapters": {}, "figures": {}, "tables": {}}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for heading in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S):
            if m := CHAPTER.match(_text(heading)):
                found["chapters"][m.group(1)] = words(m.group(2))
        for caption in re.findall(r"<(?:figcaption|caption)[^>]*>(.*?)</(?:figcaption|caption)>", html, re.S):
            if m := CAPTION.match(_text(caption)):
                found[m.group(1).lower() + "s"][m.group(2)] = words(m.group(3))
    return found


def pdf_numbers(pdf: Path) -> dict[str, dict[str, str]]:
    """The same, from a PDF's pages after its contents: chapter headings and caption lines."""
    found = {"chapters": {}, "figures": {}, "tables": {}}
    pages = pdf_layout.read_pages(pdf)
    for page in pages[2:]:
        lines = page.body
        for i, line in enumerate(lines):
            text = line.text
            if m := CAPTION.match(text):
                rest = " ".join([m.group(3), *(ln.text for ln in lines[i + 1:i + 3])])
                found[m.group(1).lower() + "s"].setdefault(m.group(2), words(rest))
            elif i == 0 and line.y1 - line.y0 > HEADING_HEIGHT and (m := CHAPTER.match(text)):
                found["chapters"].setdefault(m.group(1), words(m.group(2)))
    return found


def compared(a: dict[str, dict[str, str]], b: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Where two sets of numbers differ: each number whose title or caption start is not the same."""
    diff = {}
    for kind in a:
        numbers = sorted(set(a[kind]) | set(b[kind]))
        bad = [f"{n}: {a[kind].get(n)!r} / {b[kind].get(n)!r}" for n in numbers
               if not (a[kind].get(n) and b[kind].get(n) and _starts_alike(a[kind][n], b[kind][n]))]
        if bad:
            diff[kind] = bad
    return diff


def _starts_alike(x: str, y: str) -> bool:
    """The same first words, however far each side's line ran (a PDF line may end sooner)."""
    xs, ys = x.split(), y.split()
    n = min(len(xs), len(ys), WORDS)
    return n >= 2 and xs[:n] == ys[:n]
