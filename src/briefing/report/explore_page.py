"""The explorer's page of a version (`explore.html`) and the code every version shares.

The script and stylesheet (`report/explore/`) are stored once for the whole site, named by
their content: `_site/_assets/explore-<sha256 prefix>.{js,css}`. A version's page names the
files it was published with, so a later change writes new files beside the old ones and no
published version changes; ten versions of one code share one copy."""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path
from string import Template

from briefing import __version__
from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.fileio import write_bytes_atomic
from briefing.report.book import Chapter, chapter_numbers, page_name
from briefing.report.data_zip import data_zip_name
from briefing.report.explore_data import FOLDER
from briefing.report.site import pdf_name

HERE = Path(__file__).resolve().parent / "explore"
ASSETS = "_assets"  # at the site's root, beside the editions
SHARED = ("explore.js", "explore.css")
PAGE = "explore.html"
DIGEST_CHARS = 16


def asset_name(name: str, data: bytes) -> str:
    stem, suffix = name.rsplit(".", 1)
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:DIGEST_CHARS]}.{suffix}"


def write_shared_assets(site: Path) -> dict[str, str]:
    """The explorer's script and stylesheet under `_site/_assets/`, each written once under the
    name of its content; returns each source file's published name, relative to the site."""
    names = {}
    for name in SHARED:
        data = (HERE / name).read_bytes()
        target = site / ASSETS / asset_name(name, data)
        if not target.is_file():
            write_bytes_atomic(target, data)
        elif target.read_bytes() != data:
            raise InputError(str(target), "a content-addressed file differs from its content; remove it and publish again")
        names[name] = f"{ASSETS}/{target.name}"
    return names


def nav_items(chapters: list[Chapter]) -> str:
    numbers = chapter_numbers(chapters)
    items = []
    for chapter in chapters:
        number = f'<span class="chapter-number">{escape(numbers[chapter.file])}</span> ' if numbers[chapter.file] else ""
        items.append(f'    <li><a href="{page_name(chapter.file)}">{number}{escape(chapter.title)}</a></li>')
    items.append('    <li class="current"><a href="explore.html" aria-current="page">Explore the data</a></li>')
    return "\n".join(items)


def explore_page(edition: Edition, version: int, chapters: list[Chapter], shared: dict[str, str], meta: dict,
                 commit: str, files: list[str]) -> str:
    """explore.html of a version (`_site/<edition>/v<N>/`): the shared files are two folders up."""
    template = Template((HERE / "page.html").read_text(encoding="utf-8"))
    source = meta["sources"][0]  # the edition's pair source
    years = source["years"]
    return template.substitute(
        briefing_version=escape(__version__), title=escape(edition.title), edition=escape(edition.edition),
        version=version, pdf=escape(pdf_name(edition.edition, version)),
        data_zip=escape(data_zip_name(edition.edition, version)),
        js=escape(f"../../{shared['explore.js']}"), css=escape(f"../../{shared['explore.css']}"),
        nav=nav_items(chapters), folder=FOLDER, source=escape(source["name"]),
        years=f"{years[0]}–{years[1]}", commit=escape(commit), files=escape(", ".join(files)),
    )
