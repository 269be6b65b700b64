"""The chart palette: the five colours used for lines and labels keep 3:1 contrast on
white and stay apart for readers with a colour-vision deficiency; the colour maths is
checked against published reference values."""

from __future__ import annotations

import pytest

from briefing.charts.colours import MACHADO_2009, closest_pairs, contrast_ratio, delta_e2000, seen_as
from briefing.charts.theme import LABEL_GREY, PALETTE

LINE_COLOURS = PALETTE[:5]
MIN_CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11, non-text contrast
MIN_DELTA_E = 10.0  # CIEDE2000 between any two line colours, in every vision simulated


@pytest.mark.parametrize("colour", LINE_COLOURS)
def test_line_colours_meet_non_text_contrast_on_white(colour):
    assert contrast_ratio(colour, "#FFFFFF") >= MIN_CONTRAST, colour


def test_label_grey_meets_text_contrast():
    assert contrast_ratio(LABEL_GREY) >= 4.5


@pytest.mark.parametrize("vision", ["normal", *MACHADO_2009])
def test_line_colours_stay_apart_under_colour_vision_deficiency(vision):
    distance, a, b = closest_pairs(LINE_COLOURS)[vision]
    assert distance >= MIN_DELTA_E, f"{vision}: {a} and {b} are only {distance:.1f} apart (CIEDE2000)"


def test_the_check_catches_the_old_orange():
    """The palette's former fifth colour, a darkened Okabe-Ito orange, looked like vermillion
    to a deuteranope: the check must say so."""
    distance, a, b = closest_pairs(["#D55E00", "#B07800"])["deuteranopia"]
    assert distance < 2


def test_contrast_ratio_reference_values():
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey passing AA


@pytest.mark.parametrize(("lab1", "lab2", "expected"), [
    # Sharma, Wu & Dalal (2005), test data for CIEDE2000, pairs 1, 2, 3, 7, 13, 21, 24.
    ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
    ((50, 3.1571, -77.2803), (50, 0, -82.7485), 2.8615),
    ((50, 2.8361, -74.02), (50, 0, -82.7485), 3.4412),
    ((50, 0, 0), (50, -1, 2), 2.3669),
    ((50, 2.5, 0), (73, 25, -18), 27.1492),
    ((50, 2.5, 0), (50, 3.2972, 0), 1.0),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
])
def test_ciede2000_matches_sharma_reference(lab1, lab2, expected):
    assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_simulation_keeps_greys_grey_and_white_white():
    """Machado's matrices map neutral colours to themselves (rows sum to 1)."""
    for vision in MACHADO_2009:
        light, a, b = seen_as("#FFFFFF", vision)
        assert light == pytest.approx(100, abs=0.5) and abs(a) < 1 and abs(b) < 1
        assert delta_e2000(seen_as("#777777", vision), seen_as("#777777", "normal")) < 1
