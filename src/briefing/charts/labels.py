"""Direct labels that do not overlap."""

from __future__ import annotations

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
