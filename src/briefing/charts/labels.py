"""Labels a reader reads without effort: direct labels that do not overlap (`dodge`; for
placement in pixels see `charts.placement`) and axes in the units a reader uses ($ bn, %)."""

from __future__ import annotations

import altair as alt
import pandas as pd


def dodge(values: pd.Series, min_gap: float) -> pd.Series:
    """Label positions near `values`, at least `min_gap` apart, keeping their order.

    Labels are pushed apart upward from the lowest, then the whole stack is shifted
    down by half its total drift so it stays centred on the data."""
    order = values.sort_values(kind="stable")
    placed: list[float] = []
    for value in order:
        placed.append(value if not placed else max(value, placed[-1] + min_gap))
    drift = sum(p - v for p, v in zip(placed, order, strict=True)) / max(len(placed), 1)
    shifted = pd.Series([p - drift / 2 for p in placed], index=order.index)
    return shifted.reindex(values.index)


def usd_millions_axis(title: str, per: str = "bn", **kwargs) -> alt.Axis:
    """An axis for values in US$ million that reads as a reader says them: "$40 bn" (per="bn")
    or "$250 m" (per="m"); `title` should then not repeat the unit's scale."""
    divisor = {"bn": 1000, "m": 1}[per]
    return alt.Axis(title=title, labelExpr=f"'$' + format(datum.value / {divisor}, ',~r') + ' {per}'", **kwargs)


def percent_axis(title: str, **kwargs) -> alt.Axis:
    """An axis of percentages whose labels carry the sign: "25%"."""
    return alt.Axis(title=title, labelExpr="format(datum.value, '~r') + '%'", **kwargs)
