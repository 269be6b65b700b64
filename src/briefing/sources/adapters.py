"""One adapter per source: `read(files) -> {canonical table: frame}`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from briefing.sources import ncses, oecd, openalex, worldbank
from briefing.sources.indicators import Registry

Adapter = Callable[..., dict[str, pd.DataFrame]]

# Keep in step with briefing.tables.SOURCES (a test checks).
ADAPTERS: dict[str, Adapter] = {
    "openalex": openalex.read,
    "worldbank": worldbank.read,
    "oecd": oecd.read,
    "ncses": ncses.read,
}
# The adapters that read through the indicator registry (data/indicators.yml).
REGISTRY_READERS = frozenset({"worldbank", "oecd", "ncses"})


def read_files(source: str, files: list[Path], registry: Registry | None = None) -> dict[str, pd.DataFrame]:
    """Run the adapter of `source` on native files (named by their base name); the registry
    (default: the project's) tells the World Bank, OECD and NCSES adapters what to read."""
    named = {f.name: f for f in files}
    if source in REGISTRY_READERS:
        return ADAPTERS[source](named, registry)
    return ADAPTERS[source](named)
