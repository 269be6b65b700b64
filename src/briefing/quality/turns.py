"""Turning points of a yearly series inside the window: the year a series peaked (or
bottomed out) before its latest year, and by how much it has moved since; and series
near a turn, which one more year would confirm or undo.

A share (a unit of kind `share`, `briefing.units`) has turned when it moved more than `PEAK_MIN_DROP_PP`
percentage points back from its extreme; a count or amount when it moved more than
`PEAK_MIN_DROP_PCT` per cent. Thresholds: `briefing.quality.thresholds`."""

from __future__ import annotations

from dataclasses import dataclass

from briefing import units
from briefing.quality import thresholds as t


@dataclass(frozen=True)
class Turn:
    """`kind`: 'peak' (highest before the latest year, lower since) or 'trough'. `moved`:
    the change from the extreme to the latest value, in the unit's terms (pp for shares,
    % for counts); `turned`: beyond the threshold; `near`: not beyond it but a step back."""

    kind: str
    year: int
    value: float
    latest_year: int
    latest: float
    moved: float
    turned: bool
    near: bool
    built: bool = True  # the series also moved beyond the threshold from its first year to the extreme

    @property
    def turning_point(self) -> bool:
        """A real change of direction: the series moved beyond the threshold to the extreme and
        back from it (a first-year wobble before a steady trend is not one)."""
        return self.turned and self.built


def _moved(extreme: float, latest: float, unit: str) -> float:
    """The move in the unit's terms: points for shares, per cent for counts (ranks are not turned)."""
    if units.unit(unit).turns_in_points:
        return latest - extreme
    return 100 * (latest / extreme - 1) if extreme else 0.0


def threshold(unit: str) -> float:
    """The smallest move that counts as a turn in `unit`: `PEAK_MIN_DROP_PP` for shares,
    `PEAK_MIN_DROP_PCT` for the rest."""
    return t.PEAK_MIN_DROP_PP if units.unit(unit).turns_in_points else t.PEAK_MIN_DROP_PCT


def turn(series: dict[int, float], unit: str) -> Turn | None:
    """The most recent turn of `series` (year -> value) inside its span, or None when the
    latest value is its highest or lowest (no turn) or the series is shorter than 3 years."""
    if len(series) < 3:
        return None
    years = sorted(series)
    latest_year, latest = years[-1], float(series[years[-1]])
    candidates = []
    for kind, pick in (("peak", max), ("trough", min)):
        extreme = pick(series[y] for y in years)
        year = max(y for y in years if series[y] == extreme)  # the latest year the extreme was reached
        if year in (years[0], latest_year):
            continue
        moved = _moved(float(extreme), latest, unit)
        if (kind == "peak" and moved >= 0) or (kind == "trough" and moved <= 0):
            continue
        turned = abs(moved) > threshold(unit)
        near = not turned and abs(moved) > 0 and abs(moved) <= threshold(unit) * t.WATCH_MAX_DROP_FACTOR
        built = abs(_moved(float(series[years[0]]), float(extreme), unit)) > threshold(unit)
        candidates.append(Turn(kind, year, float(extreme), latest_year, latest, moved, turned, near, built))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.turned, c.year))


def direction(series: dict[int, float], unit: str) -> str:
    """'rose', 'fell' or 'held' from the first to the latest year, within the turn threshold."""
    years = sorted(series)
    moved = _moved(float(series[years[0]]), float(series[years[-1]]), unit)
    if abs(moved) <= threshold(unit) / 10:
        return "held"
    return "rose" if moved > 0 else "fell"
