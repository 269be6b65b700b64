"""The sentence an edition owes its readers when its focus pair is not wholly inside the
named region it ranks pairs in: `briefing new --extend-region` adds the focus countries to
the region's countries and records them as `region.added`."""

from __future__ import annotations

from briefing.markup import literal
from briefing.words import names


def added_sentence(edition_region_added: list[str], region_name: str) -> str:
    """'South Korea is not among the South Asia countries; this edition adds it to the region's
    pairs.' ('' when nothing was added). The region's name is used as the chapters use it, before
    "countries" ("the pairs of ASEAN countries"), which reads for every named region."""
    added = list(edition_region_added)
    if not added:
        return ""
    verb, pronoun = ("is", "it") if len(added) == 1 else ("are", "them")
    return (f"{names(added)} {verb} not among the {literal(region_name)} countries; this edition adds {pronoun} "
            "to the region's pairs.")
