"""The Quarto renderer, used when `quarto` is on PATH (`--renderer quarto`, or `auto`).

Written to Quarto's documentation: the assembled book (`_build/<edition>/book/`,
with its `_quarto.yml` of `type: book`) renders to HTML as a Quarto book; the PDF
is the combined document `briefing.qmd` rendered `--to typst` (book projects do not
render typst in every Quarto version). Same content as the built-in path: Quarto
numbers figures and resolves @fig-/@tbl- references itself; the project's
html_charts.lua filter makes the charts interactive from the local Vega bundle."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from briefing.config import Edition
from briefing.errors import InputError
from briefing.render.pdf import FONT_DIRS
from briefing.report.book import COMBINED
from briefing.report.explore_links import pandoc_metadata as explore_links

HERE = Path(__file__).resolve().parent
HEADER = '<script src="assets/vega.js" defer></script>\n<script src="assets/charts.js" defer></script>'
# A published version's link to its explorer, at the top of every page's body. Quarto's HTML includes take
# `text:` (https://quarto.org/docs/output-formats/html-basics.html#includes; the option's schema,
# quarto-cli src/resources/schema/document-includes.yml: "An object with key "text" indicates textual
# content to be included"); top-level keys of a project's _quarto.yml are metadata of every chapter
# (https://quarto.org/docs/books/book-structure.html), which html_charts.lua reads for the figures' links.
EXPLORE_HEADER = '<p class="explore-header"><a href="explore.html">Explore the data</a></p>'


def quarto_path() -> str | None:
    return shutil.which("quarto")


def quarto_version() -> str:
    path = quarto_path()
    if path is None:
        return "not installed"
    return subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()


def _run(book: Path, args: list[str]) -> None:
    path = quarto_path()
    if path is None:
        raise InputError("--renderer quarto", "quarto is not on PATH (install it with `pip install quarto-cli` "
                                              "on a connected machine, or use --renderer builtin)")
    result = subprocess.run([path, *args], cwd=book, capture_output=True, text=True)
    if result.returncode != 0:
        raise InputError(f"{book.name}", "quarto render failed: " + " ".join(result.stderr.split())[-800:])


def render_html_quarto(book: Path, out: Path, edition: Edition, provenance: dict, version: int | None) -> None:
    """Render the book to HTML with Quarto into `out` (replaced)."""
    assets = book / "assets"
    assets.mkdir(exist_ok=True)
    for asset in (HERE / "assets").iterdir():
        shutil.copyfile(asset, assets / asset.name)
    from briefing.charts.export import vega_bundle  # imported here: loads Altair

    (assets / "vega.js").write_text(vega_bundle(), encoding="utf-8")
    config = yaml.safe_load((book / "_quarto.yml").read_text(encoding="utf-8"))
    snapshots = ", ".join(f"{s['source']} {s['id']}" for s in provenance["snapshots"])
    stamp = f"version {version}" if version else "unpublished draft"
    config["project"].update({"output-dir": "_book", "resources": ["assets/", "figures/"]})
    config["book"]["page-footer"] = (f"Edition {edition.edition}, {stamp} · commit {provenance['commit']} · "
                                     f"snapshots: {snapshots}")
    config["format"] = {"html": {"toc": True, "css": "assets/briefing.css",
                                 "include-in-header": {"text": HEADER},
                                 "filters": [str(HERE / "filters" / name) for name in ("safe_links.lua", "media.lua", "html_charts.lua")]}}
    if version:
        config["explore-links"] = explore_links(book / "figures", edition.region.name)
        config["format"]["html"]["include-before-body"] = {"text": EXPLORE_HEADER}
    (book / "_quarto.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _run(book, ["render", ".", "--to", "html"])
    if out.exists():
        shutil.rmtree(out)
    shutil.move(book / "_book", out)


# Quarto's typst format, read from its documentation (Quarto cannot be installed offline, so
# this path is written to the documentation and tested wherever `quarto` is on PATH):
# - https://quarto.org/docs/output-formats/typst.html ("Typst Basics"): `papersize`, `margin`,
#   `toc`; `section-numbering` takes a typst numbering pattern such as "1.1.a", and headings are
#   unnumbered by default ("number-sections" is false), so the option is left out, not "none"
#   (Quarto 1.10.18 fails on `section-numbering: none`: "invalid numbering pattern").
# - https://quarto.org/docs/output-formats/typst-custom.html ("Custom Typst Formats") and
#   https://quarto.org/docs/journals/templates.html#typst-partials ("Typst Partials"):
#   `template-partials` replaces `typst-template.typ` ("the definition of the Typst template
#   function that will be called on the entire document contents") and `typst-show.typ` ("a show
#   rule for the entire document that captures document metadata and passes it to the function
#   defined in typst-template.typ"); `definitions.typ` (callouts, floats) stays Quarto's own.
# - https://quarto.org/docs/reference/formats/typst.html ("Typst Options"): `font-paths`.
# - https://quarto.org/docs/authoring/cross-references.html and Quarto's crossref options
#   (https://quarto.org/docs/reference/metadata/crossref.html): `crossref: chapters: true`
#   numbers figures and tables by their level-1 section ("Figure 2.3"), as the built-in PDF does;
#   a heading marked `.unnumbered` (the executive summary) does not count as a chapter.
SUMMARY_HEADING = re.compile(r"^(# .+?) \{#chapter-index\}$", re.M)


def print_project(book: Path, folder: Path, meta: dict) -> None:
    """The Quarto project that renders the combined document to PDF through typst: a plain
    project of its own beside the book (Quarto looks upward for a project file), with the
    house partials and the edition's metadata."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(book / "figures", folder / "figures")
    text = (book / COMBINED).read_text(encoding="utf-8")
    (folder / COMBINED).write_text(SUMMARY_HEADING.sub(r"\1 {#chapter-index .unnumbered}", text), encoding="utf-8")
    (folder / "typst-template.typ").write_text(
        "// The house look, from src/briefing/render/templates/house.typ (shared with the built-in PDF).\n"
        + (HERE / "templates" / "house.typ").read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copyfile(HERE / "templates" / "house-show.typ", folder / "typst-show.typ")
    filters = [str(HERE / "filters" / name) for name in ("safe_links.lua", "media.lua", "typst_blocks.lua")]
    config = {
        "project": {"type": "default"},
        "version": meta["version"], "renderer": meta["renderer"],
        "snapshots": [{"source": s["source"], "id": s["id"]} for s in meta["snapshots"]],
        "crossref": {"chapters": True},
        "format": {"typst": {
            "papersize": "a4", "toc": False, "number-sections": False,
            "template-partials": ["typst-template.typ", "typst-show.typ"],
            "font-paths": [str(d) for d in FONT_DIRS if d.is_dir()],
            "filters": filters,
        }},
    }
    (folder / "_quarto.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def render_pdf_quarto(book: Path, target: Path, meta: dict) -> None:
    """Render the combined document to PDF through Quarto's typst format, with the house
    title page, contents, running header and page numbers (`print_project`)."""
    folder = book.parent / "print"
    print_project(book, folder, meta)
    _run(folder, ["render", COMBINED, "--to", "typst", "--output", target.name])
    shutil.move(folder / target.name, target)
