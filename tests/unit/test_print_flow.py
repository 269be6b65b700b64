"""The print layout on tiny documents, through the same pandoc filters, house template and typst
as the built-in PDF (render/pdf.py's pipeline, without a build): a figure that does not fit lets
the text of its section go ahead of it instead of leaving the page half empty, and never leaves
its section; a long table keeps its first and last rows and its note together and repeats its
header; rows never split."""

from __future__ import annotations

import json
import subprocess

import pypandoc
import typst

from briefing.render.pdf import FILTERS, FONT_DIRS, HERE, READER
from tests.print import pdf_layout

LOREM = ("Collaboration statistics move slowly while the rules around them have moved fast, and every "
         "number here is computed from published data. ") * 6


def svg(path, width: int, height: int) -> None:
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
                    f'<rect width="{width}" height="{height}" fill="#ccc"/>'
                    f'<text x="10" y="20" font-size="12">Drawn marker</text></svg>', encoding="utf-8")


def pdf(tmp_path, markdown: str) -> list[pdf_layout.Page]:
    """The tiny document as the built-in renderer would print it."""
    (tmp_path / "doc.md").write_text(markdown, encoding="utf-8")
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"title": "Tiny", "edition": "t", "version": "1", "renderer": "test",
                                "snapshots": [], "crossref": {}}), encoding="utf-8")
    command = [pypandoc.get_pandoc_path(), "doc.md", "--from", READER, "--to", "typst", "--standalone",
               "--template", str(HERE / "templates" / "briefing.typ"), "--metadata-file", str(meta),
               "--output", "doc.typ"]
    for name in FILTERS:
        command += ["--lua-filter", str(HERE / "filters" / name)]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    (tmp_path / "doc.pdf").write_bytes(typst.compile(str(tmp_path / "doc.typ"),
                                                     font_paths=[str(d) for d in FONT_DIRS if d.is_dir()]))
    return pdf_layout.read_pages(tmp_path / "doc.pdf")


def where(pages, text: str) -> tuple[int, float]:
    """Page and height of the first line holding `text` (a line that is `text`, for a cell's), not
    in the contents."""
    return next((p.number, ln.y0) for p in pages for ln in p.lines
                if ". . ." not in ln.text and (ln.text == text.strip() if text.endswith(" ") else text in ln.text))


def test_a_figure_lets_its_sections_text_go_ahead_rather_than_leave_half_a_page_empty(tmp_path):
    svg(tmp_path / "tall.svg", 600, 700)
    doc = (f"# One chapter\n\n## A section\n\n{LOREM}\n\n{LOREM}\n\nFirst words before the figure.\n\n"
           f"![A tall figure](tall.svg)\n\nAfter one: {LOREM}\n\nAfter two: {LOREM}\n\n"
           f"## The next section\n\nNext section's words.\n")
    pages = pdf(tmp_path, doc)
    figure, after = where(pages, "Drawn marker"), where(pages, "After one:")
    assert after < figure  # the text after it went ahead, filling the page it left
    assert figure < where(pages, "The next section")  # and the figure stayed in its section
    chapter = where(pages, "One chapter")[0]
    assert pdf_layout.blank_pages(pages) == []
    body = [p for p in pages if p.number >= chapter]
    lowest = max(ln.y1 for ln in body[0].body)
    assert lowest > pdf_layout.MARGINS["top"] + 2 / 3 * (body[0].height - 4.8 * pdf_layout.CM)


def test_a_figure_never_moves_past_the_next_heading(tmp_path):
    svg(tmp_path / "tall.svg", 600, 700)
    doc = f"# One chapter\n\n## A section\n\n{LOREM}\n\n{LOREM}\n\n![A tall figure](tall.svg)\n\n## Next\n\nNext words.\n"
    pages = pdf(tmp_path, doc)
    assert where(pages, "Drawn marker") < where(pages, "Next words.")


def test_a_long_table_keeps_its_last_rows_and_note_together_and_repeats_its_header(tmp_path):
    """With text of every length before it, so that its page breaks fall everywhere."""
    rows = "\n".join(f"| Row {i} | {'A long cell that wraps over lines ' * 2} |" for i in range(1, 31))
    for lead in range(0, 48, 3):
        words = " ".join(["Lead line."] * 12 * lead) or "Lead."
        doc = (f"# One chapter\n\n{words}\n\n: A long table {{#tbl-long}}\n\n| Name | Text |\n|:--|:--|\n{rows}\n\n"
               "::: {.source-note}\nSource: the test.\n:::\n")
        folder = tmp_path / str(lead)
        folder.mkdir()
        pages = pdf(folder, doc)
        last, before, note = where(pages, "Row 30 "), where(pages, "Row 29 "), where(pages, "Source: the test.")
        assert last[0] == before[0] == note[0], lead
        assert where(pages, "Row 1 ")[0] == where(pages, "Row 2 ")[0], lead
        first = where(pages, "Row 1 ")[0]
        assert all(p.body[0].text.startswith("Name") for p in pages if first < p.number <= last[0]), lead
        starts = [where(pages, f"Row {i} ") for i in range(1, 31)]
        assert starts == sorted(starts), lead  # every row whole and in order
