"""The terminal view of a findings diff: why the new version differs, then each kind of
change in a table of labels (country names, not codes), values with their own years, moves in
their unit's terms and each row's cause; every table says how many more it leaves out."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from briefing.report import shown
from briefing.report.diff import Diff, Moved


def _more(console: Console, total: int, limit: int) -> None:
    if total > limit:
        console.print(f"and {total - limit} more (--limit N to list more; --json lists every one)", markup=False)


def _moves(console: Console, title: str, moves: list[Moved], limit: int) -> None:
    moves = shown.one_each(moves)
    if not moves:
        return
    table = Table("finding", "then", "now", "change", "cause", "note", title=title)
    for move in moves[:limit]:
        table.add_row(move.label, shown.at(move.old, move.unit, move.old_period),
                      shown.at(move.new, move.unit, move.new_period), shown.change(move), move.cause,
                      move.note or (move.detail if move.cause != "window" else ""))
    console.print(table)
    _more(console, len(moves), limit)


def _stated(console: Console, title: str, items: list[dict], limit: int) -> None:
    if not items:
        return
    table = Table("finding", "value", "cause", title=title)
    for item in items[:limit]:
        table.add_row(item["label"], shown.value(item["value"], item["unit"]), item["cause"])
    console.print(table)
    _more(console, len(items), limit)


def _apart(console: Console, items: list[dict], limit: int) -> None:
    if not items:
        return
    table = Table("finding", "then", "now", "why not", title="Not comparable")
    for item in items[:limit]:
        table.add_row(item["label"], f"{shown.value(item['old'], item['unit'])} ({item['old_period'] or ''})",
                      f"{shown.value(item['new'], item['unit'])} ({item['new_period'] or ''})", item["reason"])
    console.print(table)
    _more(console, len(items), limit)


def print_diff(console: Console, result: Diff, limit: int) -> None:
    console.print(f"[bold]{result.old} → {result.new}[/]")
    why = "; ".join(f"{c['text']} ({c['cause']})" for c in result.causes) or "no input, parameter or code changed"
    console.print(f"Why: {why}", markup=False, highlight=False)
    revised = len(result.revised)
    console.print(f"{'No figure was revised' if not revised else f'{revised} revised'}; "
                  f"{len(result.advanced)} moved one window on, {len(result.moved)} changed under the same id, "
                  f"{len(result.added)} added, {len(result.removed)} removed, "
                  f"{len(result.not_comparable)} not comparable, {result.unchanged} unchanged", markup=False,
                  highlight=False)
    _moves(console, "One window on: each series' latest year or span (largest change first)", result.advanced, limit)
    _moves(console, "Changed under the same id (largest change first)", result.moved, limit)
    _apart(console, result.not_comparable, limit)
    _stated(console, "Added", result.added, limit)
    _stated(console, "Removed", result.removed, limit)
