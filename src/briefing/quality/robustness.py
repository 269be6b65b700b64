"""Whether a change over time holds, tested before prose may state it: across every break the
source flags in its span (the change on each side of the break), against a second source that
measures the same thing, and against the noise threshold. The outcome is stored with the
finding (`findings.json`: `robustness`) and said where the claim is made ("holds on both sides
of the 2020 break, and in NCSES: 49.6% to 37.2%, 2015–2021").

A change holds when it clears the noise, every side of a break with two years or more moves the
same way as the whole (beyond the noise, or at least not the other way), the jumps between the
sides make no more than half of it (else it rests on the break, not a trend), and the second
source, over the years both cover, moves the same way. Thresholds: `quality.turns.noise`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from briefing import units
from briefing.quality.turns import move, noise


@dataclass(frozen=True)
class Side:
    start: int
    end: int
    first: float
    last: float
    change: float

    def as_dict(self) -> dict:
        return {"span": f"{self.start}-{self.end}", "first": self.first, "last": self.last, "change": self.change}


@dataclass(frozen=True)
class Robustness:
    """The test of one change: `span` and `change` (in the unit's move terms: points for shares,
    per cent for counts), `noise`, the sides of each flagged `breaks` year, the `second` source's
    values over the years both cover, and the verdict: `holds`, or why not (`reason`)."""

    start: int
    end: int
    change: float
    noise: float
    breaks: tuple[int, ...] = ()
    sides: tuple[Side, ...] = ()
    second: dict | None = None
    reason: str = ""
    tested: tuple[str, ...] = field(default_factory=tuple)

    @property
    def holds(self) -> bool:
        return not self.reason

    def as_dict(self) -> dict:
        data = {"tested": list(self.tested), "span": f"{self.start}-{self.end}", "change": self.change,
                "noise": self.noise, "holds": self.holds}
        if self.breaks:
            data["breaks"] = list(self.breaks)
            data["sides"] = [s.as_dict() for s in self.sides]
        if self.second is not None:
            data["second_source"] = self.second
        if self.reason:
            data["reason"] = self.reason
        return data


def _side(series: dict[int, float], years: list[int], unit: str) -> Side | None:
    if len(years) < 2:
        return None
    first, last = series[years[0]], series[years[-1]]
    return Side(years[0], years[-1], first, last, move(first, last, unit))


def sides_of(series: dict[int, float], breaks: list[int], unit: str, skip: set[int] = frozenset()) -> list[Side]:
    """The change on each side of every break year inside the series' span: [first, break - 1],
    [break, next break - 1], ... [last break, latest]; years in `skip` (one-year spikes) left out."""
    years = [y for y in sorted(series) if y not in skip]
    cuts = sorted(b for b in breaks if years and years[0] < b <= years[-1])
    sides, bounds = [], [years[0] if years else 0, *cuts, (years[-1] + 1) if years else 0]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        found = _side(series, [y for y in years if lo <= y < hi], unit)
        if found is not None:
            sides.append(found)
    return sides


def _jump_share(sides: tuple[Side, ...], change: float, unit: str) -> float:
    """How much of the whole change the jumps between the sides make, as a fraction: the whole
    less what moved within the sides (in logs for counts and amounts, which compound)."""
    if units.unit(unit).turns_in_points:
        within = sum(s.change for s in sides)
        return 1 - within / change if change else 0.0
    whole = math.log1p(change / 100)
    within = sum(math.log1p(s.change / 100) for s in sides)
    return 1 - within / whole if whole else 0.0


def _sign(value: float, threshold: float) -> int:
    return 0 if abs(value) <= threshold else (1 if value > 0 else -1)


def robustness(series: dict[int, float], unit: str, breaks: list[int] = (), spikes: set[int] = frozenset(),
               second: dict[int, float] | None = None, second_source: str = "") -> Robustness:
    """The test of the change from the first to the latest year of `series` ({year: value}, in
    `unit`): `breaks` are the years of level shifts in it, `spikes` years to leave out,
    `second` the same measure in another source ({year: value})."""
    years = sorted(series)
    first, last = series[years[0]], series[years[-1]]
    change, threshold = move(first, last, unit), noise(unit)
    tested = ["noise"]
    inside = tuple(sorted(b for b in breaks if years[0] < b <= years[-1]))
    sides = tuple(sides_of(series, list(inside), unit, set(spikes))) if inside else ()
    reason = "" if abs(change) > threshold else "within the noise"
    if inside:
        tested.append("breaks")
        whole = _sign(change, 0)
        if not reason and not sides:
            reason = "too few years on each side of the break"
        elif not reason and any(_sign(s.change, threshold) == -whole for s in sides):
            reason = "the sides of the break move apart"
        elif not reason and sides and _jump_share(sides, change, unit) > 0.5:
            reason = "rests on the jump at the break"
    found = None
    if second:
        common = [y for y in sorted(second) if years[0] <= y <= years[-1]]
        if len(common) >= 2:
            tested.append("second_source")
            a, b = second[common[0]], second[common[-1]]
            moved = move(a, b, unit)
            same = _sign(moved, 0) == _sign(change, 0)
            found = {"source": second_source, "span": f"{common[0]}-{common[-1]}", "first": a, "last": b,
                     "change": moved, "same_direction": same}
            if not reason and not same:
                reason = f"{second_source} moves the other way"
    return Robustness(years[0], years[-1], change, threshold, inside, sides, found, reason, tuple(tested))


BREAK_KINDS = ("level_shift", "source_break")  # a level shift in the series, or one the source flags
MOVABLE = ("share", "count", "amount", "ratio")  # the kinds of unit whose changes are tested


def flagged_years(findings, kinds) -> list[int]:
    """The years the caveats of `kinds` on `findings` (a series' findings: records, or their
    dicts as findings.json holds them) name."""
    return sorted({y for f in findings for c in (f.get("caveats", []) if isinstance(f, dict) else f.caveats)
                   if c["kind"] in kinds for y in c.get("years", [])})


def test_series(by_year: dict, unit: str, second: dict[int, float] | None = None, second_source: str = "",
                span: tuple[int, int] | None = None) -> Robustness:
    """The test of a series of findings ({year: Finding}) over its years (or `span`), its breaks
    and spikes read from the findings' caveats."""
    years = [y for y in sorted(by_year) if span is None or span[0] <= y <= span[1]]
    found = [by_year[y] for y in years]
    return robustness({y: float(by_year[y].value) for y in years}, unit, flagged_years(found, BREAK_KINDS),
                      set(flagged_years(found, ("spike",))), second, second_source)
