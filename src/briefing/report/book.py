"""The book: chapters in `_quarto.yml` order, the embeds they name, the labelled
outputs of executed section notebooks, and the markdown each output becomes.
Both renderers read the book that `briefing.stages.assemble` writes with these."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.workspace import Workspace
from briefing.markup import literal as md_escape
from briefing.markup import unliteral
from briefing.tables import METADATA_KEY

EMBED = re.compile(r"\{\{<\s*embed\s+(?P<path>[^#\s]+)#(?P<label>[A-Za-z0-9_-]+)\s*>\}\}")
META = re.compile(r"\{\{<\s*meta\s+(?P<key>[A-Za-z0-9_.-]+)\s*>\}\}")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
COMBINED = "briefing.qmd"


@dataclass(frozen=True)
class Chapter:
    file: str
    title: str
    sections: tuple[str, ...]
    appendix: bool = False


def attr_escape(text: str) -> str:
    return " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"')


def book_files(ws: Workspace) -> tuple[list[str], list[str]]:
    """Chapter and appendix order from `_quarto.yml` (book.chapters, book.appendices)."""
    try:
        config = yaml.safe_load(ws.quarto_file.read_text(encoding="utf-8"))
        chapters = config["book"]["chapters"]
        appendices = config["book"].get("appendices", [])
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(str(ws.quarto_file), f"needs a book.chapters list ({exc})") from None
    names = lambda items: [c if isinstance(c, str) else c["file"] for c in items]  # noqa: E731
    return names(chapters), names(appendices)


def chapter_files(ws: Workspace) -> list[str]:
    """Every chapter and appendix, in book order."""
    chapters, appendices = book_files(ws)
    return chapters + appendices


def load_outputs(notebook: Path) -> dict[str, dict]:
    """Labelled outputs of an executed notebook: label -> {meta, data}."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = {}
    for cell in cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get(METADATA_KEY)
            if meta:
                found[meta["label"]] = {"meta": meta, "data": output.get("data", {})}
    return found


def render_output(item: dict) -> tuple[str, list[str]]:
    """Markdown for one labelled output and the figure files it needs."""
    meta, data = item["meta"], item["data"]
    kind, label = meta["kind"], meta["label"]
    if kind == "markdown":
        return _text(data["text/markdown"]).strip() + "\n", []
    if meta.get("empty"):  # a table with no rows is left out, never printed empty
        return "", []
    files = meta.get("files", {})
    note = md_escape(meta.get("source", ""))
    if "csv" in files:
        note += f" [Data (CSV)](figures/{files['csv']}){{.csv-link}}"
    note_block = f"::: {{.source-note}}\n{note}\n:::\n"
    if kind == "figure":
        image = (f"![{md_escape(meta['caption'])}](figures/{files['svg']})"
                 f"{{#{label} fig-alt=\"{attr_escape(meta['alt'])}\" vl-spec=\"figures/{files['vl']}\"}}")
        return f"{image}\n\n{note_block}", list(files.values())
    if kind == "table":
        table = _text(data["text/markdown"]).strip()
        return f": {md_escape(meta['caption'])} {{#{label}}}\n\n{table}\n\n{note_block}", list(files.values())
    raise InputError(f"output {label}", f"unknown output kind {kind!r}")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def page_name(chapter_file: str) -> str:
    """The HTML page of a chapter: 'partnership.qmd' -> 'partnership.html'."""
    return chapter_file.removesuffix(".qmd") + ".html"


def chapter_numbers(chapters: list[Chapter]) -> dict[str, str]:
    """The one numbering of chapters in every format: the index (the summary) is unnumbered;
    chapters count from 1, appendices from A."""
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


def print_title(chapter: Chapter, number: str) -> str:
    """A chapter's heading in print: 'Executive summary', '2 The partnership',
    'Appendix A: Methods and sources' (the web shows the same numbers)."""
    if chapter.file == "index.qmd":
        return "Executive summary"
    return f"Appendix {number}: {chapter.title}" if chapter.appendix else f"{number} {chapter.title}"


def combined_document(book: Path, chapters: list[Chapter], edition: Edition) -> str:
    """All chapters in one document for print: each chapter's numbered title becomes a
    level-1 heading (the title page stands in for the index's title)."""
    front = yaml.safe_dump({"title": md_escape(edition.title), "subtitle": md_escape(edition.subtitle),
                            "edition": edition.edition}, sort_keys=False, allow_unicode=True)
    parts = [f"---\n{front}---\n"]
    numbers = chapter_numbers(chapters)
    for chapter in chapters:
        body = FRONT_MATTER.sub("", (book / chapter.file).read_text(encoding="utf-8"), count=1).strip()
        title = print_title(chapter, numbers[chapter.file])
        anchor = "chapter-" + chapter.file.removesuffix(".qmd")
        parts.append(f"# {md_escape(title)} {{#{anchor}}}\n\n{body}\n")
    return "\n".join(parts)


def assembled_chapters(book: Path) -> list[Chapter]:
    """The chapters and appendices of an assembled book, in book order (its `_quarto.yml`)."""
    config = yaml.safe_load((book / "_quarto.yml").read_text(encoding="utf-8"))["book"]
    return [Chapter(name, chapter_title((book / name).read_text(encoding="utf-8"), name), (), appendix)
            for names, appendix in ((config["chapters"], False), (config.get("appendices") or [], True))
            for name in names]


def executed_outputs(build: Path, section: str) -> dict[str, dict]:
    notebook = build / "notebooks" / f"{section}.ipynb"
    if not notebook.is_file():
        raise InputError(str(notebook), f"section {section!r} has not run; run `briefing run` first")
    return load_outputs(notebook)


def chapter_title(text: str, fallback: str) -> str:
    match = re.match(r"^---\n(.*?)\n---", text, re.S)
    if match:
        front = yaml.safe_load(match.group(1)) or {}
        if front.get("title"):
            return unliteral(str(front["title"]))
    return fallback.removesuffix(".qmd")
