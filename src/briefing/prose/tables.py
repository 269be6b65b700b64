"""Pipe tables for markdown outputs (pandoc and Quarto both read them)."""

from __future__ import annotations

import re

import pandas as pd

NUMERIC = re.compile(r"^[\u2212+\-$]?[\d,]+(\.\d+)?( ?%| bn| pp)?$")


def pipe_table(frame: pd.DataFrame) -> str:
    """`frame` (cells already formatted as text) as a markdown pipe table; numeric
    columns right-aligned."""
    cells = frame.astype(str).map(lambda v: v.replace("|", "\\|").replace("\n", " "))
    header = [str(c) for c in frame.columns]
    align = []
    for column in cells.columns:
        values = [v for v in cells[column] if v not in ("", "n/a", "—")]
        numeric = bool(values) and all(NUMERIC.match(v) for v in values)
        align.append("---:" if numeric else ":---")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in cells.itertuples(index=False, name=None)]
    return "\n".join(lines) + "\n"
