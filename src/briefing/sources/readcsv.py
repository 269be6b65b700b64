"""Reading native CSV files with one clear message per problem.

Every error names the file, the line (1-based, as an editor shows it) or the
column, and the rule broken."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from briefing.errors import InputError
from briefing.tables import YEAR


def read_text(path: Path) -> str:
    """The file as text; UTF-8 with or without a byte-order mark, nothing else."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror})") from None
    if not data.strip():
        raise InputError(str(path), "file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}, line {line}", "not valid UTF-8 (wrong encoding?)") from None


def read_csv(path: Path, columns: list[str], *, sep: str = ",", skip_lines: int = 0) -> pd.DataFrame:
    """All cells as strings (no NA guessing: Namibia is 'NA'), with the required columns.

    The returned frame carries a `_line` column: the file line of each row."""
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    body = "".join(lines[skip_lines:])
    try:
        frame = pd.read_csv(io.StringIO(body), sep=sep, dtype=str, keep_default_na=False,
                            na_filter=False, quoting=csv.QUOTE_MINIMAL, engine="python")
    except (pd.errors.ParserError, csv.Error) as exc:
        # The parser counts lines from the header it was given; report file lines.
        detail = re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) + skip_lines}", str(exc))
        raise InputError(str(path), f"not a well-formed CSV ({detail})") from None
    except pd.errors.EmptyDataError:
        raise InputError(str(path), "file has no header row") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns[:8]))
        raise InputError(str(path), f"missing column(s) {missing}; header has: {found} "
                                    f"(wrong delimiter or wrong file?)")
    if frame.empty:
        raise InputError(str(path), "file has a header but no data rows")
    frame["_line"] = range(skip_lines + 2, skip_lines + 2 + len(frame))
    return frame


def fail_at(path: Path, frame: pd.DataFrame, bad: pd.Series, column: str, rule: str) -> None:
    """Raise for the first row where `bad` is true, naming line, column and value."""
    if bool(bad.any()):
        row = frame[bad].iloc[0]
        value = row[column] if column in frame.columns else ""
        raise InputError(f"{path}, line {row['_line']}, column '{column}'", f"{rule} (got {value!r})")


def to_int(path: Path, frame: pd.DataFrame, column: str, *, minimum: int | None = 0,
           maximum: int | None = None) -> pd.Series:
    """The column as int64; non-integers and values outside [`minimum`, `maximum`] are errors."""
    stripped = frame[column].str.strip()
    numbers = pd.to_numeric(stripped, errors="coerce")
    fail_at(path, frame, numbers.isna() | (numbers != numbers.round()), column, "not an integer")
    if minimum is not None:
        fail_at(path, frame, numbers < minimum, column, f"must be >= {minimum}")
    if maximum is not None:
        fail_at(path, frame, numbers > maximum, column, f"must be <= {maximum}")
    return numbers.astype("int64")


def to_year(path: Path, frame: pd.DataFrame, column: str) -> pd.Series:
    """A year column, in the range the canonical tables accept (schemas.YEAR), checked
    here so that a year out of range is reported with its line in the file."""
    return to_int(path, frame, column, minimum=YEAR["ge"], maximum=YEAR["le"])


def to_float(path: Path, frame: pd.DataFrame, column: str, *, missing: tuple[str, ...] = ("",),
             minimum: float | None = None) -> pd.Series:
    """The column as float64; cells in `missing` become NaN, other non-numbers are errors."""
    stripped = frame[column].str.strip()
    is_missing = stripped.isin(missing)
    numbers = pd.to_numeric(stripped.where(~is_missing), errors="coerce")
    fail_at(path, frame, numbers.isna() & ~is_missing, column, "not a number")
    if minimum is not None:
        fail_at(path, frame, numbers < minimum, column, f"must be >= {minimum}")
    return numbers.astype("float64")


def check_unique(path: Path, frame: pd.DataFrame, keys: list[str]) -> None:
    dup = frame.duplicated(subset=keys, keep="first")
    if bool(dup.any()):
        row = frame[dup].iloc[0]
        key = ", ".join(f"{k}={row[k]}" for k in keys)
        raise InputError(f"{path}, line {row['_line']}", f"duplicate key ({key})")
