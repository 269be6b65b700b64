"""The Quarto renderer, used when `quarto` is on PATH (`--renderer quarto`, or `auto`).

Written to Quarto's documentation: the assembled book (`_build/<edition>/book/`,
with its `_quarto.yml` of `type: book`) renders to HTML as a Quarto book; the PDF
is the combined document `briefing.qmd` rendered `--to typst` (book projects do not
render typst in every Quarto version). Same content as the built-in path: Quarto
numbers figures and resolves @fig-/@tbl- references itself; the project's
html_charts.lua filter makes the charts interactive from the local Vega bundle."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypandoc
import yaml

from briefing.config import Edition
from briefing.errors import InputError
from briefing.render.numbering import crossref_map
from briefing.render.pdf import FONT_DIRS, LITERAL, READER
from briefing.report.book import COMBINED, FRONT_MATTER, assembled_chapters, md_escape
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


# Quarto's book numbering, read from https://quarto.org/docs/books/book-structure.html ("Chapter
# Numbers": "All chapters are numbered by default. If you want a chapter to be unnumbered simply
# add the .unnumbered class to its main header"; "Appendices are numbered using uppercase alpha";
# "Section Numbers": `number-depth`). Quarto 1.10.18 counted the summary (index.qmd, titled in
# its front matter) as chapter 1, so its title becomes a main header marked unnumbered; figures
# and tables are numbered by chapter in books (https://quarto.org/docs/books/book-crossrefs.html).
FRONT_TITLE = re.compile(r"\A---\ntitle: (.+?)\n---\n", re.S)


def unnumbered_index(text: str) -> str:
    """index.qmd with its front-matter title as a main header marked `.unnumbered`."""
    match = FRONT_TITLE.match(text)
    if not match:
        return text
    title = yaml.safe_load(f"title: {match.group(1)}")["title"]
    return f"# {title} {{.unnumbered}}\n\n{text[match.end():]}"


def html_project(book: Path, folder: Path) -> Path:
    """The Quarto book project the HTML renders from: a copy of the assembled book (left as
    the built-in renderer reads it) with the summary unnumbered."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(book, folder)
    index = folder / "index.qmd"
    if index.is_file():
        index.write_text(unnumbered_index(index.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def render_html_quarto(book: Path, out: Path, edition: Edition, provenance: dict, version: int | None,
                       cite: dict | None = None) -> None:
    """Render the book to HTML with Quarto into `out` (replaced); `cite` (a published version's
    `briefing-cite`) puts the "Cite this version" box on the summary page (cite_box.lua)."""
    book = html_project(book, book.parent / "quarto-html")
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
    # Project metadata reaches every page's filters ("Shared Metadata",
    # https://quarto.org/docs/projects/quarto-projects.html#shared-metadata); cite_box.lua keeps the box
    # to the summary page. The head tags of a published version (citation, Open Graph, canonical,
    # versions.js) are not an `include-in-header` (its text is the same for every page, see
    # https://quarto.org/docs/output-formats/html-basics.html#includes and Quarto's schema
    # document-includes.yml), since the canonical link and og:url name the page: render/head.py adds
    # them to the written pages, for both renderers.
    if cite:
        config["briefing-cite"] = {**cite, "text": md_escape(cite["text"])}
    # number-depth 1: chapters numbered, as on the built-in site, not their sections.
    config["format"] = {"html": {"toc": True, "css": "assets/briefing.css", "number-depth": 1,
                                 "include-in-header": {"text": HEADER},
                                 "filters": [str(HERE / "filters" / name) for name in
                                             ("safe_links.lua", "media.lua", "html_charts.lua", "cite_box.lua")]}}
    if version:
        config["explore-links"] = explore_links(book / "figures", edition.region.name)
        config["format"]["html"]["include-before-body"] = {"text": EXPLORE_HEADER}
    (book / "_quarto.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _run(book, ["render", ".", "--to", "html"])
    if out.exists():
        shutil.rmtree(out)
    shutil.move(book / "_book", out)
    shutil.rmtree(book)


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
# - Numbers: Quarto numbers what carries a `fig-`, `tbl-` or `sec-` id
#   (https://quarto.org/docs/authoring/cross-references.html); `crossref: chapters: true` did not
#   number the typst PDF's figures by chapter in Quarto 1.10.18 ("Figure 10:"). So the print
#   document gets the project's numbers written in, by the built-in PDF's own crossref filter
#   (captions "Figure 2.3: ...", references as links), and its ids renamed out of Quarto's
#   crossref prefixes (`fig-` -> `printed-fig-`), so Quarto numbers nothing; chapter headings carry
#   their numbers in their text (report.book.print_title); the house template turns typst's own
#   figure numbering off.
SUMMARY_HEADING = re.compile(r"^(# .+?) \{#chapter-index\}$", re.M)
CROSSREF_ID = re.compile(r"(?<=#)(fig|tbl|sec)-")


def print_project(book: Path, folder: Path, meta: dict) -> None:
    """The Quarto project that renders the combined document to PDF through typst: a plain
    project of its own beside the book (Quarto looks upward for a project file), with the
    house partials and the edition's metadata."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(book / "figures", folder / "figures")
    text = numbered_document(book)
    (folder / COMBINED).write_text(SUMMARY_HEADING.sub(r"\1 {#chapter-index .unnumbered}", text), encoding="utf-8")
    (folder / "typst-template.typ").write_text(
        "// The house look, from src/briefing/render/templates/house.typ (shared with the built-in PDF).\n"
        + (HERE / "templates" / "house.typ").read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copyfile(HERE / "templates" / "house-show.typ", folder / "typst-show.typ")
    filters = [str(HERE / "filters" / name) for name in ("safe_links.lua", "absolute_links.lua", "media.lua",
                                                            "typst_blocks.lua")]
    # Read by typst-show.typ (briefing-published, briefing-citation) and absolute_links.lua (link-base); as
    # markdown, so escaped. Named with a prefix: Quarto's own `citation` key means something else
    # (https://quarto.org/docs/reference/metadata/citation.html).
    published = {key: md_escape(meta[key]) for key in LITERAL if key in meta and key not in ("title", "subtitle")}
    published |= {key: meta[key] for key in ("briefing-citation",) if key in meta}  # markdown already
    config = {
        "project": {"type": "default"},
        "version": meta["version"], "renderer": meta["renderer"], **published,
        "snapshots": [{"source": s["source"], "id": s["id"]} for s in meta["snapshots"]],
        "format": {"typst": {
            "papersize": "a4", "toc": False, "number-sections": False,
            "template-partials": ["typst-template.typ", "typst-show.typ"],
            "font-paths": [str(d) for d in FONT_DIRS if d.is_dir()],
            "filters": filters,
        }},
    }
    (folder / "_quarto.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def numbered_document(book: Path) -> str:
    """The combined print document with every figure, table and reference numbered as the
    built-in renderers number them (crossref.lua, through pandoc, markdown to markdown), its
    crossref ids renamed so that Quarto numbers none of them again."""
    refs = {label: dict(entry, page="") for label, entry in crossref_map(book, assembled_chapters(book)).items()}
    with tempfile.TemporaryDirectory(prefix=".numbers-", dir=book) as tmp:
        meta = Path(tmp) / "meta.json"
        meta.write_text(json.dumps({"crossref": refs}, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run([pypandoc.get_pandoc_path(), COMBINED, "--from", READER, "--to", "markdown",
                                 "--columns=1000", "--metadata-file", str(meta.resolve()),
                                 "--lua-filter", str(HERE / "filters" / "crossref.lua")],
                                cwd=book, capture_output=True, text=True)
    if result.returncode != 0:
        raise InputError(f"{book.name}/{COMBINED}", "pandoc could not number the print document: "
                         + " ".join(result.stderr.split())[:600])
    front = FRONT_MATTER.match((book / COMBINED).read_text(encoding="utf-8"))
    return (front.group(0) if front else "") + "\n" + CROSSREF_ID.sub(r"printed-\1-", result.stdout)


def render_pdf_quarto(book: Path, target: Path, meta: dict) -> None:
    """Render the combined document to PDF through Quarto's typst format, with the house
    title page, contents, running header and page numbers (`print_project`)."""
    folder = book.parent / "print"
    print_project(book, folder, meta)
    _run(folder, ["render", COMBINED, "--to", "typst", "--output", target.name])
    shutil.move(folder / target.name, target)
