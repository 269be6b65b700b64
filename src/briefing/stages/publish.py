"""`briefing publish`: an immutable, versioned static site.

`_site/<edition>/v<N>/` holds the HTML, `briefing-<edition>-v<N>.pdf` with its citation
(`.bib`, `.ris`), `findings.json` (every section's findings merged), `watch.json` (what the
edition tells readers to watch, `report/watch.py`), `manifest.json` and the explorer
(`explore.html` over the version's own tables in `explore/`; its shared script lives once in
`_site/_assets/`, see `report/explorer.py`); a version is never rewritten and N grows only when
content changes (the content key: the assembled book, the findings, the parameters and the
baseline, the previous edition's version it is compared with). The manifest records the
baseline (`compared_with`), the version it follows and why it differs from it (`follows`,
`changes`: each cause in words, `report/diff.changes_since`). `_site/<edition>/latest/` is a copy of the newest version; `_site/index.html`
lists editions and versions and `_site/versions.json` tells the pages at view time which
version is the newest.

The one build stamp is the publication time, `manifest.json: published_at`
(`infra.stamp`; SOURCE_DATE_EPOCH fixes it): the pages, the PDF and the citation files show
its day. Everything else in a version folder is the same bytes for the same inputs."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.fileio import canonical_json, staged_dir
from briefing.infra.fingerprint import package_fingerprint
from briefing.infra.provenance import git_commit, snapshots, versions
from briefing.infra.stamp import build_time, iso_stamp, long_date
from briefing.infra.workspace import Workspace
from briefing.render.choose import renderer_info, resolve_renderer
from briefing.render.head import add_page_heads
from briefing.render.html import render_html
from briefing.render.numbering import page_name
from briefing.render.pdf import render_pdf
from briefing.render.quarto import render_html_quarto, render_pdf_quarto
from briefing.render.site_index import write_site_index
from briefing.report.citation import Citation, citation_for, plain, plain_markdown, write_citation_files
from briefing.report.data_zip import ZipContent, data_zip_name, section_outputs, write_data_zip
from briefing.report.diff import changes_since
from briefing.report.explorer import write_explorer
from briefing.report.findings import merged_findings
from briefing.report.site import FINDINGS, LATEST, pdf_name, published_versions, version_dir
from briefing.report.versions import write_versions
from briefing.report.watch import write_watch
from briefing.site_config import Site, load_site
from briefing.stages.assemble import CLAIMS_FILE, Book, assemble
from briefing.tables import read_catalogue


@dataclass
class Published:
    edition: str
    version: int
    path: Path
    created: bool


def manifest(ws: Workspace, edition: Edition, version: int, key: str, renderer: dict, published: datetime,
             baseline: str | None = None, explore: dict | None = None, book: Book | None = None,
             watch: dict | None = None) -> dict:
    """What a version records: its content key and baseline (the previous edition's version it
    is compared with, `compared_with`), the version it follows and why it differs from it
    (`changes`), its pages, inputs, code and renderer, and its files beyond the pages."""
    build = ws.build(edition.edition)
    inputs = json.loads((build / "data" / "inputs.json").read_text(encoding="utf-8"))
    raw = {source: {"snapshot_id": snap["snapshot_id"], "sha256": snap["files"]}
           for source, snap in sorted(inputs["snapshots"].items())}
    return {
        "edition": edition.edition, "version": version, "content_key": key,
        "series": edition.series_name, "compared_with": baseline,
        "follows": book.previous if book else None, "pages": book.pages if book else None,
        "code": package_fingerprint(), "watch": watch,
        "published_at": iso_stamp(published),
        "parameters": edition.model_dump(mode="json"),
        "inputs": {"raw": raw, "curated": inputs["curated"], "sources_yml": inputs["sources_yml"]},
        "git_commit": git_commit(ws.root), "versions": versions(),
        "renderer": {k: v for k, v in renderer.items() if k != "versions"},
        "explore": explore,
    }


def data_readme(edition: Edition, version: int) -> str:
    """What the data download holds and how to cite it."""
    return (f"{edition.title}\nEdition {edition.edition}, version {version}: the data behind every figure and table.\n\n"
            "figures/<label>.csv  the data of Figure or Table <label> (the label is its anchor on the site): numbers,\n"
            "                     one value a cell, units in the column names (share_pct: per cent, no % sign;\n"
            "                     works_start: a count, no thousands separators); codes for countries and sources\n"
            "findings.json        every key number: id, label, value, unit, source, figure, caveats\n"
            "claims.json          every checked statement of the chapters: its file (origin), line, chapter and\n"
            "                     section, its text, the condition it asserts (when, detail), whether this edition's\n"
            "                     data bear it out (status), and the finding ids and edition parameters it reads\n"
            "codebook.csv         for each column of each CSV: its type, unit, meaning, source and the finding ids\n"
            "                     read from it\n"
            "datapackage.json     all of the above as a Frictionless Data Package: every file with its sha256 hash,\n"
            "                     each CSV's schema, sources and licences (check it: frictionless validate\n"
            "                     datapackage.json)\n\n"
            f"Cite as: {edition.title}, edition {edition.edition}, version {version}. Sources, licences and\n"
            "retrieval dates are listed in the methods appendix of the briefing (Appendix A).\n")


def print_meta(edition: Edition, version: int, provenance: dict, info: dict, citation: Citation) -> dict:
    """What the PDF's template shows: the title page with date and suggested citation, the
    colophon; with the site's address, the base of its links (absolute_links.lua)."""
    meta = {"title": edition.title, "subtitle": edition.subtitle, "edition": edition.edition,
            "version": str(version), "commit": provenance["commit"], "snapshots": provenance["snapshots"],
            "renderer": info["label"], "briefing-published": long_date(citation.published),
            "briefing-citation": plain_markdown(citation)}
    return meta | ({"link-base": citation.link()} if citation.base else {})


def cite_meta(citation: Citation, chapters) -> dict:
    """The "Cite this version" box of the first page, the summary (cite_box.lua)."""
    return {"page": page_name(chapters[0].file), "text": plain(citation), "bib": citation.file("bib"),
            "ris": citation.file("ris")}


def publish(ws: Workspace, edition: Edition, renderer: str = "auto", strict: bool = False) -> Published:
    """Publish the built edition as a new version unless its content is already published."""
    renderer = resolve_renderer(renderer)
    stamp, site = build_time(), load_site(ws.root)
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
            write_site_files(ws.site, site)  # a site published before versions.json gets it
            return Published(edition.edition, existing[-1], latest, created=False)
    version = (existing[-1] if existing else 0) + 1
    target = version_dir(ws.site, edition.edition, version)
    if target.exists():  # never rewrite a version, even a half-visible one
        raise InputError(str(target), "version folder already exists; published versions are immutable")
    provenance = {"commit": git_commit(ws.root), "snapshots": snapshots(build)}
    citation = citation_for(edition, version, stamp.date(), site)
    meta = print_meta(edition, version, provenance, info, citation)
    with staged_dir(target) as tmp:
        html = tmp / "html"
        pdf = tmp / pdf_name(edition.edition, version)
        if renderer == "quarto":
            render_html_quarto(book, html, edition, provenance, version, cite=cite_meta(citation, chapters))
            render_pdf_quarto(book, pdf, meta)
        else:
            render_html(book, html, edition, chapters, provenance, version=version, cite=cite_meta(citation, chapters))
            render_pdf(book, pdf, chapters, meta)
        for item in html.iterdir():
            shutil.move(item, tmp / item.name)
        html.rmdir()
        write_citation_files(tmp, citation)
        (tmp / FINDINGS).write_text(canonical_json(findings), encoding="utf-8")
        write_data_zip(tmp / data_zip_name(edition.edition, version), book / "figures", section_outputs(build),
                       ZipContent(canonical_json(findings), findings["findings"],
                                  (build / CLAIMS_FILE).read_text(encoding="utf-8"), read_catalogue(build),
                                  data_readme(edition, version), edition.title))
        explore = write_explorer(ws, edition, version, chapters, findings["findings"], tmp, provenance["commit"])
        add_page_heads(tmp, citation)  # every page of the version, the explorer's too
        watch = write_watch(tmp, edition, findings["findings"], build)
        record = manifest(ws, edition, version, key, info, stamp, assembled.baseline, explore, assembled, watch)
        record["changes"] = changes_since(ws.site, assembled, record, findings["findings"])
        (tmp / "manifest.json").write_text(canonical_json(record), encoding="utf-8")
    with staged_dir(ws.site / edition.edition / LATEST) as tmp:
        shutil.copytree(target, tmp, dirs_exist_ok=True)
    write_site_files(ws.site, site)
    return Published(edition.edition, version, target, created=True)


def write_site_files(site_folder: Path, site: Site) -> None:
    """The site-level files, from the published versions' manifests: the index and versions.json."""
    write_site_index(site_folder, site)
    write_versions(site_folder)
