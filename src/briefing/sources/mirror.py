"""`briefing fetch --mirror DIR`: snapshot published files from a local mirror."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import InputError
from briefing.infra.workspace import Workspace
from briefing.sources import indicators, registry
from briefing.sources.snapshot import SNAPSHOT_FILE, Snapshot, content_id, file_digests, utc_stamp, write_snapshot

if TYPE_CHECKING:
    from briefing.config import Edition


def default_mirror(ws: Workspace) -> Path | None:
    """BRIEFING_MIRROR, else ../shared/data beside the project when present."""
    env = os.environ.get("BRIEFING_MIRROR")
    if env:
        return Path(env)
    beside = ws.root.parent / "shared" / "data"
    return beside if beside.is_dir() else None


def mirror_files(mirror: Path, source: str, entry: dict) -> list[Path]:
    """The files of `source` in the mirror: one per pattern of sources.yml's `files`, and every
    match (at least one) of each pattern of `each` (a publisher's file per indicator or dataflow)."""
    folder = mirror / entry["mirror"]["folder"]
    if not folder.is_dir():
        raise InputError(str(folder), f"mirror has no folder for source {source!r}")
    found: list[Path] = []
    for pattern in entry["mirror"].get("each", []):
        hits = sorted(folder.glob(pattern))
        if not hits:
            raise InputError(str(folder / pattern), f"no file of source {source!r} in the mirror")
        found.extend(hits)
    for pattern in entry["mirror"].get("files", []):
        hits = sorted(folder.glob(pattern))
        if not hits:
            raise InputError(str(folder / pattern), f"file of source {source!r} not found in the mirror")
        if len(hits) > 1:
            names = ", ".join(h.name for h in hits)
            raise InputError(str(folder / pattern), f"pattern matches several files ({names}); keep one")
        found.append(hits[0])
    return found


def is_snapshotted(ws: Workspace, source: str, digests: dict[str, str]) -> bool:
    """Whether files with these sha256 digests (by name) are already a snapshot of `source`."""
    return (ws.raw / source / content_id("mirror", digests) / SNAPSHOT_FILE).is_file()


def check_files(source: str, files: list[Path], registry: indicators.Registry,
                digests: dict[str, str] | None = None) -> None:
    """Parse and validate native files before they become a snapshot (`registry`: the project's
    indicator registry, which the World Bank, OECD and NCSES adapters read through; `digests`:
    the files' sha256 by name, when the caller has them)."""
    from briefing.sources.adapters import checked_tables  # imported here: heavy

    checked_tables(source, files, digests or file_digests(files), registry, f"{files[0].parent} ({source})")


def fetch_mirror(ws: Workspace, mirror: Path, sources: list[str] | None = None,
                 edition: Edition | None = None) -> list[tuple[Snapshot, bool]]:
    """Snapshot every (or the named) source from `mirror` into data/raw; with `edition`, first
    check that the mirror holds the file of every source its indicators draw on."""
    if not mirror.is_dir():
        raise InputError(str(mirror), "mirror folder not found")
    table = registry.datasets(ws.sources_file)
    chosen = sources or sorted(table)
    # Check every source before writing any, so a bad mirror writes nothing.
    plan = {s: mirror_files(mirror, s, registry.dataset(ws.sources_file, s)) for s in chosen}
    if edition is not None:
        indicators.check_edition_files(ws.root, edition, {s: [f.name for f in files] for s, files in plan.items()},
                                       f"the mirror ({mirror})")
    indicator_registry = indicators.for_root(ws.root)
    for source, files in plan.items():
        digests = file_digests(files)
        if not is_snapshotted(ws, source, digests):
            check_files(source, files, indicator_registry, digests)
    results = []
    for source, files in plan.items():
        entry = table[source]
        origin = f"mirror:{entry['mirror']['folder']}/" + ",".join(f.name for f in files)
        # A mirror holds files as retrieved from the publisher: their time is the file time.
        retrieved = utc_stamp(datetime.fromtimestamp(max(f.stat().st_mtime for f in files), UTC))
        results.append(write_snapshot(ws.raw, source, entry, origin, "mirror", files, retrieved_at=retrieved))
    return results
