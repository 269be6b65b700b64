"""Source notes under figures and cited tables of published figures."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from briefing import units, words
from briefing.metrics.facts import cite
from briefing.prose.tables import with_data


def source_note(sources: Iterable[str], names: dict[str, str]) -> str:
    """'Source: World Bank WDI; NCSES SEI.' from the sources used, in order of first use."""
    used = list(dict.fromkeys(s for s in sources if isinstance(s, str) and s))
    return "Source: " + "; ".join(names.get(s, s) for s in used) + "."


def own_names_note(own_names: pd.DataFrame, codes: Iterable[str]) -> str:
    """' Names in their own script: Unicode CLDR 47.' when a country of `codes` is named so, else ''."""
    used = own_names[own_names["code"].isin(set(codes))]
    releases = sorted({source.split(",")[0] for source in used["source"]})
    return f" Names in their own script: {'; '.join(releases)}." if releases else ""


def format_value(value: float, unit: str) -> str:
    """A cited fact's value as its document printed it: the unit's form (`briefing.units`)
    with as many decimals as the value was typed with, never fewer than the unit's."""
    if units.unit(unit).kind in ("rank", "year", "list", "flag", "text"):
        return units.show(value, unit)
    typed = repr(float(value)).rstrip("0").rstrip(".")
    decimals = len(typed.split(".")[1]) if "." in typed else 0
    return units.show(value, unit, decimals=max(decimals, 0 if units.unit(unit).kind in ("count", "amount")
                                                 else units.unit(unit).decimals))


def facts_table(facts: pd.DataFrame, ids: list[str], names: dict[str, str]) -> pd.DataFrame:
    """The cited facts `ids`, in that order: statement, value, document and locator (the fact ids
    stay in the data files and the methods appendix, out of the reading flow; the table's CSV
    has them, each value as a number beside its unit in words, and its year or span as
    `year_start`, `year_end`)."""
    rows = cite(facts, ids)
    years = rows["year"].astype(str).str.split("-")  # '2015-2019', '2024' or none (a fact of no year)
    data = rows.assign(value=rows["value"].astype(float), year_start=_year(years.str[0]), year_end=_year(years.str[-1]),
                       unit=rows["unit"].map(lambda u: units.unit(u).wording if units.known(u) else u))
    data = data[["id", "statement", "value", "unit", "year_start", "year_end", "country", "source_id", "locator"]]
    return with_data(pd.DataFrame({
        "Figure": rows["statement"],
        "Value": [format_value(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)],
        "Source": [f"{names.get(s, s)}, {loc}" for s, loc in zip(rows["source_id"], rows["locator"], strict=True)],
    }), data)


def _year(parts: pd.Series) -> pd.Series:
    return pd.to_numeric(parts, errors="coerce").astype("Int64")


def outside_window(facts: pd.DataFrame, ids: list[str], start: int, end: int, names: dict[str, str]) -> str:
    """One sentence for the published figures a section names that lie outside the edition's
    window: 'The figures Fuyuno (2020), Nature Index gives for 2023 lie outside this edition's
    window (2014–2022), so they are not compared.'; '' when there are none."""
    if not ids:
        return ""
    cited = cite(facts, ids)
    by_source: dict[str, list[str]] = {}
    for source, year in zip(cited["source_id"], cited["year"].astype(str), strict=True):
        by_source.setdefault(names.get(source, source), []).append(year.replace("-", "\u2013"))
    said = words.join_and([f"{name} gives for {words.join_and(list(dict.fromkeys(years)))}"
                           for name, years in by_source.items()])
    one = len(cited) == 1
    return (f"The {'figure' if one else 'figures'} {said} {'lies' if one else 'lie'} outside this edition's window "
            f"({words.span(start, end)}), so {'it is' if one else 'they are'} not compared.")
