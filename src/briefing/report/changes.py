""""What changed": this version's findings against its baseline (`report.site.baseline_for`),
the version before it or the previous edition of its series, in words and tables.

Between editions it names the baseline and both windows, says what moved most one window
on (the latest year against the previous edition's latest year), lists revisions of the
same years' numbers, and gives the data-quality caveats of the moves that carry one (a
break in the source, a spike, a provisional year)."""

from __future__ import annotations

from pathlib import Path

from briefing import markup, units
from briefing.config import Edition
from briefing.report.diff import Diff, Moved, diff_findings, load_findings, show_value
from briefing.report.site import Window, read_manifest, series_of

SHOWN = 15  # rows of each table
BREAK_KINDS = {"level_shift": "break in the source", "source_break": "break in the source", "spike": "one-year spike",
               "provisional": "provisional year"}
esc = markup.literal


def first_of_series(edition: Edition) -> str:
    if edition.series is None or edition.series == edition.edition:
        return ("This is the first published version of this edition, which forms a series of its own: "
                "there is no earlier version or edition to compare it with.")
    return (f"This is the first edition of the {esc(edition.series_name)} series published here, in its first "
            "version: there is no earlier version or edition of this series to compare it with, and editions "
            "of other series are never compared with it.")


def changes_text(edition: Edition, site: Path, baseline: str | None, new: dict[str, dict]) -> str:
    """The "What changed" page body for `edition` compared with `baseline` (e.g. "2024/v1")."""
    if baseline is None:
        return first_of_series(edition)
    name, version = baseline.split("/")
    manifest = read_manifest(site, name, int(version[1:]))
    old_window = Window.of(manifest["parameters"]["window"])
    new_window = Window(edition.window.end, edition.window.start)
    result = diff_findings(load_findings(site, baseline), new, baseline, "this version",
                           ((old_window.start, old_window.end), (new_window.start, new_window.end)))
    same = name == edition.edition
    then = f"version {version[1:]}" if same else f"the {name} edition"
    lines = [_intro(edition, name, version, manifest, old_window, new_window), "", _counts(result, same)]
    if not (result.moved or result.added or result.removed or result.advanced):
        lines.append("Every finding is the same; what changed is presentation (text, figures, chapters or "
                     "parameters that do not alter a number).")
    if result.advanced:
        lines += ["", _largest(result.advanced, then)] if any(by_kind(result.advanced)[:2]) else []
        lines += _tables(result.advanced, "tbl-changes-window", with_year=True,
                         title=f"The latest year against {esc(then)}'s latest year: the findings that moved most")
    if result.moved:
        lines += ["", "The same finding can also take a new value: a revision of the source, or a measure defined "
                      "on the window (a peak year, a scenario on the latest year) that moved with it."]
        lines += _tables(result.moved, "tbl-changes", with_year=False,
                         title=f"Findings under the same id with a new value since {esc(then)}")
    shown = [m for moves in (result.advanced, result.moved) for part in by_kind(moves) for m in part[:SHOWN]]
    lines += _caveats(shown)
    return "\n".join(lines)


def _intro(edition: Edition, name: str, version: str, manifest: dict, old: Window, new: Window) -> str:
    published = manifest.get("published_at", "")[:10]
    if name == edition.edition:
        return (f"Compared with version {version[1:]} of this edition, published {esc(published)}, "
                f"the version before this one.")
    series = series_of({"edition": name, **manifest})
    return (f"Compared with the {esc(name)} edition (version {version[1:]}, published {esc(published)}), "
            f"the previous edition of the {esc(series)} series: its data window was {old}, this edition's is {new}.")


def _counts(result: Diff, same: bool) -> str:
    parts = [f"{len(result.moved)} under the same id have a new value",
             f"{len(result.added)} are new", f"{len(result.removed)} are no longer stated",
             f"{result.unchanged} are unchanged"]
    if not same:
        parts.insert(1, f"{len(result.advanced)} moved between the two editions' latest years or windows")
    return "Of the findings: " + "; ".join(parts) + "."


INPUTS = {"events"}  # counts of the documents' events: inputs, not data, so never a "move"
COUNTS = units.of_kind("count", "amount") - INPUTS  # told by their relative change
KINDS = ("counts and spending", "shares, rates and growth", "ranks, years and other measures")


def percent(unit: str) -> bool:
    """Shares, rates and growth: their moves are told in percentage points, not relative to themselves."""
    return units.known(unit) and units.unit(unit).kind in ("share", "points", "growth")


def by_kind(moves: list[Moved]) -> tuple[list[Moved], list[Moved], list[Moved]]:
    """Counts, largest relative change first; percentages, largest change in points first; ranks,
    years and the rest, largest difference first. Counts of curated events are left out."""
    def size(move: Moved) -> tuple:
        return (move.change is None, -abs(move.change or 0), move.id)
    counts = [m for m in moves if m.unit in COUNTS]
    rates = sorted((m for m in moves if percent(m.unit)), key=size)
    other = sorted((m for m in moves if not (m.unit in COUNTS or m.unit in INPUTS or percent(m.unit))), key=size)
    return counts, rates, other


def _change(move: Moved) -> str:
    if move.change is None or not units.known(move.unit):
        return "changed"
    return units.change_short(move.old, move.new, move.unit)


def _largest(moves: list[Moved], then: str) -> str:
    """One sentence naming the largest moves (two of each kind), from, to and by how much."""
    counts, rates, _ = by_kind(moves)
    named = [f"{esc(m.label)} ({_value(m.old, m.unit)} in {esc(then)}, {_value(m.new, m.unit)} now, {_change(m)})"
             for m in [*counts[:2], *rates[:2]]]
    return "Moved most: " + "; ".join(named) + "."


def _value(value, unit: str) -> str:
    if percent(unit) and isinstance(value, (int, float)) and not isinstance(value, bool):
        shown = f"{value:.1f}%" if unit != "pp" else f"{value:+.1f} pp"
        return shown.replace("-", "\u2212")
    return esc(show_value(value))


def _period(move: Moved) -> str:
    """The year or window a followed finding named in the old version (its id's differing part)."""
    old, new = move.old_id.split("."), move.id.split(".")
    return " ".join(o for o, n in zip(old, new, strict=False) if o != n)


def _tables(moves: list[Moved], label: str, with_year: bool, title: str) -> list[str]:
    """One table per kind of measure (KINDS), each ranked its own way."""
    lines = []
    for kind, part, suffix in zip(KINDS, by_kind(moves), ("", "-rates", "-other"), strict=True):
        if part:
            lines += ["", f": {title}: {kind} {{#{label}{suffix}}}", "", *_table(part, with_year)]
    return lines


def _table(moves: list[Moved], with_year: bool) -> list[str]:
    rows = ["| Finding | " + ("Then" if with_year else "Before") + " | Now | Change | Caveat |",
            "|:---|---:|---:|---:|:---|"]
    for move in moves[:SHOWN]:
        before = _value(move.old, move.unit) + (f" ({esc(_period(move))})" if with_year else "")
        change = _change(move)
        caveat = ", ".join(dict.fromkeys(BREAK_KINDS[c["kind"]] for c in move.caveats if c["kind"] in BREAK_KINDS))
        rows.append(f"| {esc(move.label)} | {before} | {_value(move.new, move.unit)} | {change} | {caveat} |")
    if len(moves) > SHOWN:
        rows += ["", f"{len(moves) - SHOWN} more moved less; the findings of both versions hold them all."]
    return rows


def _caveats(moves: list[Moved]) -> list[str]:
    """Each caveat of the listed moves once, with the findings it touches."""
    seen: dict[str, list[str]] = {}
    for move in moves:
        for caveat in move.caveats:
            if caveat["kind"] in BREAK_KINDS:
                seen.setdefault(caveat["text"], []).append(move.label)
    if not seen:
        return []
    lines = ["", "Where a move may come from the source rather than from research itself:", ""]
    for text, labels in seen.items():
        more = f" and {len(labels) - 1} more" if len(labels) > 1 else ""
        lines.append(f"- {esc(text)} (touches {esc(labels[0])}{more})")
    return lines
