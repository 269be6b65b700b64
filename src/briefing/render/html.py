"""The built-in HTML renderer: pandoc (from pypandoc-binary) with the project's
template and Lua filters, one page per chapter, charts interactive offline."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pypandoc

from briefing import __version__
from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.fileio import staged_dir
from briefing.render.numbering import chapter_numbers, crossref_map, page_name
from briefing.report.book import Chapter, md_escape

HERE = Path(__file__).resolve().parent
FILTERS = ["formats.lua", "safe_links.lua", "crossref.lua", "callouts.lua", "html_charts.lua"]
READER = "markdown-raw_html-raw_tex-raw_attribute"


def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()


def render_html(book: Path, out: Path, edition: Edition, chapters: list[Chapter],
                provenance: dict, version: int | None = None) -> list[Path]:
    """Render every assembled chapter of `book` into `out` (replaced as a whole)."""
    refs = crossref_map(book, chapters)
    numbers = chapter_numbers(chapters)
    # Metadata values are read as markdown: text from parameters and chapter titles is escaped.
    nav = [{"href": page_name(c.file), "title": md_escape(c.title), "number": numbers[c.file]} for c in chapters]
    pages = []
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
            }
            meta = {k: v for k, v in meta.items() if v is not None}
            target = tmp / page_name(chapter.file)
            _pandoc(book, chapter.file, target, meta)
            pages.append(out / target.name)
        shutil.copytree(book / "figures", tmp / "figures")
        (tmp / "assets").mkdir()
        for asset in (HERE / "assets").iterdir():
            shutil.copyfile(asset, tmp / "assets" / asset.name)
        from briefing.charts.export import vega_bundle  # imported here: loads Altair

        (tmp / "assets" / "vega.js").write_text(vega_bundle(), encoding="utf-8")
    return pages


def _pandoc(book: Path, source: str, target: Path, meta: dict) -> None:
    meta_file = target.with_suffix(".meta.json")
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    command = [pypandoc.get_pandoc_path(), source, "--from", READER, "--to", "html5", "--standalone",
               "--template", str(HERE / "templates" / "page.html"), "--toc", "--toc-depth=3",
               "--section-divs", "--metadata-file", str(meta_file), "--output", str(target)]
    for name in FILTERS:
        command += ["--lua-filter", str(HERE / "filters" / name)]
    result = subprocess.run(command, cwd=book, capture_output=True, text=True)
    meta_file.unlink()
    if result.returncode != 0:
        message = " ".join(result.stderr.split())[:600]
        raise InputError(f"{book.name}/{source}", f"pandoc could not render the chapter: {message}")
