"""The Quarto renderer, used when `quarto` is on PATH (`--renderer quarto`, or `auto`).

Written to Quarto's documentation: the assembled book (`_build/<edition>/book/`,
with its `_quarto.yml` of `type: book`) renders to HTML as a Quarto book; the PDF
is the combined document `briefing.qmd` rendered `--to typst` (book projects do not
render typst in every Quarto version). Same content as the built-in path: Quarto
numbers figures and resolves @fig-/@tbl- references itself; the project's
html_charts.lua filter makes the charts interactive from the local Vega bundle."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from briefing.config import Edition
from briefing.errors import InputError
from briefing.render.pdf import FONT_DIRS
from briefing.report.book import COMBINED

HERE = Path(__file__).resolve().parent
HEADER = '<script src="assets/vega.js" defer></script>\n<script src="assets/charts.js" defer></script>'


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
                                 "filters": [str(HERE / "filters" / name) for name in ("formats.lua", "safe_links.lua", "html_charts.lua")]}}
    (book / "_quarto.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _run(book, ["render", ".", "--to", "html"])
    if out.exists():
        shutil.rmtree(out)
    shutil.move(book / "_book", out)


def render_pdf_quarto(book: Path, target: Path, meta: dict) -> None:
    """Render the combined document to PDF through Quarto's typst format, in a folder of
    its own (a plain project beside the book: Quarto looks upward for a project file)."""
    folder = book.parent / "print"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(book / "figures", folder / "figures")
    shutil.copyfile(book / COMBINED, folder / COMBINED)
    (folder / "_quarto.yml").write_text(yaml.safe_dump({"project": {"type": "default"}}), encoding="utf-8")
    args = ["render", COMBINED, "--to", "typst", "--output", target.name,
            "-M", f"version:{meta['version']}", "-M", "toc:true", "-M", "papersize:a4",
            "-M", "section-numbering:none"]
    for font_dir in FONT_DIRS:
        if font_dir.is_dir():
            args += ["-M", f"font-paths:{font_dir}"]
    _run(folder, args)
    shutil.move(folder / target.name, target)
