"""One adapter per source: `read(files) -> {canonical table: frame}`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from briefing.sources import ncses, oecd, openalex, worldbank

Adapter = Callable[[dict[str, Path]], dict[str, pd.DataFrame]]

# Keep in step with briefing.tables.SOURCES (a test checks).
ADAPTERS: dict[str, Adapter] = {
    "openalex": openalex.read,
    "worldbank": worldbank.read,
    "oecd": oecd.read,
    "ncses": ncses.read,
}


def read_files(source: str, files: list[Path]) -> dict[str, pd.DataFrame]:
    """Run the adapter of `source` on native files (named by their base name)."""
    return ADAPTERS[source]({f.name: f for f in files})
