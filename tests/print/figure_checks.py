"""The overlap check of every exported figure of a published edition, shared by the default
edition's and the CI edition's tests. A figure whose builder another part of the code base
owns and has not yet moved to `briefing.charts.placement` is listed in PENDING with the
reason, and checked by an expected-failure test instead."""

from __future__ import annotations

from pathlib import Path

from tests.print.svg_overlap import measure, problems

# Builders outside charts/placement's reach yet: their owners call the placement pass.
PENDING = {
    "fig-gerd-intensity": "charts/funding.py (indicators): end labels of series that stop early sit on the "
                          "lines that go on; placement.end_labels / place_labels not yet called there",
}


def figure_problems(figures: Path, page) -> dict[str, list[str]]:
    """Overlaps found in each `fig-*.svg` of `figures`, by label."""
    found = {}
    for svg in sorted(figures.glob("fig-*.svg")):
        found[svg.stem] = problems(measure(page, svg))
    return found
