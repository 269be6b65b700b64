"""Numbers as readers read them, for any layer (the indicator registry at validate, prose in the
sections) without importing the prose package."""

from __future__ import annotations

import math


def num(value: float, digits: int = 1) -> str:
    """1234.5 -> '1,234.5'; NaN -> 'n/a'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:,.{digits}f}"
