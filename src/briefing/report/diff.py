"""`briefing diff <edition>/v<A> <edition>/v<B>`: findings added, removed and moved
between two published versions (of the same or different editions), the moved ones
sorted by size of change.

Between editions whose windows differ, a finding is also followed one window on: the
id stated for the old edition's latest year (or its whole window) is paired with the
same id for the new edition's latest year (or window), e.g. `pair.works.JP-KR.2022` in
the 2024 edition (window 2014-2022) with `pair.works.JP-KR.2023` in the 2025 edition
(2015-2023). These are `advanced`; `moved` are the same ids whose value changed (a revision)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import InputError
from briefing.report.site import FINDINGS

REF = re.compile(r"^(?P<edition>[A-Za-z0-9][A-Za-z0-9_-]*)/(?P<version>v\d+|latest)$")
LATEST, WINDOW = "{latest}", "{window}"


@dataclass(frozen=True)
class Moved:
    id: str
    label: str
    unit: str
    old: object
    new: object
    old_id: str = ""  # set when the finding was followed one window on (its id in the old version)
    caveats: tuple[dict, ...] = field(default_factory=tuple)  # the new finding's data-quality caveats

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

    def as_dict(self) -> dict:
        data = {"id": self.id, "label": self.label, "unit": self.unit, "old": self.old, "new": self.new,
                "change": self.change, "relative_pct": self.relative_pct}
        if self.old_id:
            data["old_id"] = self.old_id
        if self.caveats:
            data["caveats"] = list(self.caveats)
        return data


@dataclass
class Diff:
    old: str
    new: str
    added: list[dict]
    removed: list[dict]
    moved: list[Moved]
    unchanged: int
    advanced: list[Moved] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"old": self.old, "new": self.new, "unchanged": self.unchanged,
                "added": self.added, "removed": self.removed,
                "moved": [m.as_dict() for m in self.moved], "advanced": [m.as_dict() for m in self.advanced]}


def show_value(value) -> str:
    """A finding's value for people: numbers to a few significant digits, lists joined."""
    if isinstance(value, float):
        return f"{value:,.4g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _path(site: Path, ref: str) -> Path:
    match = REF.match(ref)
    if not match:
        raise InputError(f"version '{ref}'", "expected <edition>/v<N> or <edition>/latest, e.g. 2025/v1")
    return site / match["edition"] / match["version"]


def load_findings(site: Path, ref: str) -> dict[str, dict]:
    path = _path(site, ref) / FINDINGS
    if not path.is_file():
        raise InputError(str(path), f"no published version {ref}")
    return {item["id"]: item for item in json.loads(path.read_text(encoding="utf-8"))["findings"]}


def load_window(site: Path, ref: str) -> tuple[int, int] | None:
    """The data window (start, end) a published version's manifest records, if any."""
    path = _path(site, ref) / "manifest.json"
    if not path.is_file():
        return None
    window = json.loads(path.read_text(encoding="utf-8")).get("parameters", {}).get("window")
    return (int(window["start"]), int(window["end"])) if window else None


def role(finding_id: str, window: tuple[int, int]) -> str | None:
    """The id with its window's latest year and whole span made generic (`{latest}`,
    `{window}`), or None when the id names neither."""
    start, end = window
    parts = finding_id.split(".")
    generic = [WINDOW if p == f"{start}-{end}" else LATEST if p == str(end) else p for p in parts]
    return ".".join(generic) if generic != parts else None


def _moved(key: str, old: dict, new: dict, old_id: str = "") -> Moved:
    return Moved(key, new["label"], new["unit"], old["value"], new["value"], old_id, tuple(new.get("caveats", ())))


def advanced_findings(old: dict[str, dict], new: dict[str, dict], old_window: tuple[int, int],
                      new_window: tuple[int, int]) -> list[Moved]:
    """Findings followed one window on (see the module's docstring), largest change first."""
    if old_window == new_window:
        return []
    old_roles = {r: k for k in old if (r := role(k, old_window))}
    pairs = [(old_roles[r], k) for k in sorted(new) if (r := role(k, new_window)) in old_roles]
    moved = [_moved(k, old[o], new[k], o) for o, k in pairs
             if o != k and old[o]["unit"] == new[k]["unit"] and old[o]["value"] != new[k]["value"]]
    return sorted(moved, key=Moved.size)


def diff_findings(old: dict[str, dict], new: dict[str, dict], old_ref: str = "old", new_ref: str = "new",
                  windows: tuple[tuple[int, int], tuple[int, int]] | None = None) -> Diff:
    added = [new[k] for k in sorted(new.keys() - old.keys())]
    removed = [old[k] for k in sorted(old.keys() - new.keys())]
    moved, unchanged = [], 0
    for key in sorted(old.keys() & new.keys()):
        if old[key]["value"] == new[key]["value"]:
            unchanged += 1
            continue
        moved.append(_moved(key, old[key], new[key]))
    advanced = advanced_findings(old, new, *windows) if windows else []
    return Diff(old_ref, new_ref, added, removed, sorted(moved, key=Moved.size), unchanged, advanced)


def diff_versions(site: Path, old_ref: str, new_ref: str) -> Diff:
    old, new = load_findings(site, old_ref), load_findings(site, new_ref)
    windows = (load_window(site, old_ref), load_window(site, new_ref))
    return diff_findings(old, new, old_ref, new_ref, windows if None not in windows else None)
