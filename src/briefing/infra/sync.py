"""What copying a folder onto a host would change, decided before anything is written: files
to add, files to replace, files to remove, and files the host holds differently that must
never be replaced (immutable ones: a conflict, which stops the copy). Files are compared by a
digest the caller chooses (the host's own: git's blob id, a sha256)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    add: tuple[str, ...]  # ours, absent on the host
    update: tuple[str, ...]  # ours and the host's differ, and the file may change
    remove: tuple[str, ...]  # the host's alone, in a folder we keep as a whole copy
    conflicts: tuple[str, ...]  # ours and the host's differ, and the file must never change
    unchanged: int

    @property
    def empty(self) -> bool:
        return not (self.add or self.update or self.remove)


def plan(ours: Mapping[str, str], theirs: Mapping[str, str], immutable: Callable[[str], bool],
         stale: Callable[[str], bool]) -> Plan:
    """Compare `ours` with `theirs` (path -> digest, paths relative with /). A path of theirs
    alone is removed when `stale(path)`, else left alone."""
    add = sorted(p for p in ours if p not in theirs)
    differ = sorted(p for p in ours if p in theirs and theirs[p] != ours[p])
    remove = sorted(p for p in theirs if p not in ours and stale(p))
    return Plan(tuple(add), tuple(p for p in differ if not immutable(p)), tuple(remove),
                tuple(p for p in differ if immutable(p)), len(ours) - len(add) - len(differ))


def write_order(paths: list[str] | tuple[str, ...], immutable: Callable[[str], bool]) -> list[str]:
    """Immutable files first, then the others, files at the root last: a reader never finds a
    root file (an index) naming a file not yet there."""
    return sorted(paths, key=lambda p: (not immutable(p), "/" not in p, p))
