"""Print rules checked on a rendered PDF's text boxes (`pdf_layout.read_pages`) against the print
document they were made from (`briefing.qmd`: its headings, figures, tables and source notes),
shared by the default edition's and another focus pair's print tests:

- a figure stands on the page of its caption, above it (the texts its SVG draws are there);
- a figure stays under its own section: its caption comes after its section's heading and before
  the next heading;
- no figure stands inside a table: no figure caption between a table's caption and its note;
- a table that breaks repeats its header at the top of every page it continues on, and its last
  row never stands alone on a page;
- no page inside a chapter is more than a third empty (a chapter's last page may be);
- no page ends with a heading.

Everything expected is read from the print document, the SVG files and the PDF, with code of
its own: nothing is asked of the renderer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from tests.print import pdf_layout
from tests.print.pdf_layout import MARGINS, Line, Page

MOST_EMPTY = 1 / 3
HEADING = re.compile(r"^(#{1,3}) (.+?)(?: \{[^}]*\})?$")
FIGURE = re.compile(r"^!\[(.*)\]\(figures/([^)]+\.svg)\)\{#(fig-[\w-]+)")
TABLE = re.compile(r"^: .*\{#(tbl-[\w-]+)\}$")
SVG_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)


@dataclass
class Item:
    """A figure or a table of the print document, in document order, with its section."""

    label: str
    kind: str
    section: str  # the heading above it
    following: str | None  # the next heading after it
    svg: str = ""
    caption: str = ""
    header: list[str] | None = None
    rows: list[list[str]] | None = None
    note: str = ""  # a table's source note ("" for a table without one: its end cannot be told)


def plain(markdown: str) -> str:
    """Markdown inline text as printed: no escapes, emphasis, links' targets or attributes."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", markdown)
    text = re.sub(r"\\(.)", r"\1", text).replace("**", "").replace("*", "")
    return " ".join(text.replace("--", "–").split())


def document_items(combined: str) -> list[Item]:
    """Figures and tables of the print document, each with its section heading and the next one,
    a table with its header, rows and source note."""
    lines = combined.splitlines()
    headings = [(i, plain(m.group(2))) for i, ln in enumerate(lines) if (m := HEADING.match(ln))]
    items = []
    for i, line in enumerate(lines):
        section = next((t for j, t in reversed(headings) if j < i), "")
        following = next((t for j, t in headings if j > i), None)
        if m := FIGURE.match(line):
            items.append(Item(m.group(3), "figure", section, following, svg=m.group(2), caption=plain(m.group(1))))
        elif m := TABLE.match(line):
            rows = [[plain(c) for c in ln.strip().strip("|").split("|")] for ln in _pipe_rows(lines, i + 2)]
            end = i + 2 + len(rows)
            note = plain(lines[end + 2]) if lines[end + 1:end + 2] == ["::: {.source-note}"] else ""
            items.append(Item(m.group(1), "table", section, following, header=rows[0], rows=rows[2:], note=note))
    return items


def _pipe_rows(lines: list[str], start: int) -> list[str]:
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def svg_texts(svg: Path) -> set[str]:
    """Words of three letters or more that an SVG draws."""
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", t)) for t in SVG_TEXT.findall(svg.read_text(encoding="utf-8")))
    return {w for w in re.findall(r"[A-Za-z]{3,}", text)}


def same(text: str) -> str:
    """Text compared as printed and as written: typographic quotes as plain ones."""
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def at(pages: list[Page], prefix: str) -> tuple[Page, Line] | None:
    """The first body line that starts with `prefix`, and its page (not in the contents)."""
    for page in pages:
        for line in page.body:
            if same(line.text).startswith(same(prefix)) and ". . ." not in line.text:
                return page, line
    return None


def order(found: tuple[Page, Line]) -> tuple[int, float]:
    page, line = found
    return page.number, line.y0


def captions(pages: list[Page], items: list[Item]) -> dict[str, tuple[Page, Line]]:
    """Each item's caption line, by label, in document order: the k-th 'Figure' caption of the PDF
    is the k-th figure of the document (numbers as printed)."""
    found = {}
    for kind, prefix in (("figure", "Figure"), ("table", "Table")):
        printed = sorted(pdf_layout.caption_pages(pages, prefix).values(), key=order)
        labels = [it.label for it in items if it.kind == kind]
        assert len(printed) == len(labels), f"{len(printed)} {prefix} captions printed for {len(labels)} in the document"
        found.update(zip(labels, printed, strict=True))
    return found


def headings(pages: list[Page], items: list[Item]) -> dict[str, tuple[Page, Line]]:
    """Where each section heading the items name is printed (its first line)."""
    wanted = {t for it in items for t in (it.section, it.following) if t}
    return {t: found for t in wanted if (found := at(pages, t[:40]))}


def figure_problems(pages: list[Page], items: list[Item], figures: Path) -> list[str]:
    """Figures away from their caption, or out of their section."""
    places, heads, bad = captions(pages, items), headings(pages, items), []
    for item in (it for it in items if it.kind == "figure"):
        page, caption = places[item.label]
        drawn = svg_texts(figures / item.svg)
        above = {w for ln in page.lines if ln.y1 <= caption.y0 + 1 for w in re.findall(r"[A-Za-z]{3,}", ln.text)}
        if drawn and len(drawn & above) < 0.8 * len(drawn):
            bad.append(f"{item.label}: its caption is on p{page.number}, its drawing is not above it there")
        if item.section in heads and order(heads[item.section]) > order(places[item.label]):
            bad.append(f"{item.label}: printed before its section's heading {item.section!r}")
        if item.following in heads and order(heads[item.following]) < order(places[item.label]):
            bad.append(f"{item.label}: printed under the next section's heading {item.following!r}")
    return bad


def table_problems(pages: list[Page], items: list[Item]) -> list[str]:
    """Figures inside a table, a continued table without its header, a last row alone."""
    places, bad = captions(pages, items), []
    figure_places = [order(places[it.label]) for it in items if it.kind == "figure"]
    for item in (it for it in items if it.kind == "table" and it.note):
        start_page, caption = places[item.label]
        note = _note_line(pages, start_page.number, caption.y1, item.note)
        if note is None:
            bad.append(f"{item.label}: its note {item.note[:40]!r} is not printed after it")
            continue
        end_page, end = note
        inside = [f for f in figure_places if order(places[item.label]) < f < (end_page.number, end.y0)]
        if inside:
            bad.append(f"{item.label}: a figure caption stands between its caption and its note")
        for page in pages[start_page.number:end_page.number]:  # the pages it continues on
            first = page.body[0].text if page.body else ""
            if not first.startswith(item.header[0].split()[0]):
                bad.append(f"{item.label}: continues on p{page.number} without its header ({first[:40]!r})")
        if end_page.number > start_page.number and len(item.rows) > 1:
            last, before = (_row_found(end_page, row, end.y0) for row in item.rows[-2:][::-1])
            if last and not before:
                bad.append(f"{item.label}: its last row stands alone on p{end_page.number}")
    return bad


def _note_line(pages: list[Page], page_number: int, after: float, note: str) -> tuple[Page, Line] | None:
    """The first line of a table's source note after its caption."""
    start = note.split(" [")[0][:30]
    for page in pages[page_number - 1:]:
        for line in page.body:
            if (page.number > page_number or line.y0 > after) and same(line.text).startswith(same(start)):
                return page, line
    return None


def _row_found(page: Page, row: list[str], before: float) -> bool:
    """Whether a table row is printed on `page` above `before`: a line of words that holds the
    first word of each of its non-empty cells."""
    firsts = [cell.split()[0] for cell in row if cell.strip()]
    words = [w for w in page.words if w.y1 <= before + 1]
    for anchor in words:
        band = {w.text for w in words if abs(w.y0 - anchor.y0) < 2}
        if all(f in band for f in firsts):
            return True
    return False


def stranded_headings(pages: list[Page], combined: str) -> list[str]:
    """Pages whose last line is a heading of the document: a heading away from its text."""
    titles = {same(plain(m.group(2))) for ln in combined.splitlines() if (m := HEADING.match(ln))}
    return [f"p{page.number}: ends with the heading {page.body[-1].text!r}" for page in pages
            if page.body and same(page.body[-1].text) in titles]


def underfilled(pages: list[Page], chapter_titles: list[str]) -> list[str]:
    """Pages inside a chapter whose content ends with more than a third of the text area empty
    (not the title page or the contents, not the last page of a chapter)."""
    starts = {p.number for p in pages if p.body and any(p.body[0].text.startswith(t) for t in chapter_titles)}
    first = min(starts, default=len(pages) + 1)
    top, area = MARGINS["top"], pages[0].height - MARGINS["top"] - MARGINS["bottom"]
    bad = []
    for page in pages[first - 1:-1]:
        if page.number + 1 in starts:
            continue
        lowest = max((ln.y1 for ln in page.body), default=top)
        empty = 1 - (lowest - top) / area
        if empty > MOST_EMPTY:
            bad.append(f"p{page.number}: {empty:.0%} of the page left empty inside a chapter")
    return bad


# What a caption may promise, and how its chart's SVG shows it drawn.
PROMISES = {
    "hollow points": re.compile(r'<path[^>]*aria-roledescription="point"[^>]*fill="(?:white|#fff(?:fff)?)"', re.I),
    "shaded": re.compile(r'aria-roledescription="rect mark"[^>]*opacity="0\.\d+"'),
    "dashed lines": re.compile(r'aria-roledescription="line mark"[^>]*stroke-dasharray="(?!1,0")[\d.,]+"'),
}


HOLLOW_YEARS = re.compile(r"Hollow points[^:]*: ([^.]*?), provisional")
MARKED = re.compile(r'<path aria-label="([^"]*)"[^>]*(?:aria-roledescription="point"[^>]*fill="(?:white|#fff(?:fff)?)"'
                    r'|aria-roledescription="bar"[^>]*opacity="0\.\d+")', re.I)


def broken_promises(items: list[Item], figures: Path) -> list[str]:
    """Figures whose caption names a mark (hollow points, a shaded band, dashed lines) that their
    chart does not draw; hollow points (or a lighter bar) for each year the caption names."""
    bad = []
    for item in (it for it in items if it.kind == "figure"):
        svg = (figures / item.svg).read_text(encoding="utf-8")
        for promise, drawn in PROMISES.items():
            if promise in item.caption.lower() and not drawn.search(svg):
                bad.append(f"{item.label}: its caption promises {promise}, its chart draws none")
        marked = " ".join(MARKED.findall(svg))
        for years in HOLLOW_YEARS.findall(item.caption):
            for year in re.findall(r"\d{4}", years):
                if not re.search(rf"[Yy]ear: {year}\b", marked):
                    bad.append(f"{item.label}: its caption promises hollow points for {year}, none drawn")
    return bad
