"""stages/render on a tiny project: the draft HTML is rendered once and skipped while
book, provenance, parameters and the render stage's own code are unchanged."""

from __future__ import annotations

from briefing.stages import render as render_stage
from tests.tiny_book import tiny_book, write_section


def test_renders_once_then_skips_until_something_it_reads_changes(tmp_path, monkeypatch):
    ws, edition = tiny_book(tmp_path)
    rendered, html = render_stage.render(ws, edition, renderer="builtin")
    assert rendered and "papers together" in (html / "index.html").read_text()
    assert render_stage.render(ws, edition, renderer="builtin") == (False, html)
    write_section(ws.build("ci"), "Japan and South Korea wrote **13** papers together.")
    assert render_stage.render(ws, edition, renderer="builtin")[0]
    assert "<strong>13</strong>" in (html / "index.html").read_text()
    monkeypatch.setattr(render_stage, "code_fingerprint", lambda *roots: "edited-css")
    assert render_stage.render(ws, edition, renderer="builtin")[0]  # the renderer's code (CSS included)
    assert render_stage.render(ws, edition, renderer="builtin", force=True)[0]


def test_the_key_is_the_render_stages_own_code():
    from briefing.infra.fingerprint import closure

    modules = closure([render_stage.__name__])
    assert "briefing.render.html" in modules and not any(m.startswith("briefing.metrics") for m in modules)
