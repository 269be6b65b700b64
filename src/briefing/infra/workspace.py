"""Where things live. The project root holds what is authored (params, chapters,
notebooks, data/curated, data/sources.yml); the work root holds what is built
(data/raw, _build, figures, _site). They are the same folder unless
`--workdir` / BRIEFING_WORKDIR points the built side elsewhere (tests do)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/briefing (this module is in infra/)


def find_project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` holding `data/sources.yml` and `notebooks/`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "sources.yml").is_file() and (folder / "notebooks").is_dir():
            return folder
    # An installed package run outside a checkout: fall back to the source tree.
    return PACKAGE_DIR.parents[1]


@dataclass(frozen=True)
class Workspace:
    root: Path
    work: Path

    @classmethod
    def discover(cls, workdir: Path | str | None = None) -> Workspace:
        root = find_project_root()
        chosen = workdir or os.environ.get("BRIEFING_WORKDIR") or root
        return cls(root=root, work=Path(chosen).resolve())

    # Authored inputs.
    @property
    def sources_file(self) -> Path:
        return self.root / "data" / "sources.yml"

    @property
    def fields_file(self) -> Path:
        return self.root / "data" / "fields.yml"

    @property
    def curated(self) -> Path:
        return self.root / "data" / "curated"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def chapters(self) -> Path:
        return self.root / "chapters"

    @property
    def quarto_file(self) -> Path:
        return self.root / "_quarto.yml"

    # Built outputs.
    @property
    def raw(self) -> Path:
        return self.work / "data" / "raw"

    @property
    def http_cache(self) -> Path:
        """Answers of live APIs, keyed by URL without secrets, so a rerun costs no calls."""
        return self.work / "data" / "cache" / "http"

    def build(self, edition: str) -> Path:
        return self.work / "_build" / edition

    def data(self, edition: str) -> Path:
        """The edition's validated tables (`briefing validate`)."""
        return self.build(edition) / "data"

    def figures(self, edition: str) -> Path:
        return self.work / "figures" / edition

    @property
    def site(self) -> Path:
        return self.work / "_site"
