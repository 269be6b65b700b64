"""stages/assemble on a tiny project (tests/tiny_book.py): embeds resolved into plain
markdown, unknown labels refused with their line, the content key stable and sensitive."""

from __future__ import annotations

import pytest

from briefing.errors import InputError
from briefing.stages.assemble import assemble
from tests.tiny_book import tiny_book, write_section


def test_embeds_become_the_labelled_output_and_meta_the_edition(tmp_path):
    ws, edition = tiny_book(tmp_path)
    book = assemble(ws, edition)
    text = (ws.build("ci") / "book" / "index.qmd").read_text()
    assert "Japan and South Korea wrote **12** papers together." in text and "embed" not in text
    assert f'title: "{edition.title}"' in text
    assert [c.sections for c in book.chapters] == [("demo",)] and book.baseline is None
    assert {"_quarto.yml", "briefing.qmd", "index.qmd"} <= {p.name for p in (ws.build("ci") / "book").iterdir()}


def test_the_content_key_moves_with_content_only(tmp_path):
    ws, edition = tiny_book(tmp_path)
    first = assemble(ws, edition).key
    assert assemble(ws, edition).key == first
    write_section(ws.build("ci"), "Japan and South Korea wrote **13** papers together.")
    assert assemble(ws, edition).key != first
    changed = edition.model_copy(update={"title": "Another title"})
    assert assemble(ws, changed).key not in (first, assemble(ws, edition).key)


def test_an_unknown_label_names_the_chapter_line_and_leaves_the_book(tmp_path):
    ws, edition = tiny_book(tmp_path)
    assemble(ws, edition)
    before = (ws.build("ci") / "book" / "index.qmd").read_bytes()
    chapter = ws.chapters / "index.qmd"
    chapter.write_text(chapter.read_text() + "\n{{< embed ../notebooks/demo.ipynb#fig-missing >}}\n")
    with pytest.raises(InputError) as caught:
        assemble(ws, edition)
    assert str(caught.value).startswith(f"{chapter}, line 9: embed names label 'fig-missing'")
    assert (ws.build("ci") / "book" / "index.qmd").read_bytes() == before


def test_a_section_that_has_not_run_is_named(tmp_path):
    ws, edition = tiny_book(tmp_path)
    (ws.build("ci") / "notebooks" / "demo.ipynb").unlink()
    with pytest.raises(InputError, match="section 'demo' has not run; run `briefing run` first"):
        assemble(ws, edition)


def test_a_history_pages_own_text_is_content_and_the_baseline_enters_the_key(tmp_path):
    """A page with a block that reads the site (what the previous edition said to watch) is
    written after the key, but its own sentences are in it; so is the baseline's identity."""
    import json

    ws, edition = tiny_book(tmp_path)
    chapter = ws.chapters / "index.qmd"
    chapter.write_text(chapter.read_text() + "\n{{< briefing watch-followup >}}\n")
    first = assemble(ws, edition)
    assert first.baseline is None and "index.qmd" in first.pages
    chapter.write_text(chapter.read_text() + "\nA sentence added.\n")
    second = assemble(ws, edition)
    assert second.key != first.key and second.pages["index.qmd"] != first.pages["index.qmd"]
    previous = ws.site / "ci-before" / "v1"
    previous.mkdir(parents=True)
    window = {"start": edition.window.start - 1, "end": edition.window.end - 1}
    (previous / "manifest.json").write_text(json.dumps({"edition": "ci-before", "content_key": "k0", "series": "ci",
                                                        "parameters": {"window": window, "series": "ci"}}))
    (previous / "findings.json").write_text(json.dumps({"edition": "ci-before", "findings": []}))
    compared = assemble(ws, edition)
    assert compared.baseline == "ci-before/v1" and compared.key != second.key
