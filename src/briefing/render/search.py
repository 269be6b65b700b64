"""The built-in site's search index: every chapter, section, figure and table of the rendered
pages as a document (page, anchor, kind, title, text), written as `search-index.js` beside
the pages. A figure's text is its alt text and the words its chart draws (its static SVG's
labels: "NSPM-33 (US)", "Indonesia–Malaysia"), which a reader may type having seen them. `assets/search.js` loads it and lunr (`assets/lunr.min.js`, from npm) when a
reader first uses the search box; a script file, not a fetch, so search works from a file
share as well as a server, and offline."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from briefing.infra.fileio import write_text_atomic

INDEX_FILE = "search-index.js"
TABLE_TEXT = 3000  # characters of a table's cells kept for search
SKIPPED = {"script", "style", "nav", "header", "footer"}


class _Page(HTMLParser):
    """Documents of one page: its title, each section, figure and table with its own text."""

    def __init__(self, page: str, folder: Path | None = None):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.folder = folder
        self.docs: list[dict] = []
        self.open: list[dict] = []  # documents being read, innermost last
        self.skip = 0
        self.in_article = False
        self.title_doc: dict | None = None
        self.heading: dict | None = None
        self.caption: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED:
            self.skip += 1
        elif tag == "h1" and "title" in (attrs.get("class") or ""):
            self.title_doc = self._start("chapter", "", tag)
            self.heading = self.title_doc
        elif tag == "article":
            self.in_article = True
        elif tag == "section" and attrs.get("id"):
            self._start("section", attrs["id"], tag)
        elif tag in ("figure", "table") and attrs.get("id"):
            self._start(tag, attrs["id"], tag)
        elif tag in ("h2", "h3", "h4") and self.open and self.open[-1]["kind"] == "section" and not self.open[-1]["title"]:
            self.heading = self.open[-1]
        elif tag in ("figcaption", "caption") and self.open and self.open[-1]["kind"] in ("figure", "table"):
            self.caption = self.open[-1]
        elif tag == "img" and self.open and self.open[-1]["kind"] == "figure":
            self.open[-1]["text"] += [attrs.get("alt") or "", *chart_words(self.folder, attrs.get("src") or "")]

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skip = max(self.skip - 1, 0)
        elif tag in ("h1", "h2", "h3", "h4"):
            self.heading = None
            if tag == "h1" and self.title_doc is not None:
                self._finish(self.title_doc)
        elif tag in ("figcaption", "caption"):
            self.caption = None
        elif tag == "article":
            self.in_article = False
        elif self.open and self.open[-1]["tag"] == tag:
            self._finish(self.open.pop())

    def handle_data(self, data):
        if self.skip or not data.strip():
            return
        if self.heading is not None:
            self.heading["title"] += data
        elif self.caption is not None:
            self.caption["title"] += data
        elif self.open:
            self.open[-1]["text"].append(data)

    def _start(self, kind: str, anchor: str, tag: str) -> dict:
        doc = {"kind": kind, "anchor": anchor, "tag": tag, "title": "", "text": []}
        if kind != "chapter":
            self.open.append(doc)
        return doc

    def _finish(self, doc: dict) -> None:
        text = " ".join(" ".join(doc["text"]).split())
        if doc["kind"] == "table":
            text = text[:TABLE_TEXT]
        title = " ".join(doc["title"].split())
        if title or text:
            self.docs.append({"page": self.page, "anchor": doc["anchor"], "kind": doc["kind"],
                              "title": title, "text": text})


SVG_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)


def chart_words(folder: Path | None, src: str) -> list[str]:
    """The texts a chart's static SVG draws (labels, axis titles, legend), each once, in order;
    none for an image that is not a local SVG."""
    if folder is None or not src.endswith(".svg") or "://" in src or src.startswith("/"):
        return []
    svg = folder / src
    if not svg.is_file():
        return []
    texts = [" ".join(unescape(re.sub(r"<[^>]+>", " ", t)).split()) for t in SVG_TEXT.findall(svg.read_text("utf-8"))]
    return list(dict.fromkeys(t for t in texts if t))


def page_documents(path: Path) -> list[dict]:
    parser = _Page(path.name, path.parent)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    chapter = next((d["title"] for d in parser.docs if d["kind"] == "chapter"), path.stem)
    order = {"chapter": 0, "section": 1, "figure": 2, "table": 3}
    docs = sorted(parser.docs, key=lambda d: (order[d["kind"]], d["anchor"]))
    return [dict(d, chapter=chapter) for d in docs]


def write_search_index(folder: Path, pages: list[Path]) -> Path:
    """`search-index.js` in `folder` for the rendered `pages` (in reading order): the same
    bytes for the same pages."""
    docs = [doc for page in pages for doc in page_documents(page)]
    payload = json.dumps({"docs": docs}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Inside a script: no "</" may close it early.
    payload = re.sub(r"</", r"<\\/", payload)
    target = folder / INDEX_FILE
    write_text_atomic(target, f"window.BRIEFING_SEARCH = {payload};\n")
    return target
