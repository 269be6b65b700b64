"""`briefing publish`: an immutable, versioned static site.

`_site/<edition>/v<N>/` holds the HTML, `briefing-<edition>-v<N>.pdf`,
`findings.json` (every section's findings merged), `manifest.json` and the explorer
(`explore.html` over the version's own tables in `explore/`; its shared script lives once
in `_site/_assets/`, see `report/explorer.py`); a version is
never rewritten and N grows only when content changes (the content key: the
assembled book, the findings and the parameters). `_site/<edition>/latest/` is a
copy of the newest version; `_site/index.html` lists editions and versions.

The one build-stamp field is `manifest.json: published_at`; everything else in a
version folder is the same bytes for the same inputs."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.fileio import canonical_json, staged_dir
from briefing.infra.provenance import git_commit, snapshots, versions
from briefing.infra.workspace import Workspace
from briefing.render.choose import renderer_info, resolve_renderer
from briefing.render.html import render_html
from briefing.render.pdf import render_pdf
from briefing.render.quarto import render_html_quarto, render_pdf_quarto
from briefing.render.site_index import write_site_index
from briefing.report.data_zip import data_zip_name, section_outputs, write_data_zip
from briefing.report.explorer import write_explorer
from briefing.report.findings import merged_findings
from briefing.report.site import LATEST, pdf_name, published_versions, version_dir
from briefing.stages.assemble import assemble


@dataclass
class Published:
    edition: str
    version: int
    path: Path
    created: bool


def manifest(ws: Workspace, edition: Edition, version: int, key: str, renderer: dict,
             baseline: str | None = None, explore: dict | None = None) -> dict:
    build = ws.build(edition.edition)
    inputs = json.loads((build / "data" / "inputs.json").read_text(encoding="utf-8"))
    raw = {source: {"snapshot_id": snap["snapshot_id"], "sha256": snap["files"]}
           for source, snap in sorted(inputs["snapshots"].items())}
    return {
        "edition": edition.edition, "version": version, "content_key": key,
        "series": edition.series_name, "compared_with": baseline,
        "published_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "parameters": edition.model_dump(mode="json"),
        "inputs": {"raw": raw, "curated": inputs["curated"], "sources_yml": inputs["sources_yml"]},
        "git_commit": git_commit(ws.root), "versions": versions(),
        "renderer": {k: v for k, v in renderer.items() if k != "versions"},
        "explore": explore,
    }


def data_readme(edition: Edition, version: int) -> str:
    """What the data download holds and how to cite it."""
    return (f"{edition.title}\nEdition {edition.edition}, version {version}: the data behind every figure and table.\n\n"
            "figures/<label>.csv  the data of Figure or Table <label>, as drawn (the label is its anchor on the site)\n"
            "findings.json        every key number: id, label, value, unit, source, figure, caveats\n"
            "codebook.csv         for each column of each CSV: its unit, its source and the finding ids read from it\n\n"
            f"Cite as: {edition.title}, edition {edition.edition}, version {version}. Sources, licences and\n"
            "retrieval dates are listed in the methods appendix of the briefing (Appendix A).\n")


def publish(ws: Workspace, edition: Edition, renderer: str = "auto", strict: bool = False) -> Published:
    """Publish the built edition as a new version unless its content is already published."""
    renderer = resolve_renderer(renderer)
    info = renderer_info(renderer)
    build = ws.build(edition.edition)
    assembled = assemble(ws, edition, info, strict=strict)
    chapters, key = assembled.chapters, assembled.key
    book = build / "book"
    findings = merged_findings(build, edition)
    existing = published_versions(ws.site, edition.edition)
    if existing:
        latest = version_dir(ws.site, edition.edition, existing[-1])
        if json.loads((latest / "manifest.json").read_text())["content_key"] == key:
            return Published(edition.edition, existing[-1], latest, created=False)
    version = (existing[-1] if existing else 0) + 1
    target = version_dir(ws.site, edition.edition, version)
    if target.exists():  # never rewrite a version, even a half-visible one
        raise InputError(str(target), "version folder already exists; published versions are immutable")
    provenance = {"commit": git_commit(ws.root), "snapshots": snapshots(build)}
    meta = {"title": edition.title, "subtitle": edition.subtitle, "edition": edition.edition,
            "version": str(version), "commit": provenance["commit"], "snapshots": provenance["snapshots"],
            "renderer": info["label"]}
    with staged_dir(target) as tmp:
        html = tmp / "html"
        pdf = tmp / pdf_name(edition.edition, version)
        if renderer == "quarto":
            render_html_quarto(book, html, edition, provenance, version)
            render_pdf_quarto(book, pdf, meta)
        else:
            render_html(book, html, edition, chapters, provenance, version=version)
            render_pdf(book, pdf, chapters, meta)
        for item in html.iterdir():
            shutil.move(item, tmp / item.name)
        html.rmdir()
        (tmp / "findings.json").write_text(canonical_json(findings), encoding="utf-8")
        write_data_zip(tmp / data_zip_name(edition.edition, version), book / "figures", canonical_json(findings),
                       findings["findings"], section_outputs(build), data_readme(edition, version))
        explore = write_explorer(ws, edition, version, chapters, findings["findings"], tmp, provenance["commit"])
        (tmp / "manifest.json").write_text(
            canonical_json(manifest(ws, edition, version, key, info, assembled.baseline, explore)), encoding="utf-8")
    with staged_dir(ws.site / edition.edition / LATEST) as tmp:
        shutil.copytree(target, tmp, dirs_exist_ok=True)
    write_site_index(ws.site)
    return Published(edition.edition, version, target, created=True)

