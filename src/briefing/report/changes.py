""""What changed" (Appendix B): this version's findings against its baseline, the newest
version of the previous edition of its series (`report.site.History`), and what changed since
the version of this edition before it; every change once, with its cause (`report.causes`).

Its first sentence says whether any figure was revised (the same id and year, another value
from the source). Then: the comparison (both windows), what differs by cause, what moved most
one window on with each value's own year, the tables by kind of measure, the pairs that are not
comparable, the follow-up of what the previous edition said to watch (`report.watch`), the
probable source changes (`quality.outliers`) and the caveats of the moves that carry one."""

from __future__ import annotations

from pathlib import Path

from briefing import markup, units, words
from briefing.config import Edition
from briefing.infra.fingerprint import package_fingerprint
from briefing.infra.provenance import git_commit
from briefing.infra.workspace import find_project_root
from briefing.report import shown
from briefing.report.causes import Side, build_inputs, ref_name, snapshot_changes
from briefing.report.diff import Diff, Moved, compare, load_manifest, load_side
from briefing.report.site import History, Window, read_manifest
from briefing.report.watch import followup_markdown

SHOWN = 15  # rows of each table
BREAK_KINDS = {"level_shift": "break in the source", "source_break": "break in the source", "spike": "one-year spike",
               "source_change": "probable source change", "provisional": "provisional year"}
esc = markup.literal


def first_of_series(edition: Edition) -> str:
    if edition.series is None or edition.series == edition.edition:
        return ("This is the first published version of this edition, which forms a series of its own: "
                "there is no earlier version or edition to compare it with.")
    return (f"This is the first edition of the {esc(edition.series_name)} series published here, in its first "
            "version: there is no earlier version or edition of this series to compare it with, and editions "
            "of other series are never compared with it.")


# This version, before it is published.
def this_side(edition: Edition, findings: dict[str, dict], build: Path | None, baseline: str | None) -> Side:
    snapshots, curated, names = build_inputs(build)
    return Side(f"{edition.edition}/this version", findings, (edition.window.start, edition.window.end),
                edition.model_dump(mode="json"), snapshots, curated, git_commit(find_project_root()),
                package_fingerprint(), names, baseline)


def _history(edition: Edition, history: History | str | None) -> History:
    """A History; a reference alone is the baseline (another edition) or the version before (this one)."""
    if history is None or isinstance(history, History):
        return history or History()
    return History(previous=history) if history.split("/")[0] == edition.edition else History(baseline=history)


def changes_text(edition: Edition, site: Path, history: History | str | None, new: dict[str, dict],
                 build: Path | None = None) -> str:
    """The "What changed" page body for `edition` compared with its `history`."""
    history = _history(edition, history)
    main = history.baseline or history.previous
    if main is None:
        return first_of_series(edition)
    this = this_side(edition, new, build, history.baseline)
    old = load_side(site, main, this.names)
    result = compare(old, this)
    then = _then(main, edition)
    lines = [revision_sentence(result, then, old, this), ""]
    if history.baseline and history.previous:
        lines += since_version(compare(load_side(site, history.previous, this.names), this), history, site,
                               edition) + [""]
    lines += [_intro(edition, site, main), "", *_by_cause(result, then)]
    lines += _moves(result, then)
    lines += _not_comparable(result)
    snapshots = build_inputs(build)[0]
    follow = followup_markdown(history.baseline, site, new, snapshots, heading="##", anchor="sec-changes-watch")
    lines += ["", follow] if follow else []
    lines += source_changes(new)
    lines += _caveats([m for moves in (result.advanced, result.moved) for m in shown.one_each(moves)[:SHOWN]])
    return "\n".join(lines)


def _then(ref: str, edition: Edition) -> str:
    return ref_name(ref, edition.edition)


def revision_sentence(result: Diff, then: str, old: Side, this: Side) -> str:
    """The page's first sentence: whether any figure was revised, and from which snapshots."""
    revised = shown.one_each(result.revised)
    if revised:
        sources = sorted({m.detail for m in revised})
        return (f"{len(revised)} figure{'s were' if len(revised) != 1 else ' was'} revised since {esc(then)}: the same "
                f"year, another value from the source ({esc('; '.join(sources))}).")
    same = "the new snapshots give the same values" if snapshot_changes(old, this) else \
        "both read the same snapshot of every source"
    return (f"No figure was revised: every finding that {esc(then)} and this version both state for the same "
            f"year or span has the same value from its source ({same}).")


def since_version(result: Diff, history: History, site: Path, edition: Edition) -> list[str]:
    """What this version changes against the version of this edition before it."""
    name, version = history.previous.split("/")
    published = read_manifest(site, name, int(version[1:])).get("published_at", "")[:10]
    causes = [esc(c["text"]) for c in result.causes]
    pages = _pages_changed(site, history)
    lines = [f"Since version {version[1:]} of this edition (published {esc(published)}): "
             + (words.join_and(causes) if causes else "no finding's inputs changed") + ". "
             + _against(result, version[1:])
             + (f" The text of {words.join_and(pages)} changed." if pages else "")]
    if result.moved:
        lines += _tables(result.moved, "tbl-changes-version", f"Changed since version {version[1:]}")
    return lines


def _pages_changed(site: Path, history: History) -> list[str]:
    """The pages whose text differs from the previous version's, by title (versions that
    recorded their pages only)."""
    before = load_manifest(site, history.previous).get("pages") or {}
    return [esc(history.titles.get(p, p)) for p, sha in sorted(history.pages.items())
            if p.endswith(".qmd") and p in before and before[p] != sha]


def _against(result: Diff, version: str) -> str:
    if not (result.added or result.removed or result.moved):
        return f"Every finding is as it was in version {version}."
    return (f"Against it, {len(result.added)} findings are new, {len(result.removed)} are no longer stated and "
            f"{len(result.moved)} changed under the same id.")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _intro(edition: Edition, site: Path, ref: str) -> str:
    name, version = ref.split("/")
    manifest = read_manifest(site, name, int(version[1:]))
    published = manifest.get("published_at", "")[:10]
    if name == edition.edition:
        return f"Compared with version {version[1:]} of this edition, published {esc(published)}."
    old, new = Window.of(manifest["parameters"]["window"]), Window(edition.window.end, edition.window.start)
    return (f"Compared with the {esc(name)} edition (version {version[1:]}, published {esc(published)}), "
            f"the previous edition in this series: its data window was {old}, this edition's is {new}.")


CAUSE_WORDS = {"revised": "revised in the source", "window": "the window moving on",
               "parameters": "the edition's parameters", "method": "the code"}


def _by_cause(result: Diff, then: str) -> list[str]:
    """What differs, one line per cause, and what stayed."""
    lines = ["What differs, by cause:", ""]
    for cause, label in CAUSE_WORDS.items():
        moved = [m for m in result.moved if m.cause == cause]
        advanced = [m for m in result.advanced if m.cause == cause]
        added = [f for f in result.added if f["cause"] == cause]
        removed = [f for f in result.removed if f["cause"] == cause]
        if not (moved or advanced or added or removed):
            continue
        parts = [f"{len(advanced)} followed one window on moved" if advanced else "",
                 f"{len(moved)} under the same id have another value" if moved else "",
                 f"{len(added)} are new" if added else "",
                 f"{len(removed)} stated by {esc(then)} are not stated now" if removed else ""]
        details = list(dict.fromkeys([*(c["text"] for c in result.causes if c["cause"] == cause),
                                      *sorted({m.detail for m in [*moved, *advanced] if m.detail})]))
        why = f" ({esc('; '.join(details))})" if details and cause != "window" else ""
        lines.append(f"- {words.cap(label)}{why}: " + "; ".join(p for p in parts if p) + ".")
    if len(lines) == 2:
        lines.append("- Nothing: every finding is as it was; what changed is presentation (text, figures or "
                     "chapters that do not alter a number).")
    held = f", and {result.held} followed one window on have the same value" if result.held else ""
    lines += ["", f"{result.unchanged} findings are unchanged{held}."]
    return lines


def _moves(result: Diff, then: str) -> list[str]:
    lines = []
    if result.advanced:
        largest = _largest(result.advanced)
        lines += ["", largest] if largest else []
        lines += _tables(result.advanced, "tbl-changes-window",
                         "One window on: each series' latest year or span, then and now")
        if any("base year" in m.note for m in result.advanced):
            lines += ["", "Growth over the window is over a window that moved on: its base year moved with it, as each "
                          "row's note says."]
    for cause in ("revised", "parameters", "method", "window"):
        moved = [m for m in result.moved if m.cause == cause]
        if moved:
            title = f"Changed under the same id since {esc(then)}: {CAUSE_WORDS[cause]}"
            lines += _tables(moved, f"tbl-changes-{cause}", title)
    return lines


INPUTS = {"events"}  # counts of the documents' events: inputs, not data, so never a "move"
COUNTS = units.of_kind("count", "amount") - INPUTS  # told by their relative change


def percent(unit: str) -> bool:
    """Shares, rates and growth: their moves are told in percentage points, not relative to themselves."""
    return units.known(unit) and units.unit(unit).moves_in_points


def by_kind(moves: list[Moved]) -> tuple[list[Moved], list[Moved], list[Moved]]:
    """Counts, largest relative change first; percentages, largest change in points first; ranks,
    years and the rest, largest difference first. Counts of curated events are left out."""
    def size(move: Moved) -> tuple:
        return (move.change is None, -abs(move.change or 0), move.id)
    counts = sorted((m for m in moves if m.unit in COUNTS), key=Moved.size)
    rates = sorted((m for m in moves if percent(m.unit)), key=size)
    other = sorted((m for m in moves if not (m.unit in COUNTS or m.unit in INPUTS or percent(m.unit))), key=size)
    return counts, rates, other


KIND_NAMES = {"count": "counts", "amount": "spending", "share": "shares", "points": "differences of shares",
              "growth": "growth", "rank": "ranks", "places": "differences of ranks", "ratio": "ratios",
              "year": "years", "list": "lists of partners", "flag": "yes or no", "text": "other measures"}


def kind_title(moves: list[Moved]) -> str:
    """What a table holds, from the kinds of its units: 'counts', 'shares and growth'."""
    kinds = dict.fromkeys(units.unit(m.unit).kind if units.known(m.unit) else "text" for m in moves)
    return words.join_and(list(dict.fromkeys(KIND_NAMES[k] for k in kinds)))


def _largest(moves: list[Moved]) -> str:
    """One sentence naming the largest moves (two of each kind), each value with its own year."""
    counts, rates, _ = (shown.one_each(part) for part in by_kind(moves))
    named = [f"{esc(m.label)} ({esc(shown.when(m.old, m.unit, m.old_period))}, "
             f"{esc(shown.when(m.new, m.unit, m.new_period))}, {esc(shown.change(m))})"
             for m in [*counts[:2], *rates[:2]]]
    return "Moved most: " + "; ".join(named) + "." if named else ""


def _tables(moves: list[Moved], label: str, title: str) -> list[str]:
    """One table per kind of measure, each ranked its own way, each change once."""
    lines = []
    for part, suffix in zip(by_kind(moves), ("", "-rates", "-other"), strict=True):
        part = shown.one_each(part)
        if part:
            lines += ["", f": {title}: {kind_title(part)} {{#{label}{suffix}}}", "", *_table(part)]
    return lines


def _note(move: Moved) -> str:
    caveats = dict.fromkeys(BREAK_KINDS[c["kind"]] for c in move.caveats if c["kind"] in BREAK_KINDS)
    return "; ".join([move.note, *caveats] if move.note else caveats)


def _table(moves: list[Moved]) -> list[str]:
    rows = ["| Finding | Then | Now | Change | Note |", "|:---|---:|---:|---:|:---|"]
    for move in moves[:SHOWN]:
        rows.append(f"| {esc(move.label)} | {esc(shown.at(move.old, move.unit, move.old_period))} | "
                    f"{esc(shown.at(move.new, move.unit, move.new_period))} | {esc(shown.change(move))} | "
                    f"{esc(_note(move))} |")
    if len(moves) > SHOWN:
        rows += ["", f"And {len(moves) - SHOWN} more that moved less; the findings of both versions hold them all."]
    return rows


def _not_comparable(result: Diff) -> list[str]:
    if not result.not_comparable:
        return []
    lines = ["", "## Not comparable {#sec-changes-apart}", "",
             "These findings are not set side by side: the two values are not measured alike.", ""]
    for item in result.not_comparable[:SHOWN]:
        lines.append(f"- {esc(item['label'])}: {esc(shown.value(item['old'], item['unit']))} "
                     f"({esc(item['old_period'] or '')}) then, {esc(shown.value(item['new'], item['unit']))} "
                     f"({esc(item['new_period'] or '')}) now; {esc(item['reason'])}.")
    if len(result.not_comparable) > SHOWN:
        lines.append(f"- And {len(result.not_comparable) - SHOWN} more.")
    return lines


def source_changes(findings: dict[str, dict]) -> list[str]:
    """Every probable source change (`quality.outliers`) the findings carry, once each."""
    seen: dict[str, int] = {}
    for item in findings.values():
        for caveat in item.get("caveats", []):
            if caveat["kind"] == "source_change":
                seen[caveat["text"]] = seen.get(caveat["text"], 0) + 1
    if not seen:
        return []
    lines = ["", "## Probable source changes {#sec-changes-source}", "",
             "A one-year change far outside a series' own history, or the same year jumping for several pairs of "
             "one country, is more likely a change in the source's coverage than in research:", ""]
    return lines + [f"- {esc(text)} ({_count(n, 'finding', 'findings')} carry it.)" for text, n in seen.items()]


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
