"""The chart palette: the five colours used for lines and labels keep 3:1 contrast on
white and stay apart for readers with a colour-vision deficiency. The colour science is
the `coloraide` package's (a test extra): WCAG 2.1 contrast, CIEDE2000 differences, and
deficiencies simulated with the matrices of Machado, Oliveira & Fernandes (2009) at full
severity; it is checked here against published reference values."""

from __future__ import annotations

from itertools import combinations

import pytest
from coloraide import Color

from briefing.charts.theme import LABEL_GREY, PALETTE

LINE_COLOURS = PALETTE[:5]
MIN_CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11, non-text contrast
MIN_DELTA_E = 10.0  # CIEDE2000 between any two line colours, in every vision simulated
VISIONS = {"normal": None, "protanopia": "protan", "deuteranopia": "deutan", "tritanopia": "tritan"}


def seen_as(colour: str, vision: str) -> Color:
    found = Color(colour)
    return found if VISIONS[vision] is None else found.filter(VISIONS[vision], method="machado")


def closest(palette: list[str], vision: str) -> tuple[float, str, str]:
    """The smallest CIEDE2000 difference between two colours of `palette` as seen with `vision`."""
    return min((seen_as(a, vision).delta_e(seen_as(b, vision), method="2000"), a, b)
               for a, b in combinations(palette, 2))


@pytest.mark.parametrize("colour", LINE_COLOURS)
def test_line_colours_meet_non_text_contrast_on_white(colour):
    assert Color(colour).contrast("#FFFFFF", method="wcag21") >= MIN_CONTRAST, colour


def test_label_grey_meets_text_contrast():
    assert Color(LABEL_GREY).contrast("#FFFFFF", method="wcag21") >= 4.5


@pytest.mark.parametrize("vision", VISIONS)
def test_line_colours_stay_apart_under_colour_vision_deficiency(vision):
    distance, a, b = closest(LINE_COLOURS, vision)
    assert distance >= MIN_DELTA_E, f"{vision}: {a} and {b} are only {distance:.1f} apart (CIEDE2000)"


def test_the_check_catches_the_old_orange():
    """The palette's former fifth colour, a darkened Okabe-Ito orange, looked like vermillion
    to a deuteranope: the check must say so."""
    assert closest(["#D55E00", "#B07800"], "deuteranopia")[0] < 2


def test_contrast_reference_values():
    assert Color("#000000").contrast("#FFFFFF", method="wcag21") == pytest.approx(21.0)
    assert Color("#767676").contrast("#FFFFFF", method="wcag21") == pytest.approx(4.54, abs=0.01)  # lightest AA grey


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
    assert Color("lab-d65", list(lab1)).delta_e(Color("lab-d65", list(lab2)), method="2000") == pytest.approx(
        expected, abs=1e-4)


def test_simulation_keeps_greys_grey_and_white_white():
    """Machado's matrices map neutral colours to themselves (rows sum to 1)."""
    for vision in list(VISIONS)[1:]:
        light, a, b = seen_as("#FFFFFF", vision).convert("lab-d65").coords()
        assert light == pytest.approx(100, abs=0.5) and abs(a) < 1 and abs(b) < 1
        assert seen_as("#777777", vision).delta_e(Color("#777777"), method="2000") < 1
