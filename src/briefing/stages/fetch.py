"""`briefing fetch`: snapshot the sources into `data/raw/<source>/<snapshot-id>/`,
from a local mirror of published files or from the live APIs (docs/architecture.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefing.config import Edition
from briefing.infra.workspace import Workspace
from briefing.sources import registry
from briefing.sources.mirror import fetch_mirror

if TYPE_CHECKING:
    from briefing.live.fetch import LiveSnapshot
    from briefing.live.settings import LiveSettings


def fetch(ws: Workspace, mirror: Path, sources: list[str] | None = None,
          edition: Edition | None = None) -> list[tuple[str, str, bool]]:
    """Every (or the named) source from the mirror: (source, snapshot id, new?); with `edition`,
    the mirror must hold every source file its indicators draw on."""
    return [(s.source, s.id, new) for s, new in fetch_mirror(ws, mirror, sources, edition)]


def fetch_live(ws: Workspace, edition: Edition, settings: LiveSettings,
               sources: list[str] | None = None) -> list[LiveSnapshot]:
    from briefing.live.fetch import fetch_live as fetch_live_sources  # imported here: loads httpx and adapters

    return fetch_live_sources(ws, edition, settings, sources)


def fetch_live_then_mirror(ws: Workspace, edition: Edition, settings: LiveSettings,
                           mirror: Path | None) -> list[tuple[str, str, bool]]:
    """The API sources live; the others (no API) from the mirror when there is one."""
    fetched = [(s.source, s.id, s.new) for s in fetch_live(ws, edition, settings)]
    from briefing.live.fetch import CLIENTS

    rest = sorted(set(registry.datasets(ws.sources_file)) - set(CLIENTS))
    if mirror is not None and rest:
        fetched += fetch(ws, mirror, rest, edition)
    return fetched
