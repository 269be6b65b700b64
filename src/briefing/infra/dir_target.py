"""A folder as the host of a static site (a web server's document root, a mounted share):
files are compared by sha256 and each new or changed one is written atomically (a temporary
file beside it, renamed over it), so a reader never sees half a file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from briefing.errors import InputError
from briefing.infra.fileio import copy_file_atomic, sha256_file


class DirTarget:
    def __init__(self, root: Path, source: Path):
        self.root = root.expanduser().resolve()
        self.where = f"--dir {root}"
        source = source.resolve()
        if self.root == source or source in self.root.parents or self.root in source.parents:
            raise InputError(self.where, f"must lie outside the site it copies ({source}) and not hold it")
        if self.root.exists() and not self.root.is_dir():
            raise InputError(self.where, "is not a folder")

    def files(self, paths: Iterable[str], folders: Iterable[str]) -> dict[str, str]:
        """The target's files among `paths`, and every file under `folders`: path -> sha256."""
        found = {p: sha256_file(self.root / p) for p in paths if (self.root / p).is_file()}
        for folder in folders:
            base = self.root / folder
            if base.is_dir():
                found |= {f.relative_to(self.root).as_posix(): sha256_file(f) for f in base.rglob("*") if f.is_file()}
        return found

    @staticmethod
    def digests(files: Mapping[str, Path]) -> dict[str, str]:
        return {name: sha256_file(path) for name, path in files.items()}

    def write(self, files: Mapping[str, Path], changed: Sequence[str], removed: Sequence[str]) -> None:
        """Copy `changed` in the order given, each atomically; then take `removed` out."""
        for name in changed:
            copy_file_atomic(files[name], self.root / name)
        for name in removed:
            (self.root / name).unlink(missing_ok=True)
