"""Source notes under figures and cited tables of published figures."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from briefing.metrics.facts import cite
from briefing.prose import fmt


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
    if unit in ("pct", "pct_of_gdp"):
        return fmt.pct(value, 2 if unit == "pct_of_gdp" else 1)
    if unit == "pct_change":
        return fmt.signed_pct(value)
    if unit == "krw_bn":
        return f"₩{fmt.num(value, 0)} bn"
    if unit == "jpy_bn":
        return f"¥{fmt.num(value, 0)} bn"
    if unit == "usd_bn":
        return f"${fmt.num(value, 1)} bn"
    return fmt.num(value, 2 if value % 1 else 0)


def facts_table(facts: pd.DataFrame, ids: list[str], names: dict[str, str]) -> pd.DataFrame:
    """The cited facts `ids`, in that order: statement, value, document and locator (the fact ids
    stay in the data files and the methods appendix, out of the reading flow)."""
    rows = cite(facts, ids)
    return pd.DataFrame({
        "Figure": rows["statement"],
        "Value": [format_value(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)],
        "Source": [f"{names.get(s, s)}, {loc}" for s, loc in zip(rows["source_id"], rows["locator"], strict=True)],
    })
