"""The explorer's column files: a canonical table as typed-array columns a browser reads
without a library (`report/explore/explore.js` is the reader).

Format `briefing-columns` version 1, every integer little-endian:

    bytes 0-7     magic b"BRFCOL1\\n"
    bytes 8-11    uint32: n, the length of the header
    bytes 12-     n bytes of UTF-8 JSON (the header), padded with spaces so that 12 + n is a
                  multiple of 8
    then          the column buffers, each starting at a multiple of 8 (zero bytes between)

The header: {"format": "briefing-columns", "version": 1, "table": name, "rows": N,
"columns": [column, ...]} in the table's column order, where a column is either
{"name", "constant"} (one value in every row, no buffer) or {"name", "type", "offset",
"length"} with `type` one of uint8, uint16, uint32, int32, float64 and `offset` and
`length` in bytes from the start of the file. A text column is stored as indexes into its
sorted "dictionary" (a list of strings). A column with missing values has "valid":
{"offset", "length"}, one uint8 a row, 1 where the value is present (the value stored
there is 0 otherwise). Rows keep the order of the frame given."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from briefing.errors import InputError

MAGIC = b"BRFCOL1\n"
FORMAT = "briefing-columns"
VERSION = 1
ALIGN = 8
INTEGER_TYPES = [("uint8", "<u1", 0, 2**8 - 1), ("uint16", "<u2", 0, 2**16 - 1), ("uint32", "<u4", 0, 2**32 - 1),
                 ("int32", "<i4", -(2**31), 2**31 - 1)]


def _pad(size: int) -> int:
    return -size % ALIGN


def integer_type(values: np.ndarray) -> tuple[str, str]:
    """The smallest of the format's integer types that holds every value: (name, numpy dtype)."""
    low, high = (int(values.min()), int(values.max())) if len(values) else (0, 0)
    for name, dtype, least, most in INTEGER_TYPES:
        if least <= low and high <= most:
            return name, dtype
    raise ValueError(f"integers from {low} to {high} fit no type of the column format")


def encode_column(series: pd.Series, table: str) -> tuple[dict, list[bytes]]:
    """One column's header entry (without offsets) and its buffers: values, then validity if any."""
    name = str(series.name)
    valid = series.notna().to_numpy()
    if len(series) and series.nunique(dropna=False) == 1 and valid.all():
        value = series.iloc[0]
        return {"name": name, "constant": value.item() if hasattr(value, "item") else value}, []
    entry: dict = {"name": name}
    if pd.api.types.is_string_dtype(series) or series.dtype == object:
        if not valid.all():
            raise InputError(f"{table}.{name}", "a text column of the explorer's tables may not have missing values")
        dictionary = sorted(series.astype(str).unique())
        values = pd.Categorical(series.astype(str), categories=dictionary).codes.astype("int64")
        entry["dictionary"] = dictionary
    elif pd.api.types.is_integer_dtype(series) or pd.api.types.is_bool_dtype(series):
        values = series.fillna(0).to_numpy(dtype="int64")
    elif pd.api.types.is_float_dtype(series):
        entry["type"] = "float64"
        values = series.fillna(0.0).to_numpy(dtype="<f8")
    else:
        raise InputError(f"{table}.{name}", f"column type {series.dtype} has no form in the column format")
    if "type" not in entry:
        entry["type"], dtype = integer_type(values)
        values = values.astype(dtype)
    buffers = [values.tobytes()]
    if not valid.all():
        buffers.append(valid.astype("<u1").tobytes())
    return entry, buffers


def encode_table(frame: pd.DataFrame, table: str) -> bytes:
    """`frame` in the column format, every column in its order: same frame, same bytes."""
    entries, buffers = [], []
    for column in frame.columns:
        entry, column_buffers = encode_column(frame[column].reset_index(drop=True), table)
        entries.append(entry)
        buffers.append(column_buffers)
    sizes = [[len(b) for b in group] for group in buffers]
    header = _header(table, len(frame), entries, sizes)
    body = bytearray(header)
    for group in buffers:
        for buffer in group:
            body += buffer + bytes(_pad(len(buffer)))
    return bytes(body)


def _header(table: str, rows: int, entries: list[dict], sizes: list[list[int]]) -> bytes:
    """Magic, length and JSON header, with each buffer's offset: the offsets depend on the
    header's own length, so it is laid out until that length is stable."""
    length = 0
    while True:
        start = len(MAGIC) + 4 + length + _pad(len(MAGIC) + 4 + length)
        placed, at = [], start
        for entry, group in zip(entries, sizes, strict=True):
            entry = dict(entry)
            if group:
                entry.update(offset=at, length=group[0])
                at += group[0] + _pad(group[0])
            if len(group) > 1:
                entry["valid"] = {"offset": at, "length": group[1]}
                at += group[1] + _pad(group[1])
            placed.append(entry)
        text = json.dumps({"format": FORMAT, "version": VERSION, "table": table, "rows": rows, "columns": placed},
                          sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if len(text) <= length:
            padded = text + b" " * (start - len(MAGIC) - 4 - len(text))
            return MAGIC + len(padded).to_bytes(4, "little") + padded
        length = len(text)
