"""The built-in PDF renderer: the combined document through pandoc's typst writer
with the house template, then compiled by the `typst` package (fonts from the
system, Noto CJK included when installed)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path

import pypandoc
import typst

from briefing.errors import InputError
from briefing.infra.fileio import write_bytes_atomic
from briefing.render.numbering import crossref_map
from briefing.report.book import COMBINED, Chapter, md_escape

HERE = Path(__file__).resolve().parent
FILTERS = ["safe_links.lua", "absolute_links.lua", "media.lua", "crossref.lua", "callouts.lua", "typst_blocks.lua"]
READER = "markdown-raw_html-raw_tex-raw_attribute"
LITERAL = ("title", "subtitle", "briefing-published", "link-base")  # plain text, escaped (briefing-citation is markdown)
FONT_DIRS = [Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/dejavu")]


def typst_version() -> str:
    return metadata.version("typst")


def render_pdf(book: Path, target: Path, chapters: list[Chapter], meta: dict) -> Path:
    """Write the PDF of the assembled `book` to `target`; `meta` fills the template (title,
    subtitle, edition, version, commit, snapshots, renderer; a published version's
    briefing-published, briefing-citation and, with the site's address, link-base)."""
    refs = {label: dict(entry, page="") for label, entry in crossref_map(book, chapters).items()}
    with tempfile.TemporaryDirectory(prefix=".pdf-", dir=book) as tmp:
        source = Path(tmp) / "briefing.typ"
        meta_file = Path(tmp) / "meta.json"
        # Metadata values are read as markdown: text from parameters and the site's address are escaped.
        literal = {key: md_escape(meta[key]) for key in LITERAL if key in meta}
        meta_file.write_text(json.dumps({**meta, **literal, "crossref": refs}, ensure_ascii=False), encoding="utf-8")
        command = [pypandoc.get_pandoc_path(), COMBINED, "--from", READER, "--to", "typst", "--standalone",
                   "--columns=1000", "--template", str(HERE / "templates" / "briefing.typ"),
                   "--metadata-file", str(meta_file), "--output", str(source)]
        for name in FILTERS:
            command += ["--lua-filter", str(HERE / "filters" / name)]
        result = subprocess.run(command, cwd=book, capture_output=True, text=True)
        if result.returncode != 0:
            raise InputError(f"{book.name}/{COMBINED}", "pandoc could not write typst: "
                             + " ".join(result.stderr.split())[:600])
        # typst resolves paths against the file's folder: point figures one level up.
        text = source.read_text(encoding="utf-8").replace('image("figures/', 'image("../figures/')
        source.write_text(text, encoding="utf-8")
        try:
            pdf = typst.compile(str(source), root=str(book), font_paths=[str(d) for d in FONT_DIRS if d.is_dir()])
        except Exception as exc:  # typst raises its own error type with the source location
            raise InputError(f"{book.name}/{COMBINED}", f"typst could not compile the PDF: {exc}") from None
    write_bytes_atomic(target, pdf)
    return target
