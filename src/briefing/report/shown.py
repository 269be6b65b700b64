"""Compared findings as readers read them, for "What changed" and `briefing diff`: values
in their unit's format (`briefing.units`: years without separators, ratios to their decimals),
each with its own year or span (en dash), lists of countries by name, moves in the unit's terms,
and each change once."""

from __future__ import annotations

from briefing import countries, units, words
from briefing.findings.ids import codes
from briefing.report.diff import Moved


def _country_list(value, unit: str) -> bool:
    return unit == "country_codes" and isinstance(value, list) and all(countries.is_country(str(v)) for v in value)


def value(shown, unit: str) -> str:
    """A value in its unit's format; a list of country codes by name."""
    if _country_list(shown, unit):
        return ", ".join(countries.name(c) for c in shown)
    if units.known(unit):
        return units.show(shown, unit)
    return ", ".join(map(str, shown)) if isinstance(shown, list) else str(shown)


def at(shown, unit: str, years: tuple[int, int] | None) -> str:
    """'19,605 (2022)', '22.1% (2014–2022)': a value with its own year or span."""
    return value(shown, unit) + (f" ({words.span(*years)})" if years else "")


def when(shown, unit: str, years: tuple[int, int] | None) -> str:
    """'19,605 in 2022', '+22% over 2014–2022': a value with its own year or span, for a sentence."""
    if years is None:
        return value(shown, unit)
    return value(shown, unit) + (f" in {years[0]}" if years[0] == years[1] else f" over {words.span(*years)}")


def change(move: Moved) -> str:
    """The move in its unit's terms ('+11.0%', '+2.9 pp', '+1 year', '+0.01'); for a list of
    countries, who came in and who left, or 'reordered'."""
    if _country_list(move.old, move.unit) and _country_list(move.new, move.unit):
        came = [c for c in move.new if c not in move.old]
        left = [c for c in move.old if c not in move.new]
        parts = [f"{words.names(came)} in" if came else "", f"{words.names(left)} out" if left else ""]
        return "; ".join(p for p in parts if p) or "reordered"
    if move.change is None or not units.known(move.unit):
        return "changed"
    return units.change_short(move.old, move.new, move.unit)


def one_each(moves: list[Moved]) -> list[Moved]:
    """Each change once: a finding that restates another's move (the same countries, unit,
    values and years, such as a share and the 100% cut scenario built on it) is left out; the
    first, in the order given, stays."""
    seen, kept = set(), []
    for move in moves:
        key = (frozenset(codes(move.id)), move.unit, repr(move.old), repr(move.new), move.old_period, move.new_period)
        if key not in seen:
            seen.add(key)
            kept.append(move)
    return kept
