"""Why a finding (or a whole version) differs from what it is compared with, from what the
two published versions record (their manifests): one of four causes.

- `revised`: the same id (so the same year), and the source's value changed: a new snapshot
  of a source the finding is drawn from (both snapshots named);
- `window`: the window moved on: a new latest year, a span that moved;
- `parameters`: the edition's parameters changed, named for readers ("Italy added to the
  countries"), never by their keys;
- `method`: the code changed (the commit range).

A version as a whole may also have changed because its baseline did (`baseline`: the previous
edition it is compared with was published or republished) or only in its text (`text`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from briefing import countries, words

CAUSES = ("revised", "window", "parameters", "method")
VERSION_CAUSES = (*CAUSES, "baseline", "text")
CURATED = "curated documents"  # a finding's source when it is drawn from the curated rows
IGNORED = {"edition", "window"}  # the edition's name is not a parameter of its numbers; the window is its own cause

# Parameters as readers know them (a key is never printed).
NAMES = {"countries": "the countries", "focus_pair": "the focus pair", "poles": "the poles", "region": "the region",
         "region.countries": "the region's countries", "region.name": "the region's name", "fields": "the fields",
         "counting": "the counting method", "scenarios.cuts_pct": "the scenario cuts", "title": "the title",
         "subtitle": "the subtitle", "series": "the series", "curated": "the curated rows and documents",
         "sources.pairs": "the source of pair counts", "sources.country_output": "the source of country totals",
         "sources.gerd_pct_gdp": "the sources of R&D intensity", "sources.gerd_usd_ppp": "the source of R&D spending"}
ORDERED = {"focus_pair", "poles"}  # lists whose order is their meaning


@dataclass(frozen=True)
class Side:
    """What one compared version records: its reference ("2024/v1"), findings by id, window,
    parameters, the snapshot of each source, the curated inputs' checksums, its commit and
    its code's fingerprint."""

    ref: str
    findings: dict[str, dict]
    window: tuple[int, int] | None = None
    parameters: dict = field(default_factory=dict)
    snapshots: dict[str, str] = field(default_factory=dict)
    curated: dict[str, str] = field(default_factory=dict)
    commit: str = ""
    code: str = ""
    names: dict[str, str] = field(default_factory=dict)  # source id -> its short name
    baseline: str | None = None  # the previous edition's version it is compared with ("2024/v1")

    @property
    def edition(self) -> str:
        return self.ref.split("/")[0]

    @classmethod
    def of(cls, ref: str, findings: dict[str, dict], manifest: dict, names: dict[str, str] | None = None) -> Side:
        parameters = manifest.get("parameters", {})
        window = parameters.get("window")
        inputs = manifest.get("inputs", {})
        return cls(ref, findings, (int(window["start"]), int(window["end"])) if window else None, parameters,
                   {s: v["snapshot_id"] for s, v in inputs.get("raw", {}).items()}, inputs.get("curated", {}),
                   manifest.get("git_commit", ""), manifest.get("code", ""), names or {},
                   manifest.get("compared_with"))

    def source_name(self, source: str) -> str:
        return self.names.get(source, source)


def build_inputs(build: Path | None) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """This build's snapshot of each source, its curated inputs' checksums and the sources' short names."""
    if build is None or not (build / "data" / "inputs.json").is_file():
        return {}, {}, {}
    inputs = json.loads((build / "data" / "inputs.json").read_text(encoding="utf-8"))
    catalogue = build / "data" / "sources.json"
    datasets = json.loads(catalogue.read_text(encoding="utf-8"))["datasets"] if catalogue.is_file() else {}
    return ({s: v["snapshot_id"] for s, v in inputs["snapshots"].items()}, inputs.get("curated", {}),
            {s: e.get("short", s) for s, e in datasets.items()})


def _flat(data: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and not name.startswith("sections."):
            out.update(_flat(value, name + "."))
        else:
            out[name] = value
    return out


def _codes(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and countries.is_country(v)
                                                              for v in value)


def _name(key: str) -> str:
    if key in NAMES:
        return NAMES[key]
    if key.startswith("sections."):
        return f"the settings of the {key.split('.')[1]} section"
    return "the " + key.rsplit(".", 1)[-1].replace("_", " ")


def _listed(items: list, codes: bool) -> str:
    return words.names(items) if codes else words.join_and([f"{v}%" if isinstance(v, int) else str(v) for v in items])


def _list_change(key: str, old: list, new: list) -> list[str]:
    codes = _codes(old) or _codes(new)
    added, gone = [v for v in new if v not in old], [v for v in old if v not in new]
    if key in ORDERED or not (added or gone):
        shown = ("\u2013".join(countries.name(c) for c in v) if codes else ", ".join(map(str, v)) for v in (old, new))
        return [f"{_name(key)} changed from {next(shown)} to {next(shown)}"]
    return [f"{_listed(items, codes)} {verb} {_name(key)}" for items, verb in ((added, "added to"), (gone, "removed from"))
            if items]


def parameter_changes(old: dict, new: dict) -> list[str]:
    """The edition's parameters that differ, in words: "Italy added to the countries", "the
    poles changed from the United States–China to the United States–Germany"."""
    before, after = _flat({k: v for k, v in old.items() if k not in IGNORED}), \
        _flat({k: v for k, v in new.items() if k not in IGNORED})
    found = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (list(NAMES).index(k) if k in NAMES else 99, k)):
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        if key.startswith("sections.") and (was is None or now is None):
            found.append(f"the {key.split('.')[1]} section {'added' if was is None else 'left out'}")
        elif isinstance(was, list) and isinstance(now, list):
            found += _list_change(key, was, now)
        else:
            found.append(f"{_name(key)} changed")
    return found


def _sources(item: dict) -> list[str]:
    return [s.strip() for s in str(item.get("source", "")).split(";") if s.strip()]


def snapshot_changes(old: Side, new: Side, sources: list[str] | None = None) -> list[str]:
    """The sources (all, or those of `sources`) read from another snapshot, each named with both."""
    wanted = sorted(old.snapshots.keys() & new.snapshots.keys()) if sources is None else sources
    return [f"{new.source_name(s)}, snapshot {old.snapshots[s]} then, {new.snapshots[s]} now" for s in wanted
            if s in old.snapshots and s in new.snapshots and old.snapshots[s] != new.snapshots[s]]


def code_changed(old: Side, new: Side) -> bool:
    if old.code and new.code:
        return old.code != new.code
    return bool(old.commit and new.commit and old.commit != new.commit)


def commit_range(old: Side, new: Side) -> str:
    """'a1b2c3..d4e5f6'; one commit with uncommitted changes when both name the same."""
    if old.commit and old.commit == new.commit:
        return f"uncommitted changes on {old.commit.removesuffix('+dirty')}"
    return f"{old.commit or 'unrecorded'}..{new.commit or 'unrecorded'}"


def window_moved(old: Side, new: Side) -> bool:
    return old.window is not None and new.window is not None and old.window != new.window


def window_text(old: Side, new: Side) -> str:
    return f"the window moved from {words.span(*old.window)} to {words.span(*new.window)}"


def cause_of(old_item: dict, new_item: dict, old: Side, new: Side) -> tuple[str, str]:
    """Why a finding under the same id has another value: (cause, what it names)."""
    sources = _sources(new_item)
    revised = snapshot_changes(old, new, [s for s in sources if s in new.snapshots])
    if revised:
        return "revised", "; ".join(revised)
    if CURATED in sources and old.curated and new.curated and old.curated != new.curated:
        return "revised", "the curated rows changed"
    changed = parameter_changes(old.parameters, new.parameters)
    if changed:
        return "parameters", "; ".join(changed)
    if code_changed(old, new):
        return "method", f"the code changed ({commit_range(old, new)})"
    if window_moved(old, new):
        return "window", window_text(old, new)
    return "method", "the code or its environment changed (no other input did)"


def changed_codes(old: dict, new: dict) -> set[str]:
    """The countries a parameter change brought in or left out (in any list of countries)."""
    before, after = _flat(old), _flat(new)
    found: set[str] = set()
    for key in before.keys() | after.keys():
        was, now = before.get(key), after.get(key)
        if was != now and (_codes(was) or _codes(now)):
            found |= set(was or ()) ^ set(now or ())
    return found


def appearance_cause(period: tuple[int, int] | None, other: Side, this: Side, named: set[str] = frozenset()) -> str:
    """Why a finding is stated in `this` version but not in `other`: its years lie outside
    `other`'s window, or start or end at an edge of `this` window that moved (window); else the
    parameters, inputs or code changed. A finding naming (`named`) a country that a parameter
    change brought in or left out is the parameters' first."""
    if named & changed_codes(other.parameters, this.parameters):
        return "parameters"
    if period is not None and other.window is not None and (period[0] < other.window[0] or period[1] > other.window[1]):
        return "window"
    if period is not None and window_moved(other, this) and (
            period[0] == this.window[0] != other.window[0] or period[1] == this.window[1] != other.window[1]):
        return "window"  # a span from (or to) the edge of a window that moved
    if parameter_changes(other.parameters, this.parameters):
        return "parameters"
    if snapshot_changes(other, this) or (other.curated and this.curated and other.curated != this.curated):
        return "revised"
    if code_changed(other, this):
        return "method"
    return "window" if window_moved(other, this) else "method"


def ref_name(ref: str, edition: str = "") -> str:
    """'2024/v1' -> 'the 2024 edition (version 1)'; 'version 1' when it is of `edition`."""
    name, version = ref.split("/")
    number = version[1:] if version.startswith("v") else version
    return f"version {number}" if name == edition else f"the {name} edition (version {number})"


def version_causes(old: Side, new: Side) -> list[dict]:
    """Why a version differs from the one it follows: every cause, each in words
    ({"cause", "text"}), in the order of `VERSION_CAUSES`."""
    found = [{"cause": "parameters", "text": text} for text in parameter_changes(old.parameters, new.parameters)]
    if window_moved(old, new):
        cause = "window" if old.edition != new.edition else "parameters"
        found.insert(0, {"cause": cause, "text": window_text(old, new)})
    found += [{"cause": "revised", "text": text} for text in snapshot_changes(old, new)]
    if old.curated and new.curated and old.curated != new.curated:
        found.append({"cause": "revised", "text": "the curated rows or documents changed"})
    if code_changed(old, new):
        found.append({"cause": "method", "text": f"the code changed ({commit_range(old, new)})"})
    if old.edition == new.edition and new.baseline is not None and old.baseline != new.baseline:
        found.append({"cause": "baseline", "text": f"now compared with {ref_name(new.baseline)}"})
    return sorted(found, key=lambda c: VERSION_CAUSES.index(c["cause"]))
