"""Links from the chapters' figures to the explorer (`explore.html`) with their pair, country
and partner, or region chosen, derived from the columns of each figure's data (its CSV):

- `pair` and `rank` (a region's pairs ranked): the edition's region, the latest year, the
  focus pair (the row marked `is_focus`, else the first);
- `pair` (pairs' series): the focus pair (`is_focus`), else the first row's;
- `pole_a` and `pole_b` without `country` (the poles' own pair): that pair;
- `country` with `partner`, `pole` or `pole_a`, and a `year` column (a country's share with a
  partner): the first row's country and partner.

Other figures (no pair in their data, or no years: periods, budgets) get no link."""

from __future__ import annotations

import csv
from pathlib import Path

from briefing import countries
from briefing.findings.ids import slug
from briefing.prose import fmt
from briefing.report.explore_page import PAGE

PARTNER_COLUMNS = ("partner", "pole", "pole_a")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pair_words(pair: str) -> str:
    return "–".join(countries.name(code) for code in pair.split("-"))


def figure_link(path: Path, region_name: str) -> dict[str, str] | None:
    """{"href", "text"} of the explorer view of the figure whose data is the CSV `path`, or None."""
    rows = _rows(path)
    if not rows:
        return None
    columns = set(rows[0])
    if {"pair", "rank", "year"} <= columns:
        latest = max(int(r["year"]) for r in rows)
        latest_rows = [r for r in rows if int(r["year"]) == latest]
        focus = next((r for r in latest_rows if r.get("is_focus") == "True"), latest_rows[0])
        return {"href": f"{PAGE}#region={slug(region_name)}&year={latest}&pair={focus['pair']}",
                "text": f"Explore the ranking of {region_name} pairs in {latest}, or of any region and year"}
    if "pair" in columns:
        return _pair_link(next((r for r in rows if r.get("is_focus") == "True"), rows[0])["pair"])
    if {"pole_a", "pole_b"} <= columns and "country" not in columns:
        return _pair_link(f"{rows[0]['pole_a']}-{rows[0]['pole_b']}")
    partner = next((c for c in PARTNER_COLUMNS if c in columns), None)
    if "country" in columns and partner and "year" in columns:
        country, other = rows[0]["country"], rows[0][partner]
        return {"href": f"{PAGE}#country={country}&partner={other}",
                "text": f"Explore {fmt.possessive(country)} share with {fmt.the(other)}, "
                        "or any country's with any partner"}
    return None


def _pair_link(pair: str) -> dict[str, str]:
    return {"href": f"{PAGE}#pair={pair}", "text": f"Explore {_pair_words(pair)}, or any other pair"}


def figure_links(figures: Path, region_name: str) -> dict[str, dict[str, str]]:
    """The explorer link of every figure in `figures` (label -> {"href", "text"}) that has one."""
    links = {}
    for path in sorted(figures.glob("fig-*.csv")):
        link = figure_link(path, region_name)
        if link:
            links[path.stem] = link
    return links


def pandoc_metadata(figures: Path, region_name: str) -> dict[str, dict[str, str]]:
    """`figure_links` as pandoc metadata (values are read as markdown, so made literal), for the
    html_charts.lua filter, which puts each link under its figure."""
    return {label: {key: fmt.literal(value) for key, value in link.items()}
            for label, link in figure_links(figures, region_name).items()}
