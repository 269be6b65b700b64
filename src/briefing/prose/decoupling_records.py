"""Sentences and the table of the record-level comparison in the decoupling section."""

from __future__ import annotations

import pandas as pd

from briefing.metrics.decoupling_records import reaches
from briefing.prose import fmt
from briefing.prose.tables import with_data

FIELD_NAMES = {"deep_learning": "deep learning", "quantum_computing": "quantum computing",
               "artificial_intelligence": "artificial intelligence", "semiconductors": "semiconductors"}


def field_name(field: str) -> str:
    return FIELD_NAMES.get(field, field.replace("_", " "))


def records_table(compare: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    measure = compare["measure"].map({"output": "of all its papers", "international": "of its international papers"})
    data = compare.rename(columns={"start": "year_start", "end": "year_end"})[
        ["field", "country", "pole", "measure", "published_pct", "records_pct", "papers", "year_start", "year_end",
         "source_id"]]
    return with_data(pd.DataFrame({
        "Field": compare["field"].map(field_name),
        "Papers of": compare["country"].map(fmt.name),
        "With": compare["pole"].map(fmt.name),
        "Share": measure,
        "Published (essay)": compare["published_pct"].map(lambda v: fmt.pct(v, 0)),
        "From records (this build)": compare["records_pct"].map(lambda v: fmt.pct(v, 1) if pd.notna(v) else "no records"),
        "Papers counted": compare["papers"].map(lambda v: fmt.num(v, 0) if pd.notna(v) else "—"),
        "Years": compare["start"].astype(str) + "–" + compare["end"].astype(str),
    }), data)


CLOSE_PP = 2.0  # a measured share within this many points of the essay's estimate bears it out


def outside(start: int, end: int, window: tuple[int, int] | None) -> str:
    """The sentence for a record period the edition's window does not hold; '' when it does."""
    if reaches(window, start, end):
        return ""
    return (f"The essay's period, {start}–{end}, reaches outside this edition's window ({window[0]}–{window[1]}), "
            f"so its figures are reported as published and not tested against this build's records.")


def records_summary(compare: pd.DataFrame, fields: list[str], present: list[str], start: int, end: int,
                    window: tuple[int, int] | None = None) -> str:
    """Which fields have records in this build, and how the measures compare where they do;
    with no records of any field, or a period outside the edition's `window`, the sentence that
    replaces the section (`fmt.omitted`)."""
    missing = [f for f in fields if f not in present]
    if outside(start, end, window):
        return fmt.omitted(outside(start, end, window))
    if not present:
        return fmt.omitted(
            f"This build holds no record-level papers of {fmt.join_and([field_name(f) for f in fields])}, so the "
            f"essay's figures stand as published and cannot be tested here: a test needs each field's papers of "
            f"{start}–{end}, each assigned to its corresponding author's country (the methods appendix says how "
            f"to add them).")
    lines = [f"This build holds records for {fmt.join_and([field_name(f) for f in present])}: each paper is "
             f"attributed to its corresponding author's country, as in the essay, and pooled over {start}–{end}."]
    for row in compare.dropna(subset=["records_pct"]).itertuples():
        lines.append(f"In {field_name(row.field)}, papers with {fmt.the(row.pole)} were "
                     f"{fmt.pct(row.records_pct, 1)} of {fmt.possessive(row.country)} "
                     f"{'international ' if row.measure == 'international' else ''}papers in these records, "
                     f"against {fmt.pct(row.published_pct, 0)} in the essay.")
    if missing:
        lines.append(f"No records of {fmt.join_and([field_name(f) for f in missing])} are in this build, so the "
                     f"essay's figures for {'it' if len(missing) == 1 else 'them'} stand as published.")
    return "\n".join(lines)


def verdict(found: pd.DataFrame, field: str = "deep_learning", why_not: str = "") -> str:
    """The verdict on the essay's 'up to nearly N%' from records (`metrics.decoupling_records.
    essay_verdict`), or what a verdict needs when the build has no such records; `why_not`: the
    sentence saying why records were not used (`outside`)."""
    if found.empty and why_not:
        return (f"A verdict on the essay's estimate that a break would touch up to nearly 15% of the research in "
                f"{field_name(field)} needs the field's papers at record level over the essay's period: "
                f"{why_not[0].lower()}{why_not[1:]}")
    if found.empty:
        return (f"A verdict on the essay's estimate that a break would touch up to nearly 15% of the research in "
                f"{field_name(field)} needs the field's papers at record level, each assigned to its corresponding "
                f"author's country: this build holds none, so the estimate is reported, not tested.")
    parts, judged = [], []
    for row in found.itertuples():
        parts.append(f"{fmt.pct(row.records_pct, 1)} of {fmt.possessive(row.country)} papers had a co-author in "
                     f"{fmt.the(row.pole)}")
        judged.append("close to" if abs(row.records_pct - row.published_pct) <= CLOSE_PP else
                      "above" if row.records_pct > row.published_pct else "below")
    same = len(set(judged)) == 1
    estimate = fmt.num(float(found["published_pct"].iloc[0]), 0)
    verdict_text = (f"{'both are' if len(judged) > 1 else 'that is'} {judged[0]} the essay's 'up to nearly "
                    f"{estimate}%'" if same else
                    "; ".join(f"{fmt.the(r.country)} is {j} it" for r, j in zip(found.itertuples(), judged, strict=True)))
    return (f"In this build's {field_name(field)} records for {int(found['start'].iloc[0])}–"
            f"{int(found['end'].iloc[0])}, {fmt.join_and(parts)}, the share a full break would touch: "
            f"{verdict_text}.")
