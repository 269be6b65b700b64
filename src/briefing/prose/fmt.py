"""The prose package's toolkit in one namespace, as section prose calls it (`fmt.pct`,
`fmt.the`): numbers from `briefing.units`, English from `briefing.words`, markdown from
`briefing.markup` (each defined there, once), and what only prose writes: the note under a
chart saying what its quality marks mean."""

from __future__ import annotations

from briefing.markup import OMITTED, literal, omitted, unliteral
from briefing.units import missing, nth, num, pct, pp, signed_pct, usd_bn
from briefing.words import cap, join_and, join_or, name, names, ordinal, possessive, span, the, year_runs, years

__all__ = ["OMITTED", "cap", "join_and", "join_or", "literal", "marks_note", "missing", "name", "names", "nth",
           "omitted", "ordinal", "possessive", "pct", "pp", "signed_pct", "span", "the", "unliteral", "usd_bn",
           "year_runs", "years", "num"]


def marks_note(provisional=(), breaks=()) -> str:
    """What a chart's quality marks mean, for its caption: ' Hollow points (or a lighter bar):
    2023, provisional. Shaded: the 2020 break in South Korea's series.' ('' without marks)."""
    parts = []
    if provisional:
        parts.append(f" Hollow points (or a lighter bar): {years(provisional)}, provisional.")
    parts += [f" Shaded: {label[0].lower() + label[1:]} ({year})." for year, label in breaks]
    return "".join(parts)


def crossing_note(breaks) -> str:
    """For a chart that draws paths rather than years: ' South Korea's path crosses the break in
    its series (2020).' for each (year, country code) of `breaks` ('' without)."""
    return "".join(f" {possessive(code)} path crosses the break in its series ({year})." for year, code in breaks)
