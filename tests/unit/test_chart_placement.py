"""Label placement for charts (briefing.charts.placement, textsize): on tiny inputs, in
pixels. The exported figures are checked for overlap in Chromium:
tests/print/test_print_default.py and tests/print/test_figures_ci.py."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.charts import placement
from briefing.charts.textsize import text_height, text_width


def test_text_width_follows_the_font_and_the_size():
    assert text_width("iiii", 10) < text_width("MMMM", 10)
    assert text_width("Japan", 20) == pytest.approx(2 * text_width("Japan", 10))
    assert text_width("日本", 10) == pytest.approx(20.0)  # an ideograph is one em
    assert text_width("ab\nabcd", 10) == text_width("abcd", 10)  # the longest line
    assert text_height(10, lines=2) > text_height(10)


def test_linear_scale_converts_both_ways_and_flips_upward():
    y = placement.LinearScale(0, 50, 200, upward=True)
    assert y.px(50) == 0 and y.px(0) == 200 and y.value(y.px(12.5)) == pytest.approx(12.5)
    x = placement.LinearScale(10, 20, 100)
    assert x.px(15) == 50


@pytest.mark.parametrize(("values", "zero", "expected"), [
    ([99.8, 269.3], False, (80, 280)),
    ([3.2, 48.1], True, (0, 50)),
    ([0.65, 4.94], False, (0.5, 5.0)),
])
def test_nice_domain_rounds_outward_to_a_round_step(values, zero, expected):
    assert placement.nice_domain(values, zero=zero) == pytest.approx(expected)


def test_point_positions_match_vega_lites_point_scale():
    assert placement.point_positions([2015, 2016, 2017, 2018], 400) == {2015: 50, 2016: 150, 2017: 250, 2018: 350}


def test_repel_keeps_order_gap_and_bounds_and_leaves_free_labels_alone():
    placed = placement.repel([100, 102, 104, 300], 14, 0, 400)
    assert placed[3] == 300  # nothing near it: not moved
    assert placed[0] < placed[1] < placed[2]
    assert all(b - a >= 14 - 1e-9 for a, b in zip(placed[:3], placed[1:3], strict=False))
    assert sum(placed[:3]) / 3 == pytest.approx(102)  # the block stays centred on its points
    squeezed = placement.repel([5, 6, 7], 14, 0, 400)
    assert min(squeezed) >= 0 and squeezed == sorted(squeezed)


def test_end_label_positions_are_a_line_apart_inside_the_plot():
    y = placement.LinearScale(0, 100, 300, upward=True)
    values = pd.Series([50.0, 50.5, 51.0, 99.9], index=list("abcd"))
    placed = placement.end_label_positions(values, y, 11)
    pixels = sorted(y.px(v) for v in placed)
    assert all(b - a >= text_height(11) for a, b in zip(pixels, pixels[1:], strict=False))
    assert min(pixels) >= text_height(11) / 2 - 1e-9  # the top label is not cut by the plot's edge


def _lane(labels: dict[int, str], width: float) -> pd.DataFrame:
    years = list(range(2015, 2024))
    marks = pd.DataFrame({"year": list(labels), "label": list(labels.values())})
    return placement.event_lane(marks, placement.point_positions(years, width), width)


def _crossings(lane: pd.DataFrame, width: float) -> list[str]:
    """Labels that overlap in a row, and rules that cross a lower label."""
    x = placement.point_positions(list(range(2015, 2024)), width)
    spans = []
    for r in lane.itertuples():
        w = text_width(r.label, placement.EVENT_FONT)
        left = x[r.year] + 3 if r.lane_align == "left" else x[r.year] - 3 - w
        spans.append((r.lane_row, left, left + w, x[r.year], r.label))
    bad = []
    for row, a, b, rule, label in spans:
        for other_row, c, d, _, other in spans:
            if other != label and other_row == row and a < d and c < b:
                bad.append(f"{label} overlaps {other}")
            if other != label and other_row < row and c <= rule <= d:
                bad.append(f"the rule of {label} crosses {other}")
    return bad


def test_event_labels_step_up_so_no_rule_crosses_a_label():
    lane = _lane({2018: "China Initiative (US)", 2019: "Japan export controls (JP)", 2021: "NSPM-33 (US)"}, 370)
    assert _crossings(lane, 370) == []
    assert set(lane["lane_align"]) == {"left"}
    assert lane.set_index("year")["lane_row"].to_dict() == {2018: 2, 2019: 1, 2021: 0}


def test_event_labels_near_the_right_edge_turn_to_the_left_of_their_rules():
    labels = {2018: "China Initiative (US)", 2020: "Export Control Law (CN)", 2021: "NSPM-33 (US)",
              2022: "CHIPS and Science Act (US)"}
    lane = _lane(labels, 250)
    assert set(lane["lane_align"]) == {"right"}
    assert _crossings(lane, 250) == []


def test_events_far_apart_share_the_lowest_row():
    lane = _lane({2015: "A (US)", 2022: "B (CN)"}, 500)
    assert list(lane["lane_row"]) == [0, 0]


def test_place_labels_avoids_lines_points_and_each_other():
    segment = ((0.0, 50.0), (200.0, 50.0))  # a line right through the first anchor
    obstacles = placement.Obstacles([segment], [placement.point_box(100, 50, 4)])
    boxes = placement.place_labels([(100, 50, 4, "Japan"), (100, 50, 4, "South Korea")], obstacles, 200, 200, 11)
    first, second = boxes
    assert not first.crossed_by(*segment) and not second.crossed_by(*segment)
    assert not first.meets(second)
    assert all(b.x0 >= 0 and b.x1 <= 200 and b.y0 >= 0 and b.y1 <= 200 for b in boxes)


def test_optional_labels_are_left_out_when_there_is_no_room():
    crowded = placement.Obstacles([], [placement.Rect(0, 0, 60, 60)])
    assert placement.place_labels([(30, 30, 2, "2015")], crowded, 60, 60, 10, required=False) == [None]
