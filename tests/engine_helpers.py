"""Tiny OpenAlex work records written inline, for the engine tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd

from briefing.engine.aggregate import Options, aggregate


def authorship(*countries: str, corresponding: bool | None = False, institutions: list[str | None] | None = None
               ) -> dict:
    """One authorship: its countries, and institutions with these country codes (default: the countries)."""
    codes = list(countries) if institutions is None else institutions
    return {"author": {"id": "https://openalex.org/A1", "display_name": "A"},
            "countries": list(countries), "is_corresponding": corresponding,
            "institutions": [{"id": "https://openalex.org/I1", "country_code": c} for c in codes]}


def work(n: int, *authorships: dict, year: int = 2020, field: str | None = "Computer Science",
         subfield: str = "Artificial Intelligence") -> dict:
    topic = None if field is None else {"id": "https://openalex.org/T1", "display_name": "t",
                                        "field": {"id": 17, "display_name": field},
                                        "subfield": {"id": 1702, "display_name": subfield}}
    return {"id": f"https://openalex.org/W{n}", "title": f"Work {n}", "publication_year": year,
            "primary_topic": topic, "authorships": list(authorships)}


def write_jsonl(path: Path, works: list[dict], gz: bool = True) -> Path:
    text = "".join(json.dumps(w) + "\n" for w in works).encode()
    path.write_bytes(gzip.compress(text, mtime=0) if gz else text)
    return path


def run(tmp_path: Path, works: list[dict], **options) -> dict[str, pd.DataFrame]:
    """Aggregate `works` with DuckDB; the three tables plus 'result'."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = write_jsonl(tmp_path / "works.jsonl.gz", works)
    out = tmp_path / "out"
    result = aggregate([source], out, Options(**options))
    tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in ("pairs", "country_output", "partners")}
    return {**tables, "result": result}


def select(frame: pd.DataFrame, counting: str = "full", attribution: str = "all") -> pd.DataFrame:
    rows = frame[(frame["counting"] == counting) & (frame["attribution"] == attribution)]
    return rows.reset_index(drop=True)
