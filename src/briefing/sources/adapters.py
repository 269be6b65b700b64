"""One adapter per source: `read(files) -> {canonical table: frame}`."""

from __future__ import annotations

from collections import OrderedDict
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


_CHECKED: OrderedDict[tuple, dict[str, pd.DataFrame]] = OrderedDict()
_CHECKED_KEPT = 8


def checked_tables(source: str, files: list[Path], digests: dict[str, str], registry: Registry,
                   origin: str) -> dict[str, pd.DataFrame]:
    """The adapter's tables of `source`, each validated against its canonical schema (a
    failure names `origin`). Done once per process for the same bytes (`digests`, the files'
    sha256 by name, which the caller has already computed) and registry: `build` checks a
    mirror's files in fetch, then validate reads the same bytes from their snapshot."""
    key = (source, tuple(sorted(digests.items())), registry.model_dump_json())
    if key not in _CHECKED:
        from briefing import schemas  # imported here: pandera is heavy

        _CHECKED[key] = {name: schemas.check(name, frame, origin)
                         for name, frame in read_files(source, files, registry).items()}
        while len(_CHECKED) > _CHECKED_KEPT:
            _CHECKED.popitem(last=False)
    _CHECKED.move_to_end(key)
    return {name: frame.copy() for name, frame in _CHECKED[key].items()}
