"""The policy context: dated events from the seed documents, placed on a timeline."""

from __future__ import annotations

import pandas as pd

from briefing import countries


def jurisdiction_name(code: str) -> str:
    return countries.GROUPS.get(code, countries.name(code))


def timeline(events: pd.DataFrame, start: int, end: int, jurisdictions: list[str] | None = None) -> pd.DataFrame:
    """Events with a plotting date (the middle of the period the date names), their
    jurisdiction's name, and whether they fall inside the analysis window."""
    rows = events if not jurisdictions else events[events["jurisdiction"].isin(jurisdictions)]
    first = pd.to_datetime(rows["date"].where(rows["date_precision"] != "year", rows["date"] + "-01"), format="mixed")
    span = rows["date_precision"].map({"year": 182, "month": 14, "day": 0})
    plotted = first + pd.to_timedelta(span, unit="D")
    out = rows.assign(
        plot_date=plotted.dt.strftime("%Y-%m-%d"),
        jurisdiction_name=rows["jurisdiction"].map(jurisdiction_name),
        in_window=(rows["year"] >= start) & (rows["year"] <= end),
    ).sort_values(["date", "id"]).reset_index(drop=True)
    # Events of one jurisdiction in the same year share a row: give each its own lane.
    return out.assign(lane=out.groupby(["jurisdiction", "year"]).cumcount())


def counts_in_window(line: pd.DataFrame) -> pd.DataFrame:
    """Events inside the window per jurisdiction, most first."""
    inside = line[line["in_window"]]
    counts = inside.groupby(["jurisdiction", "jurisdiction_name"]).size().rename("events").reset_index()
    return counts.sort_values(["events", "jurisdiction"], ascending=[False, True]).reset_index(drop=True)


def markers(events: pd.DataFrame, ids: list[str], start: int, end: int) -> pd.DataFrame:
    """The named events that fall inside the window, as chart annotations: year, short
    label (with its jurisdiction), title; staggered rows so neighbouring labels do not collide."""
    missing = sorted(set(ids) - set(events["id"]))
    if missing:
        raise KeyError(f"events not in data/curated/events.csv: {missing}")
    chosen = events[events["id"].isin(ids) & (events["year"] >= start) & (events["year"] <= end)]
    chosen = chosen.sort_values(["date", "id"]).reset_index(drop=True)
    label = chosen["short"] + " (" + chosen["jurisdiction"] + ")"
    return chosen.assign(label=label, row=chosen.index % 3)[
        ["id", "year", "date", "jurisdiction", "kind", "title", "label", "row"]]
