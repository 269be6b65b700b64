"""Typographic checks on a rendered PDF, from the words poppler finds on each page
(`pdftotext -bbox-layout`): text inside the margins, every table caption on the page where
its table starts, no page left more than half empty but before a chapter. Every page is also
kept as a PNG (`pdftoppm`) for a reader to look at."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

CM = 72 / 2.54
# The house page (src/briefing/render/templates/house.typ): A4, these margins.
MARGINS = {"left": 2.2 * CM, "right": 2.2 * CM, "top": 2.5 * CM, "bottom": 2.3 * CM}
TOLERANCE = 1.0  # pt: glyph boxes may overhang their advance by a hair
# pt: typst sets the last line's baseline on the bottom margin and the first line's cap height
# on the top one; descenders and accents hang past them by up to a quarter of an em.
DESCENT = 3.0
LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def body(self) -> list[Line]:
        """Lines between the top and bottom margins (not the running header or footer)."""
        return [ln for ln in self.lines if _in_body(ln, self.height)]

    @property
    def words(self) -> list[Word]:
        return [w for ln in self.lines for w in ln.words]


def _in_body(line: Line, height: float) -> bool:
    return line.y0 >= MARGINS["top"] - DESCENT and line.y1 <= height - MARGINS["bottom"] + DESCENT


def read_pages(pdf: Path) -> list[Page]:
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = []
    for number, (width, height, body) in enumerate(PAGE.findall(html), start=1):
        lines = []
        for *box, inner in LINE.findall(body):
            words = tuple(Word(*map(float, w[:4]), unescape(w[4])) for w in WORD.findall(inner))
            lines.append(Line(*map(float, box), words))
        lines.sort(key=lambda ln: (round(ln.y0, 1), ln.x0))
        pages.append(Page(number, float(width), float(height), tuple(lines)))
    return pages


def outside_margins(page: Page) -> list[str]:
    """Words that cross the left or right margin, or stand in the top or bottom margin
    but for the running header and the page number."""
    left, right = MARGINS["left"] - TOLERANCE, page.width - MARGINS["right"] + TOLERANCE
    bad = [f"p{page.number}: {w.text!r} x {w.x0:.1f}-{w.x1:.1f}" for w in page.words if w.x0 < left or w.x1 > right]
    for line in page.lines:
        in_body = _in_body(line, page.height)
        running = (line.y1 < MARGINS["top"] and line.y0 > 0.9 * CM) or \
                  (line.y0 > page.height - MARGINS["bottom"] and re.fullmatch(r"\d+ / \d+", line.text))
        if not in_body and not running:
            bad.append(f"p{page.number}: {line.text[:60]!r} y {line.y0:.1f}-{line.y1:.1f}")
    return bad


def caption_pages(pages: list[Page], prefix: str) -> dict[str, tuple[Page, Line]]:
    """Captions by number ('Table 2.2' -> its page and line): a line that starts with
    '<prefix> <number>:'."""
    found = {}
    pattern = re.compile(rf"^{prefix}\s(\S+?):")
    for page in pages:
        for line in page.body:
            match = pattern.match(line.text)
            if match and match.group(1) not in found:
                found[match.group(1)] = (page, line)
    return found


def first_lines_after(page: Page, line: Line, count: int) -> list[Line]:
    """The `count` body lines below `line` on its page (a table's header and first rows)."""
    below = [ln for ln in page.body if ln.y0 > line.y1 - TOLERANCE and ln is not line]
    return below[:count]


def nearly_empty(pages: list[Page], chapter_titles: list[str], skip_first: int = 2) -> list[str]:
    """Pages whose content ends above the middle of the text area, unless a chapter starts on
    the next page (or the page is the last, the title page or the contents)."""
    starts = set()
    for page in pages:
        body = page.body
        if body and any(body[0].text.startswith(title) for title in chapter_titles):
            starts.add(page.number)
    bad = []
    middle = MARGINS["top"] + (pages[0].height - MARGINS["top"] - MARGINS["bottom"]) / 2 if pages else 0
    for page in pages[skip_first:-1]:
        if page.number + 1 in starts:
            continue
        lowest = max((ln.y1 for ln in page.body), default=0)
        if lowest < middle:
            bad.append(f"p{page.number}: content ends at {lowest:.0f}pt, above the middle ({middle:.0f}pt)")
    return bad


def blank_pages(pages: list[Page]) -> list[int]:
    """Pages after the title page with nothing between their margins."""
    return [page.number for page in pages[1:] if not page.body]


def save_pngs(pdf: Path, folder: Path, dpi: int = 60) -> list[Path]:
    """Every page as `<folder>/page-NN.png`, replacing what was there."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True,
                   capture_output=True)
    return sorted(folder.glob("page-*.png"))
