"""A pattern across countries in words (`quality.patterns`): the many counted, the few named
(STYLE: "for 10 of the 11 countries (all but Singapore)", never "for every country but ten")."""

from __future__ import annotations

from briefing import words
from briefing.quality.patterns import Pattern

FEW = 3  # at most this many are named


def _names(codes) -> str:
    return words.join_and([words.the(c) for c in codes])


BROKEN = "no trend holds across breaks in the source"  # said of a move that did not hold when tested


def who_moved(p: Pattern, rose: str = "rose", fell: str = "fell", unclear: str = BROKEN) -> str:
    """'rose for every country', 'rose for every country but Taiwan, where it fell', 'rose for 9
    of the 12 countries', 'rose for South Korea, fell for Japan and was about unchanged for Germany';
    a country whose move did not hold when tested is named with `unclear`: 'rose for every country
    but Brazil, where no trend holds across breaks in the source'."""
    groups = [(v, g) for v, g in ((rose, p.up), (fell, p.down), ("was about unchanged", p.flat)) if g]
    theirs = ""
    if p.unclear:
        theirs = f"for {_names(p.unclear)} {unclear}"
    if p.direction is not None:
        verb = rose if p.direction == "up" else fell
        if not p.exceptions:
            return f"{verb} for every country"
        if len(p.exceptions) > FEW:
            return f"{verb} for {len(p.shared)} of the {p.total} countries" + (f"; {theirs}" if theirs else "")
        rest = [(v, g) for v, g in groups if v != verb]
        if len(rest) == 1 and not p.unclear:
            return f"{verb} for every country but {_names(rest[0][1])}, where it {rest[0][0]}"
        if not rest:
            return f"{verb} for every country but {_names(p.unclear)}, where {unclear}"
        return (f"{verb} for every country but {_names(p.exceptions)}: it "
                + words.join_and([f"{v} for {_names(g)}" for v, g in rest]) + (f", and {theirs}" if theirs else ""))
    counted = [i for i, (_, g) in enumerate(groups) if len(g) > FEW]
    said = words.join_and([f"{v} for " + (_names(g) if len(g) <= FEW else
                                          f"{len(g)} of the {p.total} countries" if i == counted[0] else str(len(g)))
                           for i, (v, g) in enumerate(groups)])
    return f"{said}; {theirs}" if said and theirs else said or theirs
