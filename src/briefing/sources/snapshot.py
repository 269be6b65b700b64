"""Raw snapshots: `data/raw/<source>/<snapshot-id>/` with a `snapshot.yml` written
by code (origin, licence, citation, retrieved-at, sha256 per file), immutable once
written. `data/raw/<source>/current` names the snapshot the next stages read."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from briefing.errors import InputError
from briefing.infra.fileio import sha256_file, staged_dir, write_text_atomic

SNAPSHOT_FILE = "snapshot.yml"
CURRENT_FILE = "current"


@dataclass(frozen=True)
class Snapshot:
    source: str
    id: str
    path: Path
    meta: dict

    @property
    def files(self) -> dict[str, str]:
        """File name to sha256."""
        return {f["path"]: f["sha256"] for f in self.meta["files"]}

    def file(self, name: str) -> Path:
        return self.path / name


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def file_digests(files: list[Path]) -> dict[str, str]:
    """Each file's sha256 by its base name, as snapshot.yml records them."""
    return {f.name: sha256_file(f) for f in files}


def content_id(prefix: str, files: dict[str, str]) -> str:
    """A snapshot id from its content: the same files give the same id."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\0{files[name]}\n".encode())
    return f"{prefix}-{digest.hexdigest()[:12]}"


def write_snapshot(raw: Path, source: str, entry: dict, origin: str, prefix: str,
                   files: list[Path], retrieved_at: str | None = None,
                   extra: dict | None = None) -> tuple[Snapshot, bool]:
    """Copy `files` into a new snapshot of `source` and point `current` at it.

    `retrieved_at` is when the files were obtained from the publisher (default: now).
    Returns the snapshot and whether it was new. An existing snapshot with the
    same content is left untouched (snapshots are immutable)."""
    hashes = file_digests(files)
    snap_id = content_id(prefix, hashes)
    target = raw / source / snap_id
    created = False
    if not (target / SNAPSHOT_FILE).is_file():
        meta = {
            "source": source,
            "snapshot_id": snap_id,
            "title": entry.get("title", ""),
            "publisher": entry.get("publisher", ""),
            "citation": " ".join(str(entry.get("citation", "")).split()),
            "licence": entry.get("licence", ""),
            "url": entry.get("url", ""),
            "retrieved_at": retrieved_at or utc_stamp(datetime.now(UTC)),
            "snapshotted_at": utc_stamp(datetime.now(UTC)),
            "origin": origin,
            "files": [
                {"path": f.name, "sha256": hashes[f.name], "bytes": f.stat().st_size}
                for f in sorted(files, key=lambda p: p.name)
            ],
        }
        meta.update(extra or {})
        with staged_dir(target) as tmp:
            for f in files:
                shutil.copyfile(f, tmp / f.name)
            (tmp / SNAPSHOT_FILE).write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True))
        created = True
    write_text_atomic(raw / source / CURRENT_FILE, snap_id + "\n")
    return read_snapshot(raw, source, snap_id), created


def read_snapshot(raw: Path, source: str, snap_id: str | None = None) -> Snapshot:
    """The named snapshot of `source`, or the current one."""
    folder = raw / source
    if snap_id is None:
        pointer = folder / CURRENT_FILE
        if not pointer.is_file():
            raise InputError(str(folder), "no snapshot of this source; run `briefing fetch` first")
        snap_id = pointer.read_text().strip()
    path = folder / snap_id
    meta_path = path / SNAPSHOT_FILE
    if not meta_path.is_file():
        raise InputError(str(meta_path), "snapshot has no snapshot.yml (incomplete or tampered)")
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    return Snapshot(source=source, id=snap_id, path=path, meta=meta)


def verify(snapshot: Snapshot) -> None:
    """Every file of the snapshot is present and matches its recorded sha256."""
    for name, expected in snapshot.files.items():
        path = snapshot.file(name)
        if not path.is_file():
            raise InputError(str(path), "file listed in snapshot.yml is missing")
        if sha256_file(path) != expected:
            raise InputError(str(path), "sha256 differs from snapshot.yml (raw snapshots are immutable)")


MONTHS = {name: i for i, name in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                            "September", "October", "November", "December"], start=1)}


def read_as_of(snap: Snapshot, rule: dict) -> str:
    """When a publisher took the counts of a snapshot's files, as its own notes say it: `rule`
    names the file and a pattern whose group is 'Month YYYY' (or a date); returns 'YYYY-MM' (or
    'YYYY-MM-DD'). Bad input, naming the file, when the notes do not say it."""
    import re

    path = snap.file(rule["file"])
    found = re.search(rule["pattern"], path.read_text(encoding="utf-8"))
    if not found:
        raise InputError(str(path), f"no date of access matching {rule['pattern']!r} (data/sources.yml, as_of_from)")
    text = found.group(1)
    month = re.fullmatch(r"([A-Z][a-z]+) (\d{4})", text)
    if month and month[1] in MONTHS:
        return f"{month[2]}-{MONTHS[month[1]]:02d}"
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return text
    raise InputError(str(path), f"date of access {text!r} is neither 'Month YYYY' nor an ISO date")
