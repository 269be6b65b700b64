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


def move(extreme: float, latest: float, unit: str) -> float:
    """The move in the unit's terms: points for shares, per cent for counts (ranks are not turned)."""
    return units.move_kind(extreme, latest, unit)


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
        moved = move(float(extreme), latest, unit)
        if (kind == "peak" and moved >= 0) or (kind == "trough" and moved <= 0):
            continue
        turned = abs(moved) > threshold(unit)
        near = not turned and abs(moved) > 0 and abs(moved) <= threshold(unit) * t.WATCH_MAX_DROP_FACTOR
        built = abs(move(float(series[years[0]]), float(extreme), unit)) > threshold(unit)
        candidates.append(Turn(kind, year, float(extreme), latest_year, latest, moved, turned, near, built))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.turned, c.year))


def direction(series: dict[int, float], unit: str) -> str:
    """'rose', 'fell' or 'held' from the first to the latest year, within the turn threshold."""
    years = sorted(series)
    moved = move(float(series[years[0]]), float(series[years[-1]]), unit)
    if abs(moved) <= threshold(unit) / 10:
        return "held"
    return "rose" if moved > 0 else "fell"


# The one vocabulary of movement. Every sentence that says how a series moved (the chapters,
# the summary, what to watch) takes its word from `trend`, so "has fallen since its 2020 peak"
# is never printed for a series that rose in its latest year, and a move within the noise
# threshold is "about unchanged" everywhere.
WORDS = ("unchanged", "every_year", "since_extreme", "back_from_extreme", "steady_since", "moved")


@dataclass(frozen=True)
class Trend:
    """How a series moved over its span. `word`:
    - `unchanged`: first to latest within the noise threshold (`threshold(unit)`);
    - `every_year`: one way every year, first to latest (`up` says which way);
    - `since_extreme`: it turned at `turn` (a peak or low inside the span) and has moved away from
      it since, its latest step too (`every_year_since` when every step since);
    - `back_from_extreme`: it turned at `turn`, but its latest step went back toward the extreme
      (below the peak yet up on the year before): no "since its peak";
    - `steady_since`: a small first-year move, then one way every year since `turn`: the run is
      the story ("has fallen every year since 2016");
    - `moved`: first to latest, beyond the noise, without a turn or a steady run."""

    word: str
    up: bool
    first_year: int
    first: float
    last_year: int
    last: float
    moved: float
    turn: Turn | None = None
    every_year_since: bool = False
    previous_year: int | None = None
    previous: float | None = None

    @property
    def turned_inside(self) -> bool:
        """It turned at a peak or low inside its span (`since_extreme`, `back_from_extreme`)."""
        return self.word in ("since_extreme", "back_from_extreme")

    @property
    def told_from_turn(self) -> bool:
        """Its words lead with a turn or a run since one, not with its first-to-latest change."""
        return self.turned_inside or self.word == "steady_since"


def noise(unit: str) -> float:
    """The smallest move stated as a move in `unit` (the turn threshold); below it, 'about unchanged'."""
    return threshold(unit)


def _steps(series: dict[int, float], years: list[int]) -> list[float]:
    return [series[b] - series[a] for a, b in zip(years, years[1:], strict=False)]


def _one_way(series: dict[int, float], years: list[int], up: bool) -> bool:
    steps = _steps(series, years)
    return (len(steps) >= 2 and years == list(range(years[0], years[-1] + 1))
            and all((s > 0) if up else (s < 0) for s in steps))


def trend(series: dict[int, float], unit: str) -> Trend:
    """The word for how `series` ({year: value}, at least two years) moved, in `unit`."""
    years = sorted(series)
    first, last = float(series[years[0]]), float(series[years[-1]])
    moved = move(first, last, unit)
    previous = (years[-2], float(series[years[-2]])) if len(years) >= 2 else (None, None)
    base = dict(up=last > first, first_year=years[0], first=first, last_year=years[-1], last=last, moved=moved,
                previous_year=previous[0], previous=previous[1])
    found = turn(series, unit) if units.unit(unit).kind not in ("rank", "places") else None
    if found is not None and found.turning_point:
        after = [y for y in years if y >= found.year]
        away_up = found.kind == "trough"
        latest_step = series[years[-1]] - series[years[-2]]
        if (latest_step > 0) == away_up or latest_step == 0:
            return Trend("since_extreme", **{**base, "up": away_up}, turn=found,
                         every_year_since=_one_way(series, after, away_up))
        return Trend("back_from_extreme", **{**base, "up": away_up}, turn=found)
    if found is not None and found.turned and _one_way(series, [y for y in years if y >= found.year],
                                                       found.kind == "trough"):
        return Trend("steady_since", **{**base, "up": found.kind == "trough"}, turn=found, every_year_since=True)
    if abs(moved) <= noise(unit) and units.unit(unit).kind not in ("rank", "places"):
        return Trend("unchanged", **base)
    if _one_way(series, years, last > first):
        return Trend("every_year", **base)
    return Trend("moved", **base)
