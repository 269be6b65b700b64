"""The room a chart is drawn for, and how a builder fits its parts into it.

A builder draws a chart for a frame: `WIDE`, a laptop's or a tablet's column (and print, at
0.75 pt a pixel, within the text width), or `PHONE`, a 390 px phone's column. Text keeps one
size in every frame; what changes is the layout: fewer ticks, titles and labels that wrap or
move into a legend, panels stacked, a plot taller rather than narrower. `responsive` builds a
chart for every frame and carries the narrow ones in the wide spec's `usermeta` (which Vega
ignores), where the page's `assets/charts.js` takes the one that fits its container."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from briefing.charts.export import USERMETA, chart_spec
from briefing.charts.textsize import text_width

PADDING = 5  # px Vega-Lite leaves around a chart on each side
SLACK = 10  # px kept free in every frame: what the estimates of axes and labels below may miss
TICK = 5 + 2 + 6  # px of an axis tick, the padding between it and its labels, and a y axis's offset (theme)
TITLE_ROOM = 12 * 1.25 + 4  # px an axis title takes across its axis, with its padding


@dataclass(frozen=True)
class Frame:
    """A chart's room: `width` px for the whole of it, axes, labels and legend included."""

    name: str
    width: int

    @property
    def narrow(self) -> bool:
        return self.width < 480

    def plot_width(self, left: float, right: float = 0) -> int:
        """The plot's width when `left` px go to what stands left of it (a y axis) and `right`
        px to what stands right of it (direct labels)."""
        return int(self.width - left - right - 2 * PADDING - SLACK)

    def wrap(self, text: str, size: float, width: float | None = None) -> str | list[str]:
        """`text` in lines no wider than `width` px (default: the whole frame) at `size` px:
        the text itself when it fits on one line, else its lines (Vega-Lite draws a list of
        strings as lines)."""
        return wrap(text, size, width if width is not None else self.width - 2 * PADDING)


WIDE = Frame("wide", 620)  # 620 px print at 0.75 pt a pixel within the 16.6 cm text width
PHONE = Frame("phone", 340)  # a 390 px phone's column (358 px) and a 360 px phone's (328 px, at 96%)
FRAMES = (WIDE, PHONE)


def wrap(text: str, size: float, width: float) -> str | list[str]:
    """`text` broken between words into lines no wider than `width` px at `size` px."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines[0] if len(lines) == 1 else lines


def legend_labels(labels, width: float, size: float = 12) -> str:
    """A legend's `labelExpr` drawing each of `labels` wider than `width` px in lines no wider
    (a legend below a chart starts at its plot's left edge: its labels wrap to the plot's width)."""
    wrapped = {label: wrap(label, size, width) for label in labels}
    long = {label: lines for label, lines in wrapped.items() if isinstance(lines, list)}
    return f"{json.dumps(long, ensure_ascii=False)}[datum.label] || datum.label" if long else "datum.label"


def axis_width(labels, size: float = 12, title: bool = True) -> float:
    """Room a vertical axis takes beside its plot: its longest label, its ticks and its title."""
    longest = max((text_width(str(label), size) for label in labels), default=0.0)
    return longest + TICK + (TITLE_ROOM if title else 0)


def responsive(builder):
    """A builder that takes `within=` (a frame) drawn for every frame: called without it, it
    returns the wide chart carrying the narrower ones (`usermeta.briefing.variants`: each frame's
    name, width and Vega-Lite spec); called with one, that frame's chart alone."""

    @functools.wraps(builder)
    def build(*args, within: Frame | None = None, **kwargs):
        if within is not None:
            return builder(*args, within=within, **kwargs)
        narrow = [{"frame": f.name, "width": f.width, "spec": chart_spec(builder(*args, within=f, **kwargs))}
                  for f in FRAMES[1:]]
        chart = builder(*args, within=WIDE, **kwargs)
        return chart.properties(usermeta={USERMETA: {"frame": WIDE.name, "width": WIDE.width, "variants": narrow}})

    return build


def year_labels(years, width: float, size: float = 12) -> list:
    """The years to label on a year axis `width` px long: every year when their labels fit side
    by side, else every second (third...) year, counted back from the latest."""
    years = sorted(years)
    room = text_width("2000", size) + 8
    step = 1
    while len(years[::step]) * room > width and step < len(years):
        step += 1
    return sorted(years[::-1][::step])
