"""`briefing diff <edition>/v<A> <edition>/v<B>`: what differs between two published versions
(of the same or different editions), each change once and with its cause (`report.causes`).

Only equal ids are compared (an id names every parameter its value depends on), and only when
the two findings are alike: the same source and unit; a finding of another source under the
same id is not comparable. Between windows, a series is also followed one window on: the id
of a series' latest year (or span) in the old version is paired with the id of its latest
year (or span) in the new one, when the new one is later (`pair.works.JP-KR.2022` in the
2024 edition with `pair.works.JP-KR.2023` in the 2025 edition). Spans are compared only over
spans of the same length (a growth over 2014–2022 with one over 2015–2023, its base year
moved), else the pair is not comparable.

- `moved`: the same id with another value; cause `revised`, `parameters`, `method` (or `window`
  for a measure that moved with the window although its id did not);
- `advanced`: followed one window on; cause `window`;
- `not_comparable`: pairs of another source, unit or span length;
- `added`, `removed`: stated on one side only, with the cause of their appearance."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing import units, words
from briefing.errors import InputError
from briefing.findings.ids import codes, period
from briefing.report.causes import Side, appearance_cause, cause_of, version_causes, window_text
from briefing.report.site import FINDINGS, MANIFEST

REF = re.compile(r"^(?P<edition>[A-Za-z0-9][A-Za-z0-9_-]*)/(?P<version>v\d+|latest)$")


@dataclass(frozen=True)
class Moved:
    """One change of value: `id` (the new id), `label` (without its year or span: the values
    carry theirs, `old_period` and `new_period`), `cause` and what it names (`detail`), and a
    `note` for readers (a span's base year that moved)."""

    id: str
    label: str
    unit: str
    old: object
    new: object
    old_id: str = ""  # set when the finding was followed one window on (its id in the old version)
    caveats: tuple[dict, ...] = field(default_factory=tuple)  # the new finding's data-quality caveats
    cause: str = ""
    detail: str = ""
    old_period: tuple[int, int] | None = None
    new_period: tuple[int, int] | None = None
    note: str = ""

    @property
    def change(self) -> float | None:
        if _number(self.old) and _number(self.new):
            return self.new - self.old
        return None

    @property
    def relative_pct(self) -> float | None:
        """The change in per cent of the old value, for units moved relative to themselves
        (counts, amounts, ratios); none for shares, growth, ranks and years."""
        change = self.change
        relative = units.known(self.unit) and units.unit(self.unit).kind in ("count", "amount", "ratio")
        if change is None or self.old == 0 or not (relative or not units.known(self.unit)):
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
                "change": self.change, "relative_pct": self.relative_pct, "cause": self.cause,
                "cause_detail": self.detail, "old_period": _years(self.old_period),
                "new_period": _years(self.new_period)}
        if self.old_id:
            data["old_id"] = self.old_id
        if self.note:
            data["note"] = self.note
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
    not_comparable: list[dict] = field(default_factory=list)
    held: int = 0  # followed one window on with the same value
    causes: list[dict] = field(default_factory=list)  # why the new version differs, in words

    def as_dict(self) -> dict:
        return {"old": self.old, "new": self.new, "causes": self.causes, "unchanged": self.unchanged,
                "held": self.held, "added": self.added, "removed": self.removed,
                "moved": [m.as_dict() for m in self.moved], "advanced": [m.as_dict() for m in self.advanced],
                "not_comparable": self.not_comparable}

    @property
    def revised(self) -> list[Moved]:
        return [m for m in self.moved if m.cause == "revised"]


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _years(found: tuple[int, int] | None) -> str | None:
    return None if found is None else words.span(*found)


def timeless(label: str, found: tuple[int, int] | None) -> str:
    """A label without the year or span it ends with or holds in brackets: the values carry
    theirs ('Co-authored works, Japan–South Korea, 2023' -> 'Co-authored works, Japan–South Korea')."""
    if found is None:
        return label
    shown = "|".join(re.escape(s) for s in dict.fromkeys((words.span(*found), f"{found[0]}-{found[1]}")))
    text = re.sub(rf"\s*\((?:{shown})\)", "", label)
    return re.sub(rf",\s*(?:{shown})$", "", text)


def _sources(item: dict) -> frozenset[str]:
    return frozenset(s.strip() for s in str(item.get("source", "")).split(";") if s.strip())


def _apart(old_id: str, new_id: str, a: dict, b: dict, old: Side, new: Side) -> str:
    """Why two findings cannot be set side by side, or '' when they can."""
    if _sources(a) != _sources(b):
        names = (" and ".join(side.source_name(s) for s in sorted(_sources(item)))
                 for side, item in ((old, a), (new, b)))
        return f"another source: {next(names)} then, {next(names)} now"
    if a["unit"] != b["unit"]:
        return "another unit"
    pa, pb = period(old_id), period(new_id)
    if pa and pb and pa[0] != pa[1] and (pa[1] - pa[0]) != (pb[1] - pb[0]):
        return f"spans of different length: {words.span(*pa)} then, {words.span(*pb)} now"
    return ""


def _by_series(findings: dict[str, dict]) -> dict[str, dict[tuple[int, int], str]]:
    found: dict[str, dict[tuple[int, int], str]] = {}
    for key in findings:
        years = period(key)
        if years is not None:
            found.setdefault(key.rpartition(".")[0], {})[years] = key
    return found


def window_pairs(old: dict[str, dict], new: dict[str, dict]) -> list[tuple[str, str]]:
    """(old id, new id) of each series followed one window on: its latest year (or span) in
    the old findings with its latest in the new ones, when that is later (a later year; a span
    that ends later, or as late but starts later); years with years, spans with spans."""
    pairs = []
    before, after = _by_series(old), _by_series(new)
    for series in sorted(before.keys() & after.keys()):
        last_old = max(before[series], key=lambda p: (p[1], p[0]))
        last_new = max(after[series], key=lambda p: (p[1], p[0]))
        year_old, year_new = last_old[0] == last_old[1], last_new[0] == last_new[1]
        later = last_new[1] > last_old[1] if year_old else (last_new[1], last_new[0]) > (last_old[1], last_old[0])
        if later and year_old == year_new:
            pairs.append((before[series][last_old], after[series][last_new]))
    return pairs


def _note(old_id: str, new_id: str, unit: str) -> str:
    pa, pb = period(old_id), period(new_id)
    if not (pa and pb and pa[0] != pa[1] and pa[0] != pb[0]):
        return ""
    if units.known(unit) and units.unit(unit).kind == "growth":
        return f"base year moved from {pa[0]} to {pb[0]}"
    return f"span moved from {words.span(*pa)} to {words.span(*pb)}"


def _moved(old_id: str, new_id: str, a: dict, b: dict, cause: str, detail: str, note: str = "") -> Moved:
    pb = period(new_id)
    return Moved(new_id, timeless(b["label"], pb), b["unit"], a["value"], b["value"],
                 old_id if old_id != new_id else "", tuple(b.get("caveats", ())), cause, detail, period(old_id), pb,
                 note)


def _not_comparable(old_id: str, new_id: str, a: dict, b: dict, reason: str, cause: str) -> dict:
    return {"id": new_id, "old_id": old_id, "label": timeless(b["label"], period(new_id)), "unit": b["unit"],
            "old": a["value"], "new": b["value"], "old_period": _years(period(old_id)),
            "new_period": _years(period(new_id)), "reason": reason, "cause": cause}


def _stated(item: dict, cause: str) -> dict:
    keep = ("id", "label", "value", "unit", "source")
    return {**{k: item[k] for k in keep if k in item}, "cause": cause}


def compare(old: Side, new: Side) -> Diff:
    """Every difference between two versions' findings, each once, with its cause."""
    a, b = old.findings, new.findings
    moved, apart, unchanged = [], [], 0
    for key in sorted(a.keys() & b.keys()):
        reason = _apart(key, key, a[key], b[key], old, new)
        if reason:
            apart.append(_not_comparable(key, key, a[key], b[key], reason, cause_of(a[key], b[key], old, new)[0]))
        elif a[key]["value"] == b[key]["value"]:
            unchanged += 1
        else:
            moved.append(_moved(key, key, a[key], b[key], *cause_of(a[key], b[key], old, new)))
    paired = window_pairs(a, b) if old.window != new.window else []  # one window: a new year is the source's
    advanced, held = [], 0
    for o, n in paired:
        reason = _apart(o, n, a[o], b[n], old, new)
        if reason:
            apart.append(_not_comparable(o, n, a[o], b[n], reason, "window"))
        elif a[o]["value"] == b[n]["value"]:
            held += 1
        else:
            detail = window_text(old, new) if old.window and new.window else "a new latest year"
            advanced.append(_moved(o, n, a[o], b[n], "window", detail, _note(o, n, b[n]["unit"])))
    followed_old, followed_new = {o for o, _ in paired}, {n for _, n in paired}
    added = [_stated(b[k], appearance_cause(period(k), old, new, codes(k)))
             for k in sorted(b.keys() - a.keys() - followed_new)]
    removed = [_stated(a[k], appearance_cause(period(k), new, old, codes(k)))
               for k in sorted(a.keys() - b.keys() - followed_old)]
    causes = version_causes(old, new)
    return Diff(old.ref, new.ref, added, removed, sorted(moved, key=Moved.size), unchanged,
                sorted(advanced, key=Moved.size), apart, held, causes)


def diff_findings(old: dict[str, dict], new: dict[str, dict], old_ref: str = "old", new_ref: str = "new",
                  windows: tuple[tuple[int, int], tuple[int, int]] | None = None) -> Diff:
    """`compare` on findings alone (no manifests): causes from the windows only."""
    old_window, new_window = windows or (None, None)
    return compare(Side(old_ref, old, old_window), Side(new_ref, new, new_window))


def advanced_findings(old: dict[str, dict], new: dict[str, dict], old_window: tuple[int, int],
                      new_window: tuple[int, int]) -> list[Moved]:
    """The findings followed one window on whose value moved, largest change first."""
    return diff_findings(old, new, windows=(old_window, new_window)).advanced


# Published versions.
def version_path(site: Path, ref: str) -> Path:
    match = REF.match(ref)
    if not match:
        raise InputError(f"version '{ref}'", "expected <edition>/v<N> or <edition>/latest, e.g. 2025/v1")
    return site / match["edition"] / match["version"]


def load_findings(site: Path, ref: str) -> dict[str, dict]:
    path = version_path(site, ref) / FINDINGS
    if not path.is_file():
        raise InputError(str(path), f"no published version {ref}")
    return {item["id"]: item for item in json.loads(path.read_text(encoding="utf-8"))["findings"]}


def load_manifest(site: Path, ref: str) -> dict:
    path = version_path(site, ref) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def load_window(site: Path, ref: str) -> tuple[int, int] | None:
    """The data window (start, end) a published version's manifest records, if any."""
    window = load_manifest(site, ref).get("parameters", {}).get("window")
    return (int(window["start"]), int(window["end"])) if window else None


def load_side(site: Path, ref: str, names: dict[str, str] | None = None) -> Side:
    return Side.of(ref, load_findings(site, ref), load_manifest(site, ref), names)


def diff_versions(site: Path, old_ref: str, new_ref: str, names: dict[str, str] | None = None) -> Diff:
    return compare(load_side(site, old_ref, names), load_side(site, new_ref, names))


def changes_since(site: Path, book, manifest: dict, findings: list[dict]) -> dict:
    """What a new version records of why it differs from the version it follows (`book.previous`):
    {"follows", "causes": [{"cause", "text"}]}; the causes of its inputs, parameters, code and
    baseline, else the pages whose text changed, else presentation alone."""
    if book.previous is None:
        return {"follows": None, "causes": []}
    before = load_side(site, book.previous)
    ref = f"{manifest['edition']}/v{manifest['version']}"
    causes = version_causes(before, Side.of(ref, {f["id"]: f for f in findings}, manifest))
    pages = load_manifest(site, book.previous).get("pages") or {}
    titles = {c.file: c.title for c in book.chapters}
    changed = [titles.get(p, p) for p, sha in sorted((book.pages or {}).items())
               if p in titles and p in pages and pages[p] != sha]
    if not causes:
        text = f"the text of {words.join_and(changed)} changed" if changed else "presentation changed"
        causes = [{"cause": "text", "text": text}]
    return {"follows": book.previous, "causes": causes}
