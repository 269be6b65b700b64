"""Tables for readers and for machines: a pipe table for markdown outputs (pandoc and Quarto both
read them), and the numbers behind it, which a table carries for its CSV (`with_data`)."""

from __future__ import annotations

import re

import pandas as pd

NUMERIC = re.compile(r"^[\u2212+\-$]?[\d,]+(\.\d+)?( ?%| bn| pp)?$")
DATA = "data"  # the key of `DataFrame.attrs` under which a shown table carries its numbers


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


def with_data(table: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """`table`, formatted for readers, carrying `data`: the numbers it shows, one value a cell,
    in columns named for their unit (`works_start`, `share_pct`, `country` as a code), which
    `Section.table_output` writes as the table's CSV."""
    table.attrs[DATA] = data.reset_index(drop=True)
    return table


def data_of(table: pd.DataFrame) -> pd.DataFrame:
    """The frame a table's CSV holds: the numbers it carries (`with_data`), whole numbers written
    without a decimal point even beside a missing value; else the table itself (text only)."""
    data = table.attrs.get(DATA)
    if data is None:
        return table
    whole = {c: "Int64" for c in data.columns if pd.api.types.is_float_dtype(data[c]) and _whole(data[c])}
    return data.astype(whole)


def _whole(column: pd.Series) -> bool:
    values = column.dropna()
    return bool(len(values)) and bool((values == values.round()).all()) and bool((values.abs() < 2**53).all())
