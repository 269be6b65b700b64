"""Renderer choice: auto falls back to the built-in renderer; quarto without the binary is a clear error."""

from __future__ import annotations

import pytest

from briefing.errors import InputError
from briefing.render import choose


def test_auto_and_explicit(monkeypatch):
    monkeypatch.setattr(choose, "quarto_path", lambda: None)
    assert choose.resolve_renderer("auto") == "builtin"
    assert choose.resolve_renderer("builtin") == "builtin"
    with pytest.raises(InputError, match="quarto is not on PATH"):
        choose.resolve_renderer("quarto")
    with pytest.raises(InputError, match="not one of"):
        choose.resolve_renderer("latex")
    monkeypatch.setattr(choose, "quarto_path", lambda: "/usr/bin/quarto")
    assert choose.resolve_renderer("auto") == "quarto"


def test_builtin_info_names_versions():
    info = choose.renderer_info("builtin")
    assert info["name"] == "built-in" and info["pandoc"].startswith("3.") and info["typst"]
