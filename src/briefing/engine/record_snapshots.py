"""Record-level works as snapshots: `data/raw/openalex_works/<snapshot-id>/`, one field
per snapshot (named in snapshot.yml). They come from the API (`fetch --live --records`)
or from local files of the OpenAlex snapshot or a Scopus export
(`fetch --records-from PATH --field NAME`), and feed the record-level engine."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from briefing.errors import InputError
from briefing.infra.workspace import Workspace
from briefing.sources import registry
from briefing.sources.snapshot import SNAPSHOT_FILE, Snapshot, read_snapshot, write_snapshot
from briefing.tables import RECORDS_SOURCE


def snapshot_local_records(ws: Workspace, paths: list[Path], field: str) -> tuple[Snapshot, bool]:
    """Check every record of the files (or folders) named, then snapshot them for `field`
    (a field of data/fields.yml: the records are taken to be that field's works)."""
    from briefing.engine.inputs import find_records, first_problem  # imported here: heavy
    from briefing.sources.fields import field_def

    field_def(ws.fields_file, field, where="--field")
    files = find_records(paths).all()
    for path in files:
        problem = first_problem(path) if path.suffix != ".csv" else None
        if problem:
            raise InputError(*problem)
    with tempfile.TemporaryDirectory(prefix="briefing-records-") as tmp:
        # Snapshot parts share names across updated_date=* folders: number them.
        copies = []
        for i, path in enumerate(files):
            copy = Path(tmp) / f"{i:04d}-{path.name}"
            shutil.copyfile(path, copy)
            copies.append(copy)
        entry = registry.live_entry(ws.sources_file, RECORDS_SOURCE)
        origin = f"local:{len(files)} record file(s)"
        return write_snapshot(ws.raw, RECORDS_SOURCE, entry, origin, "local", copies,
                              extra={"records": {"field": field, "files": len(files)}})


def field_of(meta: dict) -> str | None:
    return (meta.get("records") or meta.get("live") or {}).get("field")


def taken_at(snap: Snapshot) -> str:
    """When the snapshot was taken (local copies) or retrieved (live), as an ISO timestamp."""
    return snap.meta.get("snapshotted_at") or snap.meta.get("retrieved_at", "")


def record_snapshots(ws: Workspace) -> dict[str, Snapshot]:
    """The newest snapshot of each field's records (by when it was taken)."""
    folder = ws.raw / RECORDS_SOURCE
    newest: dict[str, Snapshot] = {}
    if not folder.is_dir():
        return newest
    for meta_path in sorted(folder.glob(f"*/{SNAPSHOT_FILE}")):
        snap = read_snapshot(ws.raw, RECORDS_SOURCE, meta_path.parent.name)
        field = field_of(snap.meta)
        if field is not None and (field not in newest or taken_at(newest[field]) < taken_at(snap)):
            newest[field] = snap
    return dict(sorted(newest.items()))
