"""`briefing diff <edition>/v<A> <edition>/v<B>`: findings added, removed and moved
between two published versions (of the same or different editions), the moved ones
sorted by size of change."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import InputError

REF = re.compile(r"^(?P<edition>[A-Za-z0-9][A-Za-z0-9_-]*)/(?P<version>v\d+|latest)$")


@dataclass(frozen=True)
class Moved:
    id: str
    label: str
    unit: str
    old: object
    new: object

    @property
    def change(self) -> float | None:
        if _number(self.old) and _number(self.new):
            return self.new - self.old
        return None

    @property
    def relative_pct(self) -> float | None:
        change = self.change
        if change is None or self.old == 0:
            return None
        return 100 * change / abs(self.old)

    def size(self) -> tuple:
        """Sort key: relative change first (largest first), then absolute, then non-numeric."""
        if self.relative_pct is not None:
            return (0, -abs(self.relative_pct), self.id)
        if self.change is not None:
            return (1, -abs(self.change), self.id)
        return (2, 0, self.id)


@dataclass
class Diff:
    old: str
    new: str
    added: list[dict]
    removed: list[dict]
    moved: list[Moved]
    unchanged: int

    def as_dict(self) -> dict:
        return {"old": self.old, "new": self.new, "unchanged": self.unchanged,
                "added": self.added, "removed": self.removed,
                "moved": [{"id": m.id, "label": m.label, "unit": m.unit, "old": m.old, "new": m.new,
                           "change": m.change, "relative_pct": m.relative_pct} for m in self.moved]}


def show_value(value) -> str:
    """A finding's value for people: numbers to a few significant digits, lists joined."""
    if isinstance(value, float):
        return f"{value:,.4g}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def load_findings(site: Path, ref: str) -> dict[str, dict]:
    match = REF.match(ref)
    if not match:
        raise InputError(f"version '{ref}'", "expected <edition>/v<N> or <edition>/latest, e.g. 2025/v1")
    path = site / match["edition"] / match["version"] / "findings.json"
    if not path.is_file():
        raise InputError(str(path), f"no published version {ref}")
    return {item["id"]: item for item in json.loads(path.read_text(encoding="utf-8"))["findings"]}


def diff_findings(old: dict[str, dict], new: dict[str, dict], old_ref: str = "old", new_ref: str = "new") -> Diff:
    added = [new[k] for k in sorted(new.keys() - old.keys())]
    removed = [old[k] for k in sorted(old.keys() - new.keys())]
    moved, unchanged = [], 0
    for key in sorted(old.keys() & new.keys()):
        if old[key]["value"] == new[key]["value"]:
            unchanged += 1
            continue
        moved.append(Moved(key, new[key]["label"], new[key]["unit"], old[key]["value"], new[key]["value"]))
    return Diff(old_ref, new_ref, added, removed, sorted(moved, key=Moved.size), unchanged)


def diff_versions(site: Path, old_ref: str, new_ref: str) -> Diff:
    return diff_findings(load_findings(site, old_ref), load_findings(site, new_ref), old_ref, new_ref)
