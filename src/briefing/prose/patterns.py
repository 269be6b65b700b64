"""A pattern across countries in words (`quality.patterns`): the many counted, the few named
(STYLE: "for 10 of the 11 countries (all but Singapore)", never "for every country but ten")."""

from __future__ import annotations

from briefing import words
from briefing.quality.patterns import Pattern

FEW = 3  # at most this many are named


def _names(codes) -> str:
    return words.join_and([words.the(c) for c in codes])


def who_moved(p: Pattern, rose: str = "rose", fell: str = "fell") -> str:
    """'rose for every country', 'rose for every country but Taiwan, where it fell', 'rose for 9
    of the 12 countries', 'rose for South Korea, fell for Japan and was about unchanged for Germany'."""
    groups = [(v, g) for v, g in ((rose, p.up), (fell, p.down), ("was about unchanged", p.flat)) if g]
    if p.direction is not None:
        verb = rose if p.direction == "up" else fell
        if not p.exceptions:
            return f"{verb} for every country"
        if len(p.exceptions) > FEW:
            return f"{verb} for {len(p.shared)} of the {p.total} countries"
        rest = [(v, g) for v, g in groups if v != verb]
        if len(rest) == 1:
            return f"{verb} for every country but {_names(rest[0][1])}, where it {rest[0][0]}"
        return (f"{verb} for every country but {_names(p.exceptions)}: it "
                + words.join_and([f"{v} for {_names(g)}" for v, g in rest]))
    counted = [i for i, (_, g) in enumerate(groups) if len(g) > FEW]
    return words.join_and([f"{v} for " + (_names(g) if len(g) <= FEW else
                                          f"{len(g)} of the {p.total} countries" if i == counted[0] else str(len(g)))
                           for i, (v, g) in enumerate(groups)])
