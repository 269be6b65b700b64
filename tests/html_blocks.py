"""A built HTML page read as a reader meets it, with the standard library's parser: the blocks of
its `<main>` in order (headings, paragraphs, list items, captions, source notes, table cells,
images' alt text), each with its text, the code spans in it and the ids of the sections it sits
in, and its tables (head and body rows). Scripts (chart specs), styles and the page's own
contents list are not read; the site's header and footer lie outside `<main>`."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "caption", "figcaption", "dt", "dd"}
SKIPPED = {"script", "style", "nav", "svg"}


@dataclass
class Block:
    kind: str  # the element: h2, p, li, td, ... or "alt"
    text: str
    sections: tuple[str, ...]  # the ids of the <section>s around it, outermost first
    code: list[str] = field(default_factory=list)  # the text of its <code> spans

    @property
    def section(self) -> str:
        return self.sections[-1] if self.sections else ""

    @property
    def level(self) -> int | None:
        return int(self.kind[1]) if self.kind[0] == "h" and self.kind[1:].isdigit() else None


@dataclass
class Table:
    id: str
    sections: tuple[str, ...]
    caption: str = ""
    head: list[list[str]] = field(default_factory=list)
    body: list[list[str]] = field(default_factory=list)


@dataclass
class Page:
    name: str
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_main = False
        self.skip = 0
        self.sections: list[str] = []
        self.open: list[tuple[str, list[str], list[str]]] = []  # block element, its text, its code spans
        self.code: list[str] | None = None
        self.part = "body"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if not self.in_main or self.skip or tag in SKIPPED:
            self.skip += tag in SKIPPED and self.in_main
            return
        if tag == "section":
            self.sections.append(attrs.get("id") or "")
        elif tag == "table":
            self.page.tables.append(Table(attrs.get("id") or "", self._section()))
        elif tag in ("thead", "tbody"):
            self.part = tag[1:]
        elif tag == "tr" and self.page.tables:
            rows = self.page.tables[-1].head if self.part == "head" else self.page.tables[-1].body
            rows.append([])
        elif tag == "img" and attrs.get("alt"):
            self.page.blocks.append(Block("alt", attrs["alt"], self._section()))
        elif tag == "code":
            self.code = []
        if tag in BLOCKS:
            self.open.append((tag, [], []))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if self.skip:
            self.skip -= tag in SKIPPED
            return
        if tag == "section" and self.sections:
            self.sections.pop()
        elif tag == "code" and self.code is not None:
            if self.open:
                self.open[-1][2].append("".join(self.code))
            self.code = None
        elif tag == "thead":
            self.part = "body"
        if tag in BLOCKS and self.open and self.open[-1][0] == tag:
            kind, parts, code = self.open.pop()
            text = " ".join("".join(parts).split())
            self.page.blocks.append(Block(kind, text, self._section(), code))
            if self.open:  # a block inside another (a paragraph in a list item) is the outer one's text too
                self.open[-1][1].append(" " + text + " ")
            if kind in ("td", "th") and self.page.tables and self.page.tables[-1].head + self.page.tables[-1].body:
                (self.page.tables[-1].head + self.page.tables[-1].body)[-1].append(text)
            elif kind == "caption" and self.page.tables:
                self.page.tables[-1].caption = text

    def handle_data(self, data):
        if self.in_main and not self.skip and self.open:
            self.open[-1][1].append(data)
            if self.code is not None:
                self.code.append(data)

    def _section(self) -> tuple[str, ...]:
        return tuple(self.sections)


def read_page(path: Path) -> Page:
    page = Page(path.name)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return page


def pages(html: Path) -> list[Page]:
    """Every page of a built HTML book (`_build/<edition>/html/`)."""
    return [read_page(path) for path in sorted(html.glob("*.html"))]
