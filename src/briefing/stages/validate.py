"""`briefing validate`: the current raw snapshots through their adapters into validated
canonical tables, `_build/<edition>/data/<table>.parquet`, written all at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.config import Edition
from briefing.engine.record_snapshots import record_snapshots
from briefing.infra.fileio import canonical_json, sha256_file, staged_dir
from briefing.infra.fingerprint import code_fingerprint
from briefing.infra.workspace import Workspace
from briefing.series.window import year_ranges
from briefing.sources import indicators, registry, snapshot
from briefing.sources.documents import curated_inputs
from briefing.tables import FIELD_TABLES, INPUTS_FILE, KEYS, SOURCES, SOURCES_FILE, TABLES, YEARS_FILE

if TYPE_CHECKING:
    import pandas as pd



def current_snapshots(ws: Workspace) -> dict[str, snapshot.Snapshot]:
    """The current snapshot of every source (its snapshot.yml read once per validation)."""
    return {source: snapshot.read_snapshot(ws.raw, source) for source in SOURCES}


def current_inputs(ws: Workspace, edition: Edition, snapshots: dict[str, snapshot.Snapshot] | None = None) -> dict:
    """What the validated tables are made from: snapshot ids and checksums, the series'
    curated files and documents, adapter code. Equal inputs mean the tables are up to date."""
    snaps = {source: {"snapshot_id": snap.id, "files": snap.files, "retrieved_at": snap.meta.get("retrieved_at", "")}
             for source, snap in (snapshots or current_snapshots(ws)).items()}
    curated = {_curated_name(ws, p): sha256_file(p) for p in curated_inputs(ws, edition).files()}
    records = {field: snap.id for field, snap in record_snapshots(ws).items()}
    return {"snapshots": snaps, "curated": curated, "sources_yml": sha256_file(ws.sources_file),
            "indicators_yml": sha256_file(indicators.registry_path(ws.root)),
            "records": records, "code": code_fingerprint(__name__)}


def is_up_to_date(ws: Workspace, edition: Edition, inputs: dict | None = None) -> bool:
    marker = ws.data(edition.edition) / INPUTS_FILE
    if not marker.is_file() or not (ws.data(edition.edition) / YEARS_FILE).is_file() or not all(
            (ws.data(edition.edition) / f"{t}.parquet").is_file() for t in [*TABLES, *FIELD_TABLES]):
        return False
    return json.loads(marker.read_text()) == (inputs or current_inputs(ws, edition))


def _curated_name(ws: Workspace, path: Path) -> str:
    """A curated file as the manifest names it: relative to the project, else its parent
    folder and name (the seed documents, a series' folders elsewhere)."""
    return path.relative_to(ws.root).as_posix() if path.is_relative_to(ws.root) else f"{path.parent.name}/{path.name}"


def build_tables(ws: Workspace, edition: Edition, snapshots: dict[str, snapshot.Snapshot]) -> dict[str, pd.DataFrame]:
    """Every canonical table from the current snapshots and the series' curated inputs, validated."""
    import pandas as pd  # imported here: heavy, and not needed to see that tables are up to date

    from briefing import schemas
    from briefing.sources.adapters import checked_tables
    from briefing.sources.curated import read_country_names, read_curated

    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    indicator_registry = indicators.for_root(ws.root)
    for source, snap in snapshots.items():
        snapshot.verify(snap)
        tables = checked_tables(source, [snap.file(n) for n in snap.files], snap.files, indicator_registry,
                                f"{snap.path.name} ({source})")  # snap.files: the digests just verified
        for name, frame in tables.items():
            parts[name].append(frame)
    inputs = curated_inputs(ws, edition)
    curated = read_curated(inputs)
    curated["country_names"] = read_country_names(inputs.names)
    for name, frame in curated.items():
        origin = inputs.names if name == "country_names" else inputs.tables / f"{name}.csv" if inputs.tables else name
        parts[name].append(schemas.check(name, frame, str(origin)))
    result = {}
    for name in TABLES:
        table = pd.concat(parts[name], ignore_index=True)
        table = schemas.check(name, table, "combined sources")
        result[name] = table.sort_values(KEYS[name], kind="stable").reset_index(drop=True)
    return result


def build_field_tables(ws: Workspace, scratch: Path) -> dict[str, pd.DataFrame]:
    """The record-level engine (DuckDB) over each field's newest records snapshot: works by
    country and partner with counting and attribution. Empty tables when there are none."""
    import pandas as pd

    frames: dict[str, list[pd.DataFrame]] = {name: [] for name in FIELD_TABLES}
    snapshots = record_snapshots(ws)
    if snapshots:
        from briefing.engine.aggregate import Options, engine_tables
        from briefing.engine.inputs import find_records  # imported here: loads the engine
    for field, snap in snapshots.items():
        snapshot.verify(snap)
        files = find_records([snap.file(n) for n in snap.files])
        _, tables = engine_tables(files, scratch, Options(field=field))
        for name, (engine_name, columns) in FIELD_TABLES.items():
            frames[name].append(tables[engine_name][columns])
    result = {}
    for name, (_, columns) in FIELD_TABLES.items():
        keys = [c for c in columns if not c.startswith("works")]
        empty = pd.DataFrame({c: pd.Series(dtype="int64" if c == "year" else "str" if c in keys else "float64")
                              for c in columns})
        table = pd.concat(frames[name], ignore_index=True) if frames[name] else empty
        result[name] = table.sort_values(keys, kind="stable").reset_index(drop=True)
    return result


def validate(ws: Workspace, edition: Edition, force: bool = False) -> bool:
    """Write the validated tables; returns False when they were already up to date."""
    snaps = current_snapshots(ws)
    indicators.check_edition_files(ws.root, edition, {s: list(snap.files) for s, snap in snaps.items()},
                                   "the current snapshots")
    inputs = current_inputs(ws, edition, snaps)
    if not force and is_up_to_date(ws, edition, inputs):
        return False
    tables = build_tables(ws, edition, snaps)
    with staged_dir(ws.data(edition.edition)) as tmp:
        tables.update(build_field_tables(ws, tmp))
        for name, table in tables.items():
            table.to_parquet(tmp / f"{name}.parquet", index=False, compression="zstd")
        (tmp / INPUTS_FILE).write_text(canonical_json(inputs))
        (tmp / SOURCES_FILE).write_text(canonical_json(source_catalogue(ws, edition, snaps)))
        (tmp / YEARS_FILE).write_text(canonical_json(year_ranges(tables)))
        (tmp / indicators.BUILD_FILE).write_text(canonical_json(indicators.for_root(ws.root).model_dump(mode="json")))
    return True


def source_catalogue(ws: Workspace, edition: Edition, snapshots: dict[str, snapshot.Snapshot]) -> dict:
    """sources.yml with each dataset's current snapshot metadata, and the documents the
    series' curated rows cite, for sections and methods."""
    datasets = {source: {**entry, "snapshot": snapshots[source].meta}
                for source, entry in registry.datasets(ws.sources_file).items()}
    for source, entry in datasets.items():
        found = (entry.get("mirror") or {}).get("as_of_from")
        if found:
            entry["mirror"] = {**entry["mirror"], "as_of": snapshot.read_as_of(snapshots[source], found)}
    return {"datasets": datasets, "documents": curated_inputs(ws, edition).documents.entries}

