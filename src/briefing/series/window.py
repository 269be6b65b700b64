"""An edition's window against the years its yearly sources hold: a window past the data is bad
input before any section runs ("window ends 2031, but the OpenAlex pair table ends in 2023").
`briefing validate` records each yearly table's first and last year (`year_ranges`), so the
check costs no table read; `briefing new` applies the same rule before writing a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.errors import InputError

if TYPE_CHECKING:
    from briefing.config import Edition

YEARLY_TABLES = {"pairs": "pair table", "country_output": "table of country totals"}


def year_ranges(tables: dict) -> dict[str, dict[str, list[int]]]:
    """{table: {source: [first, last]}} of the yearly tables' rows of all fields."""
    ranges: dict[str, dict[str, list[int]]] = {}
    for table in YEARLY_TABLES:
        frame = tables[table]
        rows = frame[frame["field"] == "all"]
        for source, years in rows.groupby("source")["year"]:
            ranges.setdefault(table, {})[str(source)] = [int(years.min()), int(years.max())]
    return ranges


def check_window(edition: Edition, ranges: dict[str, dict[str, list[int]]], short: dict[str, str]) -> None:
    """The window inside the years of the edition's yearly sources (its pair table and country
    totals); bad input naming the window, the source and its years otherwise."""
    start, end = edition.window.start, edition.window.end
    for table, source in (("pairs", edition.sources.pairs), ("country_output", edition.sources.country_output)):
        name = f"the {short.get(source, source)} {YEARLY_TABLES[table]}"
        if source not in ranges.get(table, {}):
            raise InputError("params key 'sources'", f"{name} holds no rows: the edition's yearly series have no data")
        first, last = ranges[table][source]
        if end > last:
            raise InputError("params key 'window'", f"window ends {end}, but {name} ends in {last}: end the window "
                                                     f"in {last} or earlier")
        if start < first:
            raise InputError("params key 'window'", f"window starts {start}, but {name} starts in {first}: start "
                                                     f"the window in {first} or later")
