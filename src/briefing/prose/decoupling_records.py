"""Sentences and the table of the record-level comparison in the decoupling section."""

from __future__ import annotations

import pandas as pd

from briefing.prose import fmt

FIELD_NAMES = {"deep_learning": "deep learning", "quantum_computing": "quantum computing",
               "artificial_intelligence": "artificial intelligence", "semiconductors": "semiconductors"}


def field_name(field: str) -> str:
    return FIELD_NAMES.get(field, field.replace("_", " "))


def records_table(compare: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    measure = compare["measure"].map({"output": "of all its papers", "international": "of its international papers"})
    return pd.DataFrame({
        "Field": compare["field"].map(field_name),
        "Papers of": compare["country"].map(fmt.name),
        "With": compare["pole"].map(fmt.name),
        "Share": measure,
        "Published (essay)": compare["published_pct"].map(lambda v: fmt.pct(v, 0)),
        "From records (this build)": compare["records_pct"].map(lambda v: fmt.pct(v, 1) if pd.notna(v) else "no records"),
        "Papers counted": compare["papers"].map(lambda v: fmt.num(v, 0) if pd.notna(v) else "—"),
        "Years": compare["start"].astype(str) + "–" + compare["end"].astype(str),
    })


def records_summary(compare: pd.DataFrame, fields: list[str], present: list[str], start: int, end: int) -> str:
    """Which fields have records in this build, and how the measures compare where they do."""
    missing = [f for f in fields if f not in present]
    lines = []
    if present:
        lines.append(f"This build holds records for {fmt.join_and([field_name(f) for f in present])}: each paper is "
                     f"attributed to its corresponding author's country, as in the essay, and pooled over "
                     f"{start}–{end}.")
        matched = compare.dropna(subset=["records_pct"])
        for row in matched.itertuples():
            lines.append(f"In {field_name(row.field)}, papers with {fmt.the(row.pole)} were "
                         f"{fmt.pct(row.records_pct, 1)} of {fmt.possessive(row.country)} "
                         f"{'international ' if row.measure == 'international' else ''}papers in these records, "
                         f"against {fmt.pct(row.published_pct, 0)} in the essay.")
    if missing:
        lines.append(f"No records of {fmt.join_and([field_name(f) for f in missing])} are snapshotted in this build, "
                     f"so the essay's published figures stand for them; `briefing fetch --live --records` or "
                     f"`briefing fetch --records-from` adds them.")
    return "\n".join(lines)
