"""Sentences of the policy-context section."""

from __future__ import annotations

import pandas as pd

from briefing.prose import fmt


def window_summary(line: pd.DataFrame, counts: pd.DataFrame, start: int, end: int) -> str:
    inside = line[line["in_window"]]
    if inside.empty:
        return f"The seed documents record no policy event between {start} and {end}."
    leaders = counts[counts["events"] == counts["events"].max()]
    lead = fmt.join_and(list(leaders["jurisdiction_name"]))
    first, last = inside.iloc[0], inside.iloc[-1]
    laws = int((inside["kind"] == "law").sum())
    each = " each" if len(leaders) > 1 else ""
    return (f"The seed documents record {len(inside)} policy events between {start} and {end}, "
            f"from {len(counts)} jurisdictions; {lead} account{'s' if len(leaders) == 1 else ''} for the most "
            f"({int(leaders['events'].iloc[0])}{each}).\n"
            f"{laws} of them are laws; the first in the window is {first['title']} ({first['date']}), "
            f"the latest {last['title']} ({last['date']}).")


def timeline_alt(line: pd.DataFrame) -> str:
    return (f"Timeline of {len(line)} policy events from {line['date'].min()[:4]} to {line['date'].max()[:4]}, "
            f"one row per jurisdiction ({fmt.join_and(list(dict.fromkeys(line['jurisdiction_name'])))}), "
            f"marked by kind of act; the analysis window is shaded.")


def events_table(line: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "Date": line["date"],
        "Jurisdiction": line["jurisdiction_name"],
        "Kind": line["kind"],
        "Event": line["title"],
        "Source": [f"{names.get(s, s)}, {loc}" for s, loc in zip(line["source_id"], line["locator"], strict=True)],
        "In window": line["in_window"].map({True: "yes", False: ""}),
    })


def highlights(line: pd.DataFrame, counts: pd.DataFrame, start: int, end: int) -> list[dict]:
    inside = line[line["in_window"]]
    if counts.empty:
        return []
    top = counts.iloc[0]
    return [{"finding": f"context.events_in_window.{start}-{end}", "figure": "fig-ctx-timeline",
             "text": f"The seed documents record {len(inside)} policy events on research security and "
                     f"collaboration between {start} and {end}, most of them in {top['jurisdiction_name']} "
                     f"({int(top['events'])})."}]
