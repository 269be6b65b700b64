"""Cited facts: the one lookup of hand-typed facts (`data/curated/facts.csv`) by id.

Fact ids read `<prefix>.<measure>.<key>[.<key>...].<year or period>`, e.g.
`seed.ni_share.KR.US.2023`. A section names the facts it cites in a parameter ending
`_facts`; `briefing run` checks those ids before a notebook starts, and `cite` checks
them again where they are used, so an unknown id is bad input (exit status 2) naming
the id and who asked for it, never a silent gap or a failed section."""

from __future__ import annotations

import pandas as pd

from briefing.errors import InputError

FACTS_FILE = "data/curated/facts.csv"


def unknown_ids(facts: pd.DataFrame, ids: list[str]) -> list[str]:
    known = set(facts["id"])
    return [i for i in ids if i not in known]


def cite(facts: pd.DataFrame, ids: list[str], asked_by: str = "a section parameter") -> pd.DataFrame:
    """The facts `ids`, in that order, with the id's parts: `measure` (second part) and
    `keys` (the parts between the measure and the last)."""
    missing = unknown_ids(facts, ids)
    if missing:
        raise InputError(asked_by, f"fact id {missing[0]!r} is not in {FACTS_FILE}"
                                   + (f" (nor {len(missing) - 1} more)" if len(missing) > 1 else ""))
    rows = facts.set_index("id").loc[list(ids)].reset_index()
    parts = rows["id"].str.split(".")
    return rows.assign(measure=parts.str[1], keys=parts.str[2:-1])


def inside_window(facts: pd.DataFrame, ids: list[str], start: int, end: int) -> tuple[list[str], list[str]]:
    """(the ids whose year, or both ends of whose span, lie in start–end; the others), each in order:
    a published figure is compared only where the edition's window reaches it."""
    years = cite(facts, ids).set_index("id")["year"].astype(str)
    inside = [i for i in ids if all(start <= int(y) <= end for y in years[i].split("-") if y)]
    return inside, [i for i in ids if i not in inside]
