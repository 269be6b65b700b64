"""Which renderer: `auto` takes Quarto when it is on PATH, else the built-in one."""

from __future__ import annotations

from briefing import __version__
from briefing.errors import InputError
from briefing.infra.provenance import versions
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
    """Name and versions of the renderer (and of Python and key packages), for the
    manifest, the title page and the methods appendix."""
    if renderer == "quarto":
        version = quarto_version()
        info = {"name": "quarto", "quarto": version, "label": f"Quarto {version}"}
    else:
        pandoc, typst = pandoc_version(), typst_version()
        info = {"name": "built-in", "pandoc": pandoc, "typst": typst,
                "label": f"briefing {__version__} built-in (pandoc {pandoc}, typst {typst})"}
    return {**info, "briefing": __version__, "versions": versions()}
