"""Stage 5a: resolve every `{{< embed ../notebooks/<section>.ipynb#<label> >}}` in
`chapters/*.qmd` into plain Quarto markdown plus figure files, under
`_build/<edition>/book/`. Both renderers read that folder."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing import generated
from briefing.config import Edition
from briefing.edition_findings import merged_findings
from briefing.errors import InputError
from briefing.fileio import canonical_json, sha256_file, sha256_text, staged_dir
from briefing.keys import METADATA_KEY
from briefing.prose.fmt import literal as md_escape
from briefing.prose.fmt import unliteral
from briefing.workspace import Workspace

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


@dataclass(frozen=True)
class Book:
    chapters: list[Chapter]
    key: str  # content key: chapters (but history pages), figures, findings, parameters
    baseline: str | None  # the published version "what changed" compares with


def assemble(ws: Workspace, edition: Edition, renderer: dict | None = None) -> Book:
    """Write the assembled book; chapters embedding only sections this edition does not
    run are left out. `renderer` (name, label, versions) feeds the methods appendix.

    Pages about publishing history are written last: they compare with the newest
    published version whose content differs from this book's, so a rebuild of
    unchanged content reproduces the published pages exactly."""
    build = ws.build(edition.edition)
    renderer = renderer or {"label": "not recorded", "versions": {}}
    figures = ws.figures(edition.edition)
    meta_values = {"title": edition.title, "subtitle": edition.subtitle, "edition": edition.edition}
    chapters: list[Chapter] = []
    pending: dict[str, tuple[str, Path]] = {}
    appendices = set(book_files(ws)[1])
    order = tuple(dict.fromkeys(Path(m["path"]).stem for name in chapter_files(ws) if (ws.chapters / name).is_file()
                                for m in EMBED.finditer((ws.chapters / name).read_text(encoding="utf-8"))))
    context = generated.Context(edition, build, ws.site, renderer, None, order)
    with staged_dir(build / "book") as book:
        (book / "figures").mkdir()
        for name in chapter_files(ws):
            path = ws.chapters / name
            if not path.is_file():
                raise InputError(str(ws.quarto_file), f"chapter {name} not found in chapters/")
            text, sections, needed = _resolve(path, edition, build, meta_values)
            if text is None:
                continue
            for file in needed:
                shutil.copyfile(figures / file, book / "figures" / file)
            if generated.uses_history(text):
                pending[name] = (text, path)
            else:
                (book / name).write_text(generated.expand(text, context, path), encoding="utf-8")
            chapters.append(Chapter(name, _title(text, name), tuple(sections), name in appendices))
        key = content_key(book, merged_findings(build, edition), edition)
        baseline = generated.baseline_for(ws.site, edition.edition, key)
        history_context = generated.Context(edition, build, ws.site, renderer, baseline, order)
        for name, (text, path) in pending.items():
            (book / name).write_text(generated.expand(text, history_context, path), encoding="utf-8")
        (book / COMBINED).write_text(combined_document(book, chapters, edition), encoding="utf-8")
        (book / "_quarto.yml").write_text(yaml.safe_dump(
            {"project": {"type": "book", "render": [c.file for c in chapters]},
             "book": {"title": edition.title, "subtitle": edition.subtitle,
                      "chapters": [c.file for c in chapters if not c.appendix],
                      "appendices": [c.file for c in chapters if c.appendix]}},
            sort_keys=False, allow_unicode=True), encoding="utf-8")
    return Book(chapters, key, baseline)


def content_key(book: Path, findings: dict, edition: Edition) -> str:
    """What a version is: the files of the book written so far (chapters and figures,
    before history pages and the combined print document), the findings and the
    parameters. Publishing itself never makes content "change"."""
    files = {p.relative_to(book).as_posix(): sha256_file(p) for p in sorted(book.rglob("*")) if p.is_file()}
    return sha256_text(canonical_json({"book": files, "findings": findings,
                                       "parameters": edition.model_dump(mode="json")}))


def combined_document(book: Path, chapters: list[Chapter], edition: Edition) -> str:
    """All chapters in one document for print: each chapter's title becomes a level-1
    heading (the title page stands in for the index's title)."""
    front = yaml.safe_dump({"title": md_escape(edition.title), "subtitle": md_escape(edition.subtitle),
                            "edition": edition.edition}, sort_keys=False, allow_unicode=True)
    parts = [f"---\n{front}---\n"]
    for chapter in chapters:
        body = FRONT_MATTER.sub("", (book / chapter.file).read_text(encoding="utf-8"), count=1).strip()
        title = "Executive summary" if chapter.file == "index.qmd" else chapter.title
        if chapter.appendix:
            title = f"Appendix {chr(ord('A') + sum(c.appendix for c in chapters[:chapters.index(chapter)]))}: {title}"
        anchor = "chapter-" + chapter.file.removesuffix(".qmd")
        parts.append(f"# {md_escape(title)} {{#{anchor}}}\n\n{body}\n")
    return "\n".join(parts)


def _resolve(path: Path, edition: Edition, build: Path, meta_values: dict):
    source = path.read_text(encoding="utf-8")
    sections = []
    for match in EMBED.finditer(source):
        section = Path(match["path"]).stem
        if section not in sections:
            sections.append(section)
    run = [s for s in sections if s in edition.sections]
    if sections and not run:
        return None, sections, []
    if len(run) != len(sections):
        missing = sorted(set(sections) - set(run))
        raise InputError(str(path), f"embeds sections {missing} that this edition does not run")
    outputs = {s: _executed_outputs(build, s) for s in run}
    needed: list[str] = []

    def embed(match: re.Match) -> str:
        section, label = Path(match["path"]).stem, match["label"]
        if label not in outputs[section]:
            line = source[: match.start()].count("\n") + 1
            raise InputError(f"{path}, line {line}",
                             f"embed names label {label!r}, which notebooks/{section}.ipynb does not produce")
        markdown, files = render_output(outputs[section][label])
        needed.extend(files)
        return markdown

    def meta(match: re.Match) -> str:
        key = match["key"]
        if key not in meta_values:
            raise InputError(str(path), f"unknown meta key {key!r} (known: {sorted(meta_values)})")
        # In a quoted front-matter value the text is YAML first, then markdown.
        return md_escape(meta_values[key]) if not source[: match.start()].endswith('"') \
            else attr_escape(md_escape(meta_values[key]))

    text = META.sub(meta, EMBED.sub(embed, source))
    return text, sections, needed


def _executed_outputs(build: Path, section: str) -> dict[str, dict]:
    notebook = build / "notebooks" / f"{section}.ipynb"
    if not notebook.is_file():
        raise InputError(str(notebook), f"section {section!r} has not run; run `briefing run` first")
    return load_outputs(notebook)


def _title(text: str, fallback: str) -> str:
    match = re.match(r"^---\n(.*?)\n---", text, re.S)
    if match:
        front = yaml.safe_load(match.group(1)) or {}
        if front.get("title"):
            return unliteral(str(front["title"]))
    return fallback.removesuffix(".qmd")
