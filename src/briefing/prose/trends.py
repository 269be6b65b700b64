"""How a yearly series moved, in words that lead with the judgement: a series that peaked
(or bottomed out) inside the window is told from the turn to the latest year, naming the
turn's year; a series that moved one way every year says so; otherwise first to latest.

Series are `{year: value}`; `unit` is a finding unit (`pct` shares, `works` counts, `rank`,
`ratio`, ...). Turns: `briefing.quality.turns`."""

from __future__ import annotations

from briefing import units
from briefing.quality.turns import turn


def value(v: float, unit: str) -> str:
    """A value as the reader reads it: 22.0%, 3,667, 7th, 1.72 (`briefing.units.show`)."""
    return units.show(v, unit)


def change(before: float, after: float, unit: str) -> str:
    """'−12.1 percentage points' for shares, '−13%' for counts (`briefing.units.change`)."""
    return units.change(before, after, unit)


def _rank(unit: str) -> bool:
    return units.unit(unit).kind == "rank"


def _every_year(series: dict[int, float], years: list[int], up: bool) -> bool:
    steps = [series[b] - series[a] for a, b in zip(years, years[1:], strict=False)]
    return len(steps) >= 2 and all((s > 0) if up else (s < 0) for s in steps) and years == list(
        range(years[0], years[-1] + 1))


def _verb(up: bool, unit: str, past: bool = True) -> str:
    if _rank(unit):  # a larger rank number is a fall
        up = not up
    return ("rose" if up else "fell") if past else ("risen" if up else "fallen")


def movement(series: dict[int, float], unit: str) -> str:
    """A verb phrase for the subject's movement over the series, e.g. 'has fallen since its
    2020 peak of 84,025, to 72,794 in 2023 (−13%)' or 'rose every year, from 15.5% in 2015 to
    22.0% in 2023 (+6.5 percentage points)'."""
    years = sorted(series)
    first, last = years[0], years[-1]
    v0, v1 = series[first], series[last]
    found = turn(series, unit) if not _rank(unit) else None
    if found is not None and found.turned:
        up_since = found.kind == "trough"
        after = {y: v for y, v in series.items() if y >= found.year}
        every = " every year" if _every_year(after, sorted(after), up_since) else ""
        if found.built:
            mark = "peak" if found.kind == "peak" else "low"
            return (f"has {_verb(up_since, unit, past=False)}{every} since its {found.year} {mark} of "
                    f"{value(found.value, unit)}, to {value(v1, unit)} in {last} "
                    f"({change(found.value, v1, unit)}; {value(v0, unit)} in {first})")
        if every:  # little movement before it: the steady run since is the story
            return (f"has {_verb(up_since, unit, past=False)} every year since {found.year}, from "
                    f"{value(found.value, unit)} to {value(v1, unit)} in {last} ({change(found.value, v1, unit)})")
    if v0 == v1:
        return f"held at {value(v1, unit)} from {first} to {last}"
    up = v1 > v0
    every = " every year," if _every_year(series, years, up) else ""
    return (f"{_verb(up, unit)}{every} from {value(v0, unit)} in {first} to {value(v1, unit)} in {last} "
            f"({change(v0, v1, unit)})")


def turn_clause(series: dict[int, float], unit: str) -> str:
    """'; it peaked in 2020 at 84,025' when the series turned inside its span, else ''."""
    found = turn(series, unit) if not _rank(unit) else None
    if found is None or not found.turning_point:
        return ""
    return (f"; it {'peaked' if found.kind == 'peak' else 'bottomed out'} in {found.year} at "
            f"{value(found.value, unit)}")
