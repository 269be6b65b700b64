"""`briefing render`, first step (assemble): resolve every
`{{< embed ../notebooks/<section>.ipynb#<label> >}}` in `chapters/*.qmd` into plain
Quarto markdown plus figure files, under `_build/<edition>/book/`. Both renderers
read that folder."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.fileio import canonical_json, sha256_file, sha256_text, staged_dir, write_text_atomic
from briefing.infra.workspace import Workspace
from briefing.markup import literal as md_escape
from briefing.report import blocks
from briefing.report.book import (
    COMBINED,
    EMBED,
    META,
    Chapter,
    attr_escape,
    book_files,
    chapter_files,
    chapter_title,
    combined_document,
    executed_outputs,
    render_output,
)
from briefing.report.findings import merged_findings
from briefing.report.site import History, Window, baseline_for, baseline_identity, previous_version

CLAIMS_FILE = "claims.json"  # the chapters' checked claims and their outcome, beside the book


@dataclass(frozen=True)
class Book:
    chapters: list[Chapter]
    key: str  # content key: chapters (but history pages), figures, findings, parameters, baseline
    baseline: str | None  # the previous edition's version this one is compared with ("2024/v1")
    previous: str | None = None  # the newest published version of this edition with other content
    pages: dict[str, str] | None = None  # sha256 of each page in the key (their text, for "what changed")


def assemble(ws: Workspace, edition: Edition, renderer: dict | None = None, strict: bool = False) -> Book:
    """Write the assembled book; chapters embedding only sections this edition does not
    run are left out. `renderer` (name, label, versions) feeds the methods appendix.

    Pages about publishing history are written last. They compare with the baseline (the
    newest version of the previous edition of the series), which is content: its identity
    enters the content key. They also name what changed since the newest published version
    of this edition whose content differs from this book's, so a rebuild of unchanged content
    reproduces the published pages exactly."""
    build = ws.build(edition.edition)
    renderer = renderer or {"label": "not recorded", "versions": {}}
    figures = ws.figures(edition.edition)
    meta_values = {"title": edition.title, "subtitle": edition.subtitle, "edition": edition.edition}
    chapters: list[Chapter] = []
    pending: dict[str, tuple[str, Path]] = {}
    appendices = set(book_files(ws)[1])
    order = tuple(dict.fromkeys(Path(m["path"]).stem for name in chapter_files(ws) if (ws.chapters / name).is_file()
                                for m in EMBED.finditer((ws.chapters / name).read_text(encoding="utf-8"))))
    with staged_dir(build / "book") as book:
        (book / "figures").mkdir()
        context = blocks.Context(edition, build, ws.site, renderer, None, order, strict=strict,
                                 figures=book / "figures")
        for name in chapter_files(ws):
            path = ws.chapters / name
            if not path.is_file():
                raise InputError(str(ws.quarto_file), f"chapter {name} not found in chapters/")
            text, sections, needed = _resolve(path, edition, build, meta_values)
            if text is None:
                context.omitted.append((blocks.chapter_name(path.read_text(encoding="utf-8"), path), "",
                                        chapter_left_out(sections, edition)))
                continue
            for file in needed:
                shutil.copyfile(figures / file, book / "figures" / file)
            if blocks.uses_history(text):
                pending[name] = (text, path)
            else:
                (book / name).write_text(blocks.expand(text, context, path), encoding="utf-8")
            chapters.append(Chapter(name, chapter_title(text, name), tuple(sections), name in appendices))
        baseline = baseline_for(ws.site, edition.edition, edition.series_name,
                                Window(edition.window.end, edition.window.start))
        # History pages are written after the key, but their own text (before the generated
        # blocks that read the site) is content too.
        pages = page_hashes(book) | {name: sha256_text(text) for name, (text, _) in pending.items()}
        key = content_key(book, merged_findings(build, edition), edition, baseline_identity(ws.site, baseline), pages)
        history = History(baseline, previous_version(ws.site, edition.edition, key), pages,
                          {c.file: c.title for c in chapters})
        history_context = blocks.Context(edition, build, ws.site, renderer, history, order, strict=strict,
                                         claims=context.claims, figures=book / "figures")
        for name, (text, path) in pending.items():
            (book / name).write_text(blocks.expand(text, history_context, path), encoding="utf-8")
        (book / COMBINED).write_text(combined_document(book, chapters, edition), encoding="utf-8")
        (book / "_quarto.yml").write_text(yaml.safe_dump(
            {"project": {"type": "book", "render": [c.file for c in chapters]},
             "book": {"title": edition.title, "subtitle": edition.subtitle,
                      "chapters": [c.file for c in chapters if not c.appendix],
                      "appendices": [c.file for c in chapters if c.appendix]}},
            sort_keys=False, allow_unicode=True), encoding="utf-8")
    write_text_atomic(build / CLAIMS_FILE, canonical_json({"claims": [c.as_dict() for c in context.claims]}))
    return Book(chapters, key, baseline, history.previous, pages)


def page_hashes(book: Path) -> dict[str, str]:
    """The files of the book written so far (chapters and figures, before history pages and
    the combined print document), each by its sha256."""
    return {p.relative_to(book).as_posix(): sha256_file(p) for p in sorted(book.rglob("*")) if p.is_file()}


def content_key(book: Path, findings: dict, edition: Edition, baseline: dict | None = None,
                files: dict[str, str] | None = None) -> str:
    """What a version is: the files of the book written so far (`page_hashes`), the findings,
    the parameters and the baseline it is compared with (`report.site.baseline_identity`; none
    for a first edition, which leaves the key as it was before baselines entered it).
    Publishing itself never makes content "change"."""
    data = {"book": page_hashes(book) if files is None else files, "findings": findings,
            "parameters": edition.model_dump(mode="json")}
    return sha256_text(canonical_json(data if baseline is None else {**data, "baseline": baseline}))


def chapter_left_out(sections: list[str], edition: Edition) -> str:
    """Why a chapter is not in the edition and how to bring it in."""
    needs = {"context": "it draws the dated policy events of the series' own documents: give the series its "
                        "documents and events with `curated: {tables: DIR, documents: DIR}`"}
    named = ", ".join(f"`{s}`" for s in sections)
    return (f"the edition runs no {named} section; add it under `sections:` in the params file"
            + "".join(f" ({needs[s]})" for s in sections if s in needs) + ".")


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
    outputs = {s: executed_outputs(build, s) for s in run}
    needed: list[str] = []

    def embed(match: re.Match) -> str:
        section, label = Path(match["path"]).stem, match["label"]
        group = [item for item in outputs[section].values() if item["meta"].get("group") == label]
        if label not in outputs[section] and group:
            # A group: every output the section gave that name, in order (views per indicator).
            parts = [render_output(item) for item in group]
            needed.extend(f for _, files in parts for f in files)
            return "\n".join(markdown for markdown, _ in parts)
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


