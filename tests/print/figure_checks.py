"""Checks of every exported figure of a published edition, shared by the default edition's, the
other focus pair's and the CI edition's tests: every figure, none excused.

- overlap: no text on another text, a plotted line or a point, none outside the chart;
- attachment: a line's name stands by the line's last point;
- the origin: the labels of the two axes never meet;
- colour: one country, one colour, across every chart of the edition."""

from __future__ import annotations

import re
from collections import defaultdict
from html import unescape
from pathlib import Path

from tests.print.svg_overlap import crowded_origin, detached_labels, measure, problems

TEXT = re.compile(r"<g class=\"mark-text role-mark[^\"]*\"[^>]*>(.*?)</g>", re.S)
ITEM = re.compile(r"<(text|path)\b([^>]*)>(.*?)</\1>|<path\b([^>]*)/>", re.S)
ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def figure_files(figures: Path) -> list[Path]:
    """Every figure's SVG: the chapters' (`fig-*.svg`) and the summary's key figures."""
    return sorted([*figures.glob("fig-*.svg"), *figures.glob("key-figures.svg")])


def figure_problems(figures: Path, page) -> dict[str, list[str]]:
    """Overlaps, names away from their lines and axis labels meeting, in each figure of `figures`
    (`figure_files`), by label."""
    found = {}
    for svg in figure_files(figures):
        measured = measure(page, svg)
        found[svg.stem] = problems(measured) + detached_labels(measured) + crowded_origin(measured)
    return found


def _grey(colour: str) -> bool:
    """Black, white and greys (context lines, labels, text) name no country."""
    value = colour.lstrip("#").lower()
    return len(value) != 6 or value[0:2] == value[2:4] == value[4:6]


def colours_by_country(figures: Path, names: set[str]) -> dict[str, set[str]]:
    """Every colour each country is drawn in, over every `fig-*.svg` of `figures`: the fill of a
    label that is the country's name, and the colour of a mark whose colour group is the country
    (its SVG names the group: "group: Japan"). Greys left out."""
    seen: dict[str, set[str]] = defaultdict(set)
    for svg in figure_files(figures):
        text = svg.read_text(encoding="utf-8")
        for group in TEXT.findall(text):
            for match in ITEM.finditer(group):
                if match.group(1) == "text":
                    attrs, name = dict(ATTR.findall(match.group(2))), unescape(re.sub(r"<[^>]+>", "", match.group(3)))
                    if name.strip() in names and not _grey(attrs.get("fill", "#000000")):
                        seen[name.strip()].add(attrs["fill"].upper())
        for attrs in (dict(ATTR.findall(m.group(2) or m.group(4) or "")) for m in ITEM.finditer(text)):
            fields = dict(part.split(": ", 1) for part in unescape(attrs.get("aria-label", "")).split("; ") if ": " in part)
            colour = attrs.get("fill") if attrs.get("fill", "none") != "none" else attrs.get("stroke")
            if fields.get("group") in names and colour and not _grey(colour):
                seen[fields["group"]].add(colour.upper())
    return dict(seen)
