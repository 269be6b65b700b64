"""The affinity index in tables and sentences (`metrics.pairs.affinity`): co-authorship adjusted
for the size of both countries, beside the raw shares, so a pair that grows only because both
countries publish more abroad is not read as a closer partnership."""

from __future__ import annotations

import pandas as pd

from briefing import units, words
from briefing.prose import fmt
from briefing.prose.patterns import who_moved
from briefing.prose.tables import with_data
from briefing.quality.patterns import pattern
from briefing.quality.turns import noise


def _ends(aff: pd.DataFrame) -> pd.DataFrame:
    """Per pair: its first and latest year in the table and the index then."""
    ordered = aff.sort_values("year")
    first = ordered.groupby("pair").head(1).set_index("pair")
    last = ordered.groupby("pair").tail(1).set_index("pair")
    return pd.DataFrame({"year_start": first["year"], "start": first["affinity"], "year_end": last["year"],
                         "end": last["affinity"]})


def _ends_data(ends: pd.DataFrame) -> pd.DataFrame:
    """`_ends` for a table's CSV: the pair's codes, the index in its first and latest year and
    the change in per cent."""
    data = ends.rename(columns={"start": "affinity_start", "end": "affinity_end"}).rename_axis("pair").reset_index()
    return data.assign(change_pct=[units.moved(a, b, "affinity") for a, b in
                                   zip(data["affinity_start"], data["affinity_end"], strict=True)])


def show(value: float) -> str:
    return units.show(value, "affinity")


def pair_table(aff: pd.DataFrame, pairs: list[str]) -> pd.DataFrame:
    """A row a pair: the index in its first and latest year, and the change in per cent."""
    ends = _ends(aff).reindex([p for p in pairs if p in set(aff["pair"])])
    return with_data(pd.DataFrame({
        "Pair": [words.pair_name(p) for p in ends.index],
        "Years": [words.span(a, b) for a, b in zip(ends["year_start"], ends["year_end"], strict=True)],
        "Affinity, first year": ends["start"].map(show).to_numpy(),
        "Affinity, latest year": ends["end"].map(show).to_numpy(),
        "Change": [units.change_short(a, b, "works") for a, b in zip(ends["start"], ends["end"], strict=True)],
    }), _ends_data(ends))


def pair_sentence(aff: pd.DataFrame, focus: str) -> str:
    """'Adjusted for the size of both countries, Japan and South Korea wrote 1.95 times the works
    their links predict in 2023, against 2.65 in 2015: closer than their size suggests, less so
    than in 2015.'"""
    ends = _ends(aff)
    if focus not in ends.index:
        return ""
    r = ends.loc[focus]
    a, b = focus.split("-")
    moved = units.move_kind(r["start"], r["end"], "affinity")
    then = ("about as in" if abs(moved) <= noise("affinity") else "more so than in" if r["end"] > r["start"] and
            r["end"] > 1 else "less so than in" if r["end"] > 1 else "against")
    closeness = ("closer than their size suggests" if r["end"] > 1 else "less close than their size suggests")
    return (f"Adjusted for the size of both countries, {fmt.the(a)} and {fmt.the(b)} wrote {show(r['end'])} times the "
            f"works their links to all partners predict in {int(r['year_end'])}, against {show(r['start'])} in "
            f"{int(r['year_start'])}: {closeness}, {then} {int(r['year_start'])}.")


def pole_table(aff: pd.DataFrame, countries: list[str], poles: list[str]) -> pd.DataFrame:
    """A row a country: its index with each pole, first and latest year."""
    ends = _ends(aff)
    years = (int(ends["year_start"].min()), int(ends["year_end"].max())) if len(ends) else (0, 0)
    table = pd.DataFrame({"Country": [fmt.name(c) for c in countries]})
    for pole in poles:
        keys = ["-".join(sorted((c, pole))) if c != pole else None for c in countries]
        for label, column in ((years[0], "start"), (years[1], "end")):
            table[f"With {fmt.name(pole)}, {label}"] = [show(ends.loc[k, column]) if k in ends.index else "—"
                                                         for k in keys]
    table = table[[bool(set(row[1:]) - {"—"}) for row in table.itertuples(index=False)]]
    rows = [(c, pole, "-".join(sorted((c, pole)))) for c in countries for pole in poles if c != pole]
    data = pd.DataFrame(rows, columns=["country", "pole", "pair"]).merge(
        _ends_data(ends), on="pair", how="inner", validate="m:1")
    return with_data(table, data.drop(columns=["pair", "change_pct"]))


def pole_sentences(aff: pd.DataFrame, countries: list[str], poles: list[str]) -> str:
    """Who grew closer to each pole once size is taken out, named on the smaller side."""
    ends = _ends(aff)
    lines = []
    for pole in poles:
        change = {c: units.move_kind(ends.loc[k, "start"], ends.loc[k, "end"], "affinity")
                  for c in countries if c != pole and (k := "-".join(sorted((c, pole)))) in ends.index}
        if len(change) >= 2:
            lines.append(f"Adjusted for size, affinity with {fmt.the(pole)} "
                         f"{who_moved(pattern(change, noise('affinity')))} over the window.")
    return "\n".join(lines)
