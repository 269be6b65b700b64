"""Highlighting a few countries in colour, the rest in grey: one rule for every chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from briefing import countries
from briefing.charts.theme import LABEL_GREY, MUTED, PALETTE

OTHER = "Other countries"


def highlighted(frame: pd.DataFrame, highlight: list[str]) -> tuple[pd.DataFrame, alt.Scale]:
    """Add `name` and `group` (the country's name if highlighted, else OTHER)."""
    names = frame["country"].map(countries.name)
    group = names.where(frame["country"].isin(highlight), OTHER)
    domain = [countries.name(c) for c in highlight if c in set(frame["country"])]
    if (group == OTHER).any():
        domain.append(OTHER)
    colours = PALETTE[: len(domain) - (OTHER in domain)] + ([MUTED] if OTHER in domain else [])
    return frame.assign(name=names, group=group), alt.Scale(domain=domain, range=colours)


def label_scale(scale: alt.Scale) -> alt.Scale:
    """The same colours for direct labels, with the grey of context series darkened for legibility."""
    return alt.Scale(domain=scale.domain, range=[LABEL_GREY if c == MUTED else c for c in scale.range])
