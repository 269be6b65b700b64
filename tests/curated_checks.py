"""Checks shared by the tests of the hand-typed tables (data/curated/facts.csv and events.csv):
reading them as plain CSV, the shape of the rows, and quotes found verbatim in the seeds."""

from __future__ import annotations

import csv
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [dict(zip(header, rec, strict=False)) for rec in reader]
    return header, rows


def check_shape(path: Path, header: list[str], id_pattern: re.Pattern, minimum: int) -> None:
    """The exact header, at least `minimum` rows, whole rows, unique ids of the right form."""
    found, rows = load_rows(path)
    assert found == header
    assert len(rows) >= minimum, f"only {len(rows)} rows"
    short = [r.get("id", "?") for r in rows if len(r) != len(header) or None in r.values()]
    assert not short, f"rows with a wrong number of fields: {short}"
    ids = [r["id"] for r in rows]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate ids: {dupes}"
    bad = [i for i in ids if not id_pattern.match(i)]
    assert not bad, f"ids not matching {id_pattern.pattern}: {bad}"


def check_quotes(rows: list[dict[str, str]]) -> None:
    """Every quote occurs verbatim (whitespace collapsed) in its seed file, at most 300 characters."""
    texts: dict[str, str] = {}
    failing = []
    for row in rows:
        path = SEEDS_DIR / row["seed_file"]
        if row["seed_file"] not in texts:
            texts[row["seed_file"]] = collapse(path.read_text(encoding="utf-8")) if path.is_file() else ""
        quote = collapse(row["quote"])
        if not quote or len(row["quote"]) > 300 or quote not in texts[row["seed_file"]]:
            failing.append(row["id"])
    assert not failing, f"quotes not found verbatim (or empty / over 300 chars) in their seed: {failing}"
