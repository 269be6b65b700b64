"""Where a chart's labels go, worked out in pixels before Vega draws them, so that labels
do not overlap each other, the lines they label or the data points:

- `repel`: end labels beside the last points, pushed apart no more than they must;
- `event_lane`: event labels in a lane of their own above the plot area, each joined to
  its date by a dashed rule that no other label crosses (`event_layer` draws them);
- `place_labels`: labels set around points (a map's latest and first years), clear of
  every trail, point and label already placed.

A builder that uses these sets its scales explicitly (`LinearScale`, `point_positions`),
so pixels and data units convert exactly; text sizes come from `charts.textsize`.
`tests/print/test_figures_overlap.py` checks the exported SVGs in Chromium."""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from briefing.charts.textsize import text_height, text_width
from briefing.charts.theme import SMALL_SIZE

EVENT_FONT = SMALL_SIZE
EVENT_COLOUR = "#444444"
EVENT_GAP = 6  # px between the plot's top edge and the lowest row of event labels
OVERHANG = 24  # px an event label may run past the plot's edge (over the axis labels' column)
LABEL_PAD = 2.0  # px kept clear around a label
BOLD = 1.12  # DejaVu Sans Bold runs this much wider than the regular weight


@dataclass(frozen=True)
class LinearScale:
    """A linear scale with an exact domain: `upward` for a y axis whose values grow up."""

    low: float
    high: float
    length: float
    upward: bool = False

    def px(self, value: float) -> float:
        t = (value - self.low) / (self.high - self.low)
        return self.length * (1 - t) if self.upward else self.length * t

    def value(self, px: float) -> float:
        t = px / self.length
        return self.low + (1 - t if self.upward else t) * (self.high - self.low)

    def scale(self, **kwargs) -> alt.Scale:
        return alt.Scale(domain=[self.low, self.high], nice=False, zero=False, **kwargs)


def nice_domain(values, zero: bool = False, ticks: int = 10) -> tuple[float, float]:
    """A domain around `values` on a round step (1, 2, 2.5 or 5 times a power of ten)."""
    low, high = float(min(values)), float(max(values))
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    span = high - low or abs(high) or 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step


def point_positions(keys: list, length: float, padding: float = 0.5) -> dict:
    """Pixel centre of each key on an ordinal axis of `length` px: Vega-Lite's point scale
    (padding 0.5) and the centres of its band scale for bars coincide."""
    step = length / max(len(keys) - 1 + 2 * padding, 1)
    return {key: step * (padding + i) for i, key in enumerate(keys)}


def repel(wanted: list[float], size: float, low: float, high: float) -> list[float]:
    """Positions as near `wanted` as they can be, kept in order, at least `size` apart and
    within [low, high]: overlapping labels form a block centred on what they label."""
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    blocks: list[list[int]] = []
    for i in order:
        blocks.append([i])
        while len(blocks) > 1 and _first(blocks[-2], wanted, size, low, high) + len(blocks[-2]) * size > \
                _first(blocks[-1], wanted, size, low, high):
            blocks[-2:] = [blocks[-2] + blocks[-1]]
    placed = [0.0] * len(wanted)
    for block in blocks:
        first = _first(block, wanted, size, low, high)
        for k, i in enumerate(block):
            placed[i] = first + k * size
    return placed


def _first(block: list[int], wanted: list[float], size: float, low: float, high: float) -> float:
    centre = sum(wanted[i] for i in block) / len(block)
    first = centre - (len(block) - 1) * size / 2
    return min(max(first, low), max(high - (len(block) - 1) * size, low))


def end_label_positions(values: pd.Series, scale: LinearScale, size: float) -> pd.Series:
    """Where each series' end label goes (data units): beside its last value, pushed apart
    so labels of `size` px keep a line apart, inside the plot."""
    line = text_height(size) + 1
    wanted = [scale.px(v) for v in values]
    placed = repel(wanted, line, line / 2, scale.length - line / 2)
    return pd.Series([scale.value(p) for p in placed], index=values.index)


def event_lane(marks: pd.DataFrame, x_px: dict, width: float, size: float = EVENT_FONT) -> pd.DataFrame:
    """Rows and sides for event labels above the plot: `marks` has `year` (a key of `x_px`)
    and `label`. Row 0 is nearest the plot. Every label sits right of its rule, or, when
    they would run past the plot's right edge, every label left of it; a label that would
    cover another event's rule goes above that event's label, so no rule crosses a label.
    Labels are placed starting from the side they face away from."""
    width_of = {i: text_width(str(marks.at[i, "label"]), size) for i in marks.index}
    x_of = {i: x_px[marks.at[i, "year"]] for i in marks.index}
    overflow = {"left": sum(max(0.0, x_of[i] + 3 + width_of[i] - width - OVERHANG) for i in marks.index),
                "right": sum(max(0.0, width_of[i] + 3 - x_of[i] - OVERHANG) for i in marks.index)}
    side = "left" if overflow["left"] <= overflow["right"] else "right"
    order = sorted(marks.index, key=lambda i: ((-1 if side == "left" else 1) * x_of[i], str(marks.at[i, "label"])))
    placed: list[tuple[int, float, float, float]] = []  # row, left, right, rule x
    rows = {}
    for i in order:
        x, w = x_of[i], width_of[i]
        left, right = (x + 3, x + 3 + w) if side == "left" else (x - 3 - w, x - 3)
        rows[i] = min(range(len(marks)), key=lambda row: (_lane_conflicts(placed, row, left, right, x), row))
        placed.append((rows[i], left, right, x))
    return marks.assign(lane_row=[rows[i] for i in marks.index], lane_align=side)


def _lane_conflicts(placed, row: int, left: float, right: float, x: float) -> int:
    """How many placed labels a label at `row` from `left` to `right` (its rule at `x`) would
    run into: one in its row, one below that its rule crosses, one above whose rule it covers."""
    return sum((other_row == row and left < b + 6 and a < right + 6)
               or (other_row < row and a - 2 <= x <= b + 2)
               or (other_row > row and left - 2 <= other_x <= right + 2)
               for other_row, a, b, other_x in placed)


def event_layer(lane: pd.DataFrame, x: alt.X, height: float, size: float = EVENT_FONT) -> alt.LayerChart:
    """Dashed rules at each event's date through the plot (of `height` px), rising into the
    lane above it to the event's label; `lane` comes from `event_lane`."""
    line = text_height(size) + 2
    layers = []
    tooltip = [alt.Tooltip("date:N", title="Date"), alt.Tooltip("title:N", title="Event")]
    for row in sorted(lane["lane_row"].unique()):
        base = alt.Chart(lane[lane["lane_row"] == row]).encode(x=x, tooltip=tooltip)
        bottom = -(EVENT_GAP + row * line)
        layers.append(base.mark_rule(strokeDash=[4, 3], color="#555555", strokeWidth=1,
                                     y=bottom - text_height(size) + 2, y2=height))
        for side, dx in (("left", 3), ("right", -3)):
            rows = lane[(lane["lane_row"] == row) & (lane["lane_align"] == side)]
            if len(rows):
                layers.append(alt.Chart(rows).encode(x=x, text="label:N", tooltip=tooltip).mark_text(
                    align=side, baseline="bottom", dx=dx, y=bottom, fontSize=size, color=EVENT_COLOUR))
    return alt.layer(*layers)


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, other: Rect) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def crossed_by(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether the segment a-b passes through the rectangle (Liang-Barsky)."""
        (x0, y0), (x1, y1) = a, b
        dx, dy = x1 - x0, y1 - y0
        low, high = 0.0, 1.0
        for p, q in ((-dx, x0 - self.x0), (dx, self.x1 - x0), (-dy, y0 - self.y0), (dy, self.y1 - y0)):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            low, high = (max(low, t), high) if p < 0 else (low, min(high, t))
            if low > high:
                return False
        return True


# Directions to try around a point, in order of preference: right, then the diagonals, left, above, below.
DIRECTIONS = [0, 30, -30, 60, -60, 180, 150, -150, 90, -90, 120, -120]


@dataclass
class Obstacles:
    """What a label may not cover, in pixels: line segments, point boxes, placed labels."""

    segments: list[tuple[tuple[float, float], tuple[float, float]]]
    boxes: list[Rect]

    def clear(self, box: Rect) -> bool:
        padded = Rect(box.x0 - LABEL_PAD, box.y0 - LABEL_PAD, box.x1 + LABEL_PAD, box.y1 + LABEL_PAD)
        return not any(padded.meets(b) for b in self.boxes) and \
            not any(padded.crossed_by(a, b) for a, b in self.segments)


def place_labels(anchors: list[tuple[float, float, float, str]], obstacles: Obstacles, width: float,
                 height: float, size: float, required: bool = True, bold: bool = False) -> list[Rect | None]:
    """For each anchor (x, y, radius of its point, text; lines split by newlines) in pixels:
    the box of a label set around it, clear of `obstacles` and of labels placed before it
    (which join the obstacles), inside the plot. With `required` False a label that finds
    no clear place is left out (None); otherwise it takes the first place inside the plot."""
    spots: list[Rect | None] = []
    for x, y, radius, text in anchors:
        w = text_width(text, size) * (BOLD if bold else 1)
        h = text_height(size, text.count("\n") + 1)
        chosen, fallback = None, None
        for distance in (radius + 3, radius + 9, radius + 17, radius + 27):
            for angle in DIRECTIONS:
                box = _box_at(x, y, distance, angle, w, h)
                if box.x0 < 0 or box.y0 < 0 or box.x1 > width or box.y1 > height:
                    continue
                fallback = fallback or box
                if obstacles.clear(box):
                    chosen = box
                    break
            if chosen:
                break
        chosen = chosen or (fallback if required else None)
        if chosen is None:
            spots.append(None)
            continue
        obstacles.boxes.append(chosen)
        spots.append(chosen)
    return spots


def _box_at(x: float, y: float, distance: float, angle: float, w: float, h: float) -> Rect:
    """The label box whose nearest edge faces the point from `angle` degrees (0 = right, 90 = up)."""
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    ax, ay = x + distance * cos, y - distance * sin
    left = ax if cos > 0.3 else ax - w if cos < -0.3 else ax - w / 2
    top = ay - h if sin > 0.3 else ay if sin < -0.3 else ay - h / 2
    return Rect(left, top, left + w, top + h)


def series_obstacles(frame: pd.DataFrame, x: str, y: str, series: str, x_px, y_px, radius: float) -> Obstacles:
    """The lines joining each series' points (ordered by `x`) and the points themselves, in
    pixels; `x_px` and `y_px` turn data values into pixels."""
    segments, boxes = [], []
    for _, rows in frame.dropna(subset=[y]).sort_values(x).groupby(series, sort=False):
        points = [(x_px(a), y_px(b)) for a, b in zip(rows[x], rows[y], strict=True)]
        segments += polyline_segments(points)
        boxes += [point_box(px, py, radius) for px, py in points]
    return Obstacles(segments, boxes)


def label_boxes(rows: pd.DataFrame, x_px, y_px, text: str, size: float, dx: float) -> list[Rect]:
    """Boxes of left-aligned, vertically centred labels `dx` px right of (x, label_y)."""
    h = text_height(size)
    return [Rect(x_px(a) + dx, y_px(b) - h / 2, x_px(a) + dx + text_width(str(t), size), y_px(b) + h / 2)
            for a, b, t in zip(rows["year"], rows["label_y"], rows[text], strict=True)]


def polyline_segments(points: list[tuple[float, float]]) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    return list(zip(points, points[1:], strict=False))


def point_box(x: float, y: float, radius: float) -> Rect:
    return Rect(x - radius, y - radius, x + radius, y + radius)


def end_labels(data: pd.DataFrame, y: str, series: str, scale: LinearScale, size: float) -> pd.DataFrame:
    """The last point of each series in `data` (by `year`), with `label_y` (data units) where
    its label goes: beside it, pushed apart from the others (`end_label_positions`)."""
    last = data.dropna(subset=[y]).sort_values("year").groupby(series).tail(1)
    return last.assign(label_y=end_label_positions(last[y], scale, size))


def event_marks(events: pd.DataFrame | None, years: list, width: float, height: float,
                x: alt.X | None = None) -> list[alt.LayerChart]:
    """The event layer for a yearly chart `width` x `height` px whose x axis holds `years`
    (ordinal): [] when there are no events."""
    if events is None or events.empty:
        return []
    lane = event_lane(events[events["year"].isin(years)], point_positions(list(years), width), width)
    return [event_layer(lane, x or alt.X("year:O", bandPosition=0.5), height)]
