"""The built-in HTML renderer: pandoc (from pypandoc-binary) with the project's
template and Lua filters, one page per chapter, charts interactive offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypandoc

from briefing import __version__
from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.fileio import staged_dir
from briefing.render.numbering import chapter_numbers, crossref_map, page_name
from briefing.render.search import write_search_index
from briefing.report.book import Chapter, md_escape
from briefing.report.data_zip import data_zip_name
from briefing.report.explore_links import pandoc_metadata as explore_links

HERE = Path(__file__).resolve().parent
FILTERS = ["safe_links.lua", "media.lua", "crossref.lua", "callouts.lua", "html_charts.lua", "html_tables.lua",
           "cite_box.lua"]
READER = "markdown-raw_html-raw_tex-raw_attribute"


def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()


def render_html(book: Path, out: Path, edition: Edition, chapters: list[Chapter],
                provenance: dict, version: int | None = None, cite: dict | None = None) -> list[Path]:
    """Render every assembled chapter of `book` into `out` (replaced as a whole); `cite` (a
    published version's `briefing-cite`, see cite_box.lua) goes to the summary page."""
    refs = crossref_map(book, chapters)
    numbers = chapter_numbers(chapters)
    # Metadata values are read as markdown: text from parameters and chapter titles is escaped.
    nav = [{"href": page_name(c.file), "title": md_escape(c.title), "number": numbers[c.file]} for c in chapters]
    # A published version has an explorer: each figure whose data name a pair links to it.
    explore = explore_links(book / "figures", edition.region.name) if version else None
    jobs = []
    with staged_dir(out) as tmp:
        for i, chapter in enumerate(chapters):
            meta = {
                "site-title": md_escape(edition.title), "subtitle": md_escape(edition.subtitle),
                "edition": edition.edition, "pagetitle": md_escape(chapter.title),
                "chapter-number": numbers[chapter.file],
                "is-index": chapter.file == "index.qmd", "crossref": refs,
                "nav": [dict(item, current=(j == i)) for j, item in enumerate(nav)],
                "prev": nav[i - 1] if i > 0 else None, "next": nav[i + 1] if i + 1 < len(nav) else None,
                "commit": provenance["commit"], "snapshots": provenance["snapshots"],
                "renderer": f"briefing {__version__} built-in (pandoc {pandoc_version()})",
                "briefing-version": __version__,
                "version": str(version) if version else None,
                "pdf": f"briefing-{edition.edition}-v{version}.pdf" if version else None,
                "data-zip": data_zip_name(edition.edition, version) if version else None,
                "briefing-cite": cite if cite and page_name(chapter.file) == cite["page"] else None,
                "explore-links": explore,
            }
            meta = {k: v for k, v in meta.items() if v is not None}
            jobs.append((book, chapter.file, tmp / page_name(chapter.file), meta))
        # One pandoc per chapter, at once; the Vega bundle is made meanwhile (a few seconds).
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            running = [pool.submit(_pandoc, *job) for job in jobs]
            from briefing.charts.export import vega_bundle  # imported here: loads Altair

            bundle = vega_bundle()
            for job in running:  # the first chapter that failed raises
                job.result()
        pages = [out / target.name for _, _, target, _ in jobs]
        shutil.copytree(book / "figures", tmp / "figures")
        (tmp / "assets").mkdir()
        for asset in (HERE / "assets").iterdir():
            shutil.copyfile(asset, tmp / "assets" / asset.name)
        (tmp / "assets" / "vega.js").write_text(bundle, encoding="utf-8")
        write_search_index(tmp, [tmp / p.name for p in pages])
    return pages


def _pandoc(book: Path, source: str, target: Path, meta: dict) -> None:
    meta_file = target.with_suffix(".meta.json")
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    command = [pypandoc.get_pandoc_path(), source, "--from", READER, "--to", "html5", "--standalone",
               "--template", str(HERE / "templates" / "page.html"), "--toc", "--toc-depth=3", "--columns=10000",
               "--section-divs", "--metadata-file", str(meta_file), "--output", str(target)]
    for name in FILTERS:
        command += ["--lua-filter", str(HERE / "filters" / name)]
    result = subprocess.run(command, cwd=book, capture_output=True, text=True)
    meta_file.unlink()
    if result.returncode != 0:
        message = " ".join(result.stderr.split())[:600]
        raise InputError(f"{book.name}/{source}", f"pandoc could not render the chapter: {message}")
