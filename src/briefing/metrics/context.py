"""The policy context: dated events from the series' curated documents, placed on a timeline."""

from __future__ import annotations

import pandas as pd

from briefing import countries

# Kinds of act in the order a reader weighs them; the chart's legend and shapes follow it.
KINDS = ["law", "executive order/memorandum", "guideline", "programme", "trade measure", "agreement",
         "budget", "statement"]


def jurisdiction_name(code: str) -> str:
    return countries.GROUPS.get(code, countries.name(code))


def citation(source_ids: pd.Series, locators: pd.Series, names: dict[str, str]) -> list[str]:
    """'Glosserman (2024), The Japan Times, para beginning …' for each row: its document's short
    name and the place in it."""
    return [f"{names.get(s, s)}, {loc}" for s, loc in zip(source_ids, locators, strict=True)]


def timeline(events: pd.DataFrame, start: int, end: int, jurisdictions: list[str] | None = None) -> pd.DataFrame:
    """Events with a plotting date (the middle of the period the date names), their
    jurisdiction's name, and whether they fall inside the analysis window, by date."""
    rows = events if not jurisdictions else events[events["jurisdiction"].isin(jurisdictions)]
    first = pd.to_datetime(rows["date"].where(rows["date_precision"] != "year", rows["date"] + "-01"), format="mixed")
    span = rows["date_precision"].map({"year": 182, "month": 14, "day": 0})
    plotted = first + pd.to_timedelta(span, unit="D")
    out = rows.assign(
        plot_date=plotted.dt.strftime("%Y-%m-%d"),
        jurisdiction_name=rows["jurisdiction"].map(jurisdiction_name).astype("str"),
        in_window=(rows["year"] >= start) & (rows["year"] <= end),
    )
    return out.sort_values(["date", "id"]).reset_index(drop=True)


def on_chart(line: pd.DataFrame, start: int) -> pd.DataFrame:
    """The events the timeline draws: from the window's first year on (earlier ones stay in
    the table and are named in the text, so one old event does not stretch the axis),
    with the citation of each and the order of its row."""
    shown = line[line["year"] >= start].reset_index(drop=True)
    return shown.assign(order=range(len(shown)))


def before_window(line: pd.DataFrame, start: int) -> pd.DataFrame:
    return line[line["year"] < start].reset_index(drop=True)


def events_in_window(line: pd.DataFrame) -> int:
    """How many events fall inside the window."""
    return int(line["in_window"].sum())


def laws_in_window(acts: pd.DataFrame) -> int:
    """How many of the window's events are laws (`acts_by_jurisdiction`)."""
    return int(acts["laws"].map(len).sum())


def counts_in_window(line: pd.DataFrame) -> pd.DataFrame:
    """Events inside the window per jurisdiction, most first."""
    inside = line[line["in_window"]]
    counts = inside.groupby(["jurisdiction", "jurisdiction_name"]).size().rename("events").reset_index()
    return counts.sort_values(["events", "jurisdiction"], ascending=[False, True]).reset_index(drop=True)


def acts_by_jurisdiction(line: pd.DataFrame) -> pd.DataFrame:
    """Inside the window, per jurisdiction: its events, its laws (short names, by date) and
    the kinds of its other acts (in KINDS order); jurisdictions with most events first."""
    inside = line[line["in_window"]]
    rows = []
    for (code, name), acts in inside.groupby(["jurisdiction", "jurisdiction_name"], sort=True):
        laws = acts[acts["kind"] == "law"]
        others = [k for k in KINDS if k in set(acts["kind"]) and k != "law"]
        rows.append({"jurisdiction": code, "jurisdiction_name": name, "events": len(acts),
                     "laws": list(laws["short"]), "law_dates": list(laws["date"]), "other_kinds": others})
    table = pd.DataFrame(rows, columns=["jurisdiction", "jurisdiction_name", "events", "laws", "law_dates",
                                        "other_kinds"])
    return table.sort_values(["events", "jurisdiction"], ascending=[False, True], kind="stable").reset_index(drop=True)


def markers(events: pd.DataFrame, ids: list[str], start: int, end: int) -> pd.DataFrame:
    """The named events that fall inside the window, as chart annotations: year, short
    label (with its jurisdiction), title; staggered rows so neighbouring labels do not collide."""
    missing = sorted(set(ids) - set(events["id"]))
    if missing:
        raise KeyError(f"marker events not among this series' curated events (events.csv): {missing}")
    chosen = events[events["id"].isin(ids) & (events["year"] >= start) & (events["year"] <= end)]
    chosen = chosen.sort_values(["date", "id"]).reset_index(drop=True)
    label = chosen["short"] + " (" + chosen["jurisdiction"] + ")"
    return chosen.assign(label=label, row=chosen.index % 3)[
        ["id", "year", "date", "jurisdiction", "kind", "title", "label", "row"]]
