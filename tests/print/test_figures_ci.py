"""Every figure of a second edition (the CI edition: other countries, a shorter window)
passes the overlap check on its exported SVG, measured in Chromium (tests/print/svg_overlap.py)."""

from __future__ import annotations

import pytest

from briefing.report.site import version_dir
from tests.print.figure_checks import figure_problems

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def found(ci_build, svg_page) -> dict[str, list[str]]:
    return figure_problems(version_dir(ci_build.site, "ci", 1) / "figures", svg_page)


def test_every_figure_passes_the_overlap_check(found):
    assert len(found) >= 10
    assert {label: issues for label, issues in found.items() if issues} == {}
