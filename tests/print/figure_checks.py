"""The overlap check of every exported figure of a published edition, shared by the default
edition's and the CI edition's tests: every figure, none excused."""

from __future__ import annotations

from pathlib import Path

from tests.print.svg_overlap import measure, problems


def figure_problems(figures: Path, page) -> dict[str, list[str]]:
    """Overlaps found in each `fig-*.svg` of `figures`, by label."""
    found = {}
    for svg in sorted(figures.glob("fig-*.svg")):
        found[svg.stem] = problems(measure(page, svg))
    return found
