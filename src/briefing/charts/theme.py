"""The house theme, registered once: a colour-blind-safe palette that keeps 3:1
contrast against white, type readable at print size."""

from __future__ import annotations

import altair as alt
import pandas as pd

# The first five colour lines and their direct labels, so each keeps 3:1 contrast on
# white (WCAG non-text contrast) and every two of them stay at least CIEDE2000 10 apart
# for normal vision and simulated protanopia, deuteranopia and tritanopia
# (tests/unit/test_palette.py, with the coloraide package). Blue, vermillion and reddish
# purple are Okabe-Ito's; their green and darkened orange were too close to blue under
# tritanopia (7.5) and to vermillion under deuteranopia (1.4), so a darker green and
# Paul Tol's indigo replace them. Sky blue and black complete the set for stacked bars,
# where segments are separated by white rules.
PALETTE = ["#0072B2", "#D55E00", "#386038", "#A8507F", "#332288", "#56B4E9", "#000000", "#6B6B6B"]
MUTED = "#B8B8B8"  # lines of context series
LABEL_GREY = "#6B6B6B"  # their labels: 5.3:1 on white
FONT = "DejaVu Sans, Noto Sans CJK JP, sans-serif"
WIDTH = 560
HEIGHT = 300
LABEL_SIZE = 12  # px, the font size of direct labels at line ends, of callouts and of values beside bars
# Every text of a chart is drawn at LABEL_SIZE or more but for a few short ones at SMALL_SIZE (event
# names over a plot, a year by a dot, a break's name): on a phone's frame too (charts.frames).
SMALL_SIZE = 10
NOTE_GREY = "#444444"


def note_mark(text: str) -> alt.Chart:
    """One line of text where a chart has nothing to draw (its section says why)."""
    return alt.Chart(pd.DataFrame({"text": [text]})).mark_text(fontSize=LABEL_SIZE, color=NOTE_GREY).encode(text="text:N")


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
            # The y axis stands a little off the plot, so its lowest label never meets the x
            # axis's first one at the origin ('0' beside '2015'), however narrow the plot.
            "axisY": {"offset": 6},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal",
                       "orient": "bottom", "direction": "horizontal", "columns": 6,
                       # Two legends below a chart stand one above the other, not side by side.
                       "layout": {"bottom": {"anchor": "start", "direction": "vertical", "margin": 6}}},
            "header": {"labelFontSize": 12, "titleFontSize": 12},
            "title": {"fontSize": 14, "anchor": "start", "fontWeight": "normal"},
            "line": {"strokeWidth": 2},
            "point": {"size": 40, "filled": True},
            "text": {"fontSize": LABEL_SIZE},
        }
    }
