"""The terminal view of a findings diff."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from briefing.report.diff import Diff, show_value


def print_diff(console: Console, result: Diff, limit: int) -> None:
    console.print(f"[bold]{result.old} → {result.new}[/]: {len(result.moved)} moved, {len(result.added)} added, "
                  f"{len(result.removed)} removed, {result.unchanged} unchanged")
    if result.moved:
        table = Table("finding", "old", "new", "change", "relative", title="Moved (largest change first)")
        for item in result.moved[:limit]:
            change = "" if item.change is None else f"{item.change:+,.6g}"
            relative = "" if item.relative_pct is None else f"{item.relative_pct:+.1f}%"
            table.add_row(item.id, show_value(item.old), show_value(item.new), change, relative)
        console.print(table)
    if result.advanced:
        table = Table("finding", "then", "now", "relative", title="One window on: latest year against the earlier "
                                                                    "edition's latest year (largest change first)")
        for item in result.advanced[:limit]:
            relative = "" if item.relative_pct is None else f"{item.relative_pct:+.1f}%"
            table.add_row(f"{item.id} (was {item.old_id})", show_value(item.old), show_value(item.new), relative)
        console.print(table)
    for title, items in (("Added", result.added), ("Removed", result.removed)):
        if items:
            table = Table("finding", "value", "unit", title=title)
            for item in items[:limit]:
                table.add_row(item["id"], show_value(item["value"]), item["unit"])
            console.print(table)
