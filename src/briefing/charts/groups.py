"""Countries in colour, the rest in grey: one rule for every chart, so that a country keeps one
colour across every chart of an edition (and of its series).

The colour belongs to the country's role in the edition: the focus pair, in code order, takes the
palette's first two colours and the poles, in the edition's order, the next two; any further
country a chart highlights takes the colours after those, in the order given. A country no chart
highlights is drawn grey, as context. Builders learn the roles from their inputs: a `highlight`
list is [focus_a, focus_b, pole_a, pole_b, ...] (as the section notebooks pass it), a focus pair
and poles are named."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing import countries
from briefing.charts.theme import LABEL_GREY, MUTED, PALETTE

OTHER = "Other countries"
FOCUS_COLOURS = PALETTE[:2]
POLE_COLOURS = PALETTE[2:4]
MORE_COLOURS = PALETTE[4:5]  # the palette's colours checked for lines (tests/unit/test_palette.py)


def country_colours(focus: list[str], poles: list[str] = (), more: list[str] = ()) -> dict[str, str]:
    """code -> colour: the focus pair in code order, then the poles, then `more` (a country named
    twice keeps its first colour)."""
    colours: dict[str, str] = {}
    for codes, palette in ((sorted(focus), FOCUS_COLOURS), (list(poles), POLE_COLOURS), (list(more), MORE_COLOURS)):
        for code, colour in zip([c for c in codes if c not in colours], palette, strict=False):
            colours[code] = colour
    return colours


def highlight_colours(highlight: list[str]) -> dict[str, str]:
    """The colours of a `highlight` list: [focus_a, focus_b, pole_a, pole_b, further countries...]."""
    return country_colours(highlight[:2], highlight[2:4], highlight[4:])


def colour_scale(colours: dict[str, str], present, other: bool = False) -> alt.Scale:
    """A scale from country names to their colours, for the codes in `present` (in the order of
    `colours`), and OTHER in grey when `other`."""
    shown = [code for code in colours if code in set(present)]
    domain = [countries.name(code) for code in shown] + ([OTHER] if other else [])
    return alt.Scale(domain=domain, range=[colours[code] for code in shown] + ([MUTED] if other else []))


def highlighted(frame: pd.DataFrame, highlight: list[str]) -> tuple[pd.DataFrame, alt.Scale]:
    """Add `name` and `group` (the country's name if highlighted, else OTHER), and the scale
    colouring each group."""
    names = frame["country"].map(countries.name)
    colours = highlight_colours(highlight)
    group = names.where(frame["country"].isin(list(colours)), OTHER)
    scale = colour_scale(colours, set(frame["country"]), other=bool((group == OTHER).any()))
    return frame.assign(name=names, group=group), scale


def label_scale(scale: alt.Scale) -> alt.Scale:
    """The same colours for direct labels, with the grey of context series darkened for legibility."""
    return alt.Scale(domain=scale.domain, range=[LABEL_GREY if c == MUTED else c for c in scale.range])
