"""The stages end to end, each skipping what is up to date (DESIGN.md data flow)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import validate as validate_stage
from briefing.assemble import assemble
from briefing.config import Edition
from briefing.execute import SectionRun, run_sections
from briefing.fileio import canonical_json, sha256_file, sha256_text, write_text_atomic
from briefing.fingerprint import code_fingerprint
from briefing.provenance import git_commit, snapshots
from briefing.publish import Published, publish
from briefing.render.choose import renderer_info, resolve_renderer
from briefing.render.html import render_html
from briefing.render.quarto import render_html_quarto
from briefing.sources import registry
from briefing.sources.mirror import fetch_mirror
from briefing.workspace import Workspace

if TYPE_CHECKING:
    from briefing.live.fetch import LiveSnapshot
    from briefing.live.settings import LiveSettings

RENDER_KEY = "render.json"


@dataclass
class BuildReport:
    fetched: list[tuple[str, str, bool]] = field(default_factory=list)
    validated: bool = False
    sections: list[SectionRun] = field(default_factory=list)
    rendered: bool = False
    html: Path | None = None
    published: Published | None = None


def fetch(ws: Workspace, mirror: Path, sources: list[str] | None = None) -> list[tuple[str, str, bool]]:
    return [(s.source, s.id, new) for s, new in fetch_mirror(ws, mirror, sources)]


def fetch_live(ws: Workspace, edition: Edition, settings: LiveSettings,
               sources: list[str] | None = None) -> list[LiveSnapshot]:
    from briefing.live.fetch import fetch_live as fetch_live_sources  # imported here: loads httpx and adapters

    return fetch_live_sources(ws, edition, settings, sources)


def fetch_live_then_mirror(ws: Workspace, edition: Edition, settings: LiveSettings,
                           mirror: Path | None) -> list[tuple[str, str, bool]]:
    """The API sources live; the others (no API) from the mirror when there is one."""
    fetched = [(s.source, s.id, s.new) for s in fetch_live(ws, edition, settings)]
    from briefing.live.fetch import CLIENTS

    rest = sorted(set(registry.datasets(ws.sources_file)) - set(CLIENTS))
    if mirror is not None and rest:
        fetched += fetch(ws, mirror, rest)
    return fetched


def render(ws: Workspace, edition: Edition, force: bool = False, renderer: str = "auto") -> tuple[bool, Path]:
    """Assemble the book and render HTML unless book, provenance and code are unchanged."""
    renderer = resolve_renderer(renderer)
    build = ws.build(edition.edition)
    chapters = assemble(ws, edition, renderer_info(renderer)).chapters
    provenance = {"commit": git_commit(ws.root), "snapshots": snapshots(build)}
    book = build / "book"
    files = {p.relative_to(book).as_posix(): sha256_file(p) for p in sorted(book.rglob("*")) if p.is_file()}
    key = sha256_text(canonical_json({"book": files, "provenance": provenance, "code": code_fingerprint(),
                                      "edition": edition.model_dump(mode="json"), "renderer": renderer}))
    out = build / "html"
    marker = build / "cache" / RENDER_KEY
    if not force and marker.is_file() and json.loads(marker.read_text())["key"] == key \
            and (out / "index.html").is_file():
        return False, out
    if renderer == "quarto":
        render_html_quarto(book, out, edition, provenance, version=None)
    else:
        render_html(book, out, edition, chapters, provenance)
    write_text_atomic(marker, canonical_json({"key": key}))
    return True, out


def build(ws: Workspace, edition: Edition, mirror: Path | None, jobs: int, force: bool = False,
          on_event=None, renderer: str = "auto", live: LiveSettings | None = None) -> BuildReport:
    report = BuildReport()
    if live is not None:
        report.fetched = fetch_live_then_mirror(ws, edition, live, mirror)
    elif mirror is not None:
        report.fetched = fetch(ws, mirror)
    report.validated = validate_stage.validate(ws, edition, force=force)
    report.sections = run_sections(ws, edition, jobs=jobs, force=force, on_event=on_event)
    report.rendered, report.html = render(ws, edition, force=force, renderer=renderer)
    report.published = publish(ws, edition, renderer=renderer)
    return report
