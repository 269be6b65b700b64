"""How a yearly series moved, in words that lead with the judgement: a series that peaked
(or bottomed out) inside the window is told from the turn to the latest year, naming the
turn's year; a series that moved one way every year says so; otherwise first to latest.

Series are `{year: value}`; `unit` is a finding unit (`pct` shares, `works` counts, `rank`,
`ratio`, ...). Turns: `briefing.quality.turns`."""

from __future__ import annotations

from briefing import units
from briefing.quality.turns import trend, turn


def value(v: float, unit: str) -> str:
    """A value as the reader reads it: 22.0%, 3,667, 7th, 1.72 (`briefing.units.show`)."""
    return units.show(v, unit)


def change(before: float, after: float, unit: str) -> str:
    """'−12.1 percentage points' for shares, '−13%' for counts (`briefing.units.change`)."""
    return units.change(before, after, unit)


def _rank(unit: str) -> bool:
    return units.unit(unit).kind == "rank"


def _verb(up: bool, unit: str, past: bool = True) -> str:
    if _rank(unit):  # a larger rank number is a fall
        up = not up
    return ("rose" if up else "fell") if past else ("risen" if up else "fallen")


def movement(series: dict[int, float], unit: str) -> str:
    """A verb phrase for the subject's movement over the series, its word from
    `quality.turns.trend`: 'has fallen since its 2020 peak of 84,025, to 72,794 in 2023 (−13%;
    46,931 in 2015)', 'rose every year, from 15.5% in 2015 to 22.0% in 2023 (+6.5 percentage
    points)', 'was about unchanged: ...', 'peaked in 2020 at 32.6%; at 31.8% in 2022 it was below
    that peak, though up on 2021 (31.4%)'."""
    found = trend(series, unit)
    v0, v1, y0, y1 = found.first, found.last, found.first_year, found.last_year
    if found.word in ("since_extreme", "steady_since"):
        t = found.turn
        every = " every year" if found.every_year_since else ""
        if found.word == "steady_since":
            return (f"has {_verb(found.up, unit, past=False)} every year since {t.year}, from {value(t.value, unit)} "
                    f"to {value(v1, unit)} in {y1} ({change(t.value, v1, unit)})")
        mark = "peak" if t.kind == "peak" else "low"
        return (f"has {_verb(found.up, unit, past=False)}{every} since its {t.year} {mark} of {value(t.value, unit)}, "
                f"to {value(v1, unit)} in {y1} ({change(t.value, v1, unit)}; {value(v0, unit)} in {y0})")
    if found.word == "back_from_extreme":
        t = found.turn
        mark, side, step = ("peak", "below", "up") if t.kind == "peak" else ("low", "above", "down")
        return (f"{'peaked' if t.kind == 'peak' else 'bottomed out'} in {t.year} at {value(t.value, unit)}; at "
                f"{value(v1, unit)} in {y1} it was {side} that {mark}, though {step} on {found.previous_year} "
                f"({value(found.previous, unit)}), and {change(v0, v1, unit)} on {y0} ({value(v0, unit)})")
    if found.word == "unchanged":
        return (f"was about unchanged, {value(v0, unit)} in {y0} and {value(v1, unit)} in {y1} "
                f"({change(v0, v1, unit)})")
    every = " every year," if found.word == "every_year" else ""
    return (f"{_verb(found.up, unit)}{every} from {value(v0, unit)} in {y0} to {value(v1, unit)} in {y1} "
            f"({change(v0, v1, unit)})")


def turn_clause(series: dict[int, float], unit: str) -> str:
    """'; it peaked in 2020 at 84,025' when the series turned inside its span, else ''."""
    found = turn(series, unit) if not _rank(unit) else None
    if found is None or not found.turning_point:
        return ""
    return (f"; it {'peaked' if found.kind == 'peak' else 'bottomed out'} in {found.year} at "
            f"{value(found.value, unit)}")
