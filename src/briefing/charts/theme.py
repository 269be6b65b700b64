"""The house theme, registered once: a colour-blind-safe palette that keeps 3:1
contrast against white, type readable at print size."""

from __future__ import annotations

import altair as alt

# Okabe-Ito hues (distinct under the common colour-vision deficiencies). The first
# five are darkened where the original falls below 3:1 contrast on white, so lines
# and labels of up to five series meet WCAG non-text contrast; sky blue and black
# complete the set for stacked bars, where segments are separated by white rules.
PALETTE = ["#0072B2", "#D55E00", "#007A5E", "#A8507F", "#B07800", "#56B4E9", "#000000", "#6B6B6B"]
MUTED = "#B8B8B8"  # lines of context series
LABEL_GREY = "#6B6B6B"  # their labels: 5.3:1 on white
FONT = "DejaVu Sans, Noto Sans CJK JP, sans-serif"
WIDTH = 560
HEIGHT = 300


@alt.theme.register("briefing", enable=True)
def briefing_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "range": {"category": PALETTE},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal",
                     "gridColor": "#E4E4E4", "domainColor": "#888888", "tickColor": "#888888",
                     "labelColor": "#333333", "titleColor": "#333333"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal",
                       "orient": "bottom", "direction": "horizontal", "columns": 6},
            "header": {"labelFontSize": 12, "titleFontSize": 12},
            "title": {"fontSize": 14, "anchor": "start", "fontWeight": "normal"},
            "line": {"strokeWidth": 2},
            "point": {"size": 40, "filled": True},
            "text": {"fontSize": 11},
        }
    }


def country_colours(highlight: list[str]) -> alt.Scale:
    """A colour scale giving each highlighted country its own hue, in a stable order."""
    return alt.Scale(domain=list(highlight), range=PALETTE[: len(highlight)])
