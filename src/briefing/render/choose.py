"""Which renderer: `auto` takes Quarto when it is on PATH, else the built-in one."""

from __future__ import annotations

from briefing import __version__
from briefing.errors import InputError
from briefing.render.html import pandoc_version
from briefing.render.pdf import typst_version
from briefing.render.quarto import quarto_path, quarto_version

CHOICES = ("auto", "builtin", "quarto")


def resolve_renderer(choice: str) -> str:
    if choice not in CHOICES:
        raise InputError("--renderer", f"{choice!r} is not one of {', '.join(CHOICES)}")
    if choice == "auto":
        return "quarto" if quarto_path() else "builtin"
    if choice == "quarto" and not quarto_path():
        raise InputError("--renderer quarto", "quarto is not on PATH (install it with `pip install quarto-cli` "
                                              "on a connected machine, or use --renderer builtin)")
    return choice


def renderer_info(renderer: str) -> dict:
    """Name and versions of the renderer, for the manifest and the title page."""
    if renderer == "quarto":
        version = quarto_version()
        return {"name": "quarto", "quarto": version, "briefing": __version__, "label": f"Quarto {version}"}
    pandoc, typst = pandoc_version(), typst_version()
    return {"name": "built-in", "briefing": __version__, "pandoc": pandoc, "typst": typst,
            "label": f"briefing {__version__} built-in (pandoc {pandoc}, typst {typst})"}
