"""`briefing render`: assemble the book and render the draft HTML into
`_build/<edition>/html/`, unless book, provenance and code are unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.config import Edition
from briefing.infra.fileio import canonical_json, sha256_file, sha256_text, write_text_atomic
from briefing.infra.fingerprint import code_fingerprint
from briefing.infra.provenance import git_commit, snapshots
from briefing.infra.workspace import Workspace
from briefing.render.choose import renderer_info, resolve_renderer
from briefing.render.html import render_html
from briefing.render.quarto import render_html_quarto
from briefing.stages.assemble import assemble

RENDER_KEY = "render.json"


def render(ws: Workspace, edition: Edition, force: bool = False, renderer: str = "auto",
           strict: bool = False) -> tuple[bool, Path]:
    """Assemble the book and render HTML; returns (rendered?, the HTML folder)."""
    renderer = resolve_renderer(renderer)
    build = ws.build(edition.edition)
    chapters = assemble(ws, edition, renderer_info(renderer), strict=strict).chapters
    provenance = {"commit": git_commit(ws.root), "snapshots": snapshots(build)}
    book = build / "book"
    files = {p.relative_to(book).as_posix(): sha256_file(p) for p in sorted(book.rglob("*")) if p.is_file()}
    key = sha256_text(canonical_json({"book": files, "provenance": provenance, "code": code_fingerprint(__name__),
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
