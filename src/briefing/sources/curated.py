"""Hand-typed data with a citation on every row: facts and events from published documents
(`facts.csv`, `events.csv`), countries' own names (`data/curated/country_names.csv`).

A series brings its own (`curated:` in params: a folder of `events.csv`, `facts.csv` and
`documents.yml`, and a folder of the documents as plain text); without it an edition uses
the project's (`data/curated/`, the documents of `data/sources.yml`, and the seed documents
in `BRIEFING_SEEDS`, else `../shared/seeds` beside the project). Either way every quote must
occur verbatim (whitespace collapsed) in the document its row cites."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from briefing import countries
from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.workspace import Workspace
from briefing.sources import registry
from briefing.sources.readcsv import check_unique, fail_at, read_csv, read_text, to_float

FACT_COLUMNS = ["id", "statement", "value", "unit", "year", "country", "source_id",
                "seed_file", "locator", "quote"]


EVENT_COLUMNS = ["id", "date", "date_precision", "jurisdiction", "kind", "title", "short", "source_id",
                 "seed_file", "locator", "quote"]
PRECISION = {"year": r"^\d{4}$", "month": r"^\d{4}-(0[1-9]|1[0-2])$",
             "day": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}
DOCUMENTS_FILE = "documents.yml"


@dataclass(frozen=True)
class Documents:
    """The documents curated rows may cite: their entries (citation, short name, `seed` file),
    the file that lists them, and the folder holding their text."""

    entries: dict[str, dict]
    listed_in: Path
    folder: Path | None

    def texts(self) -> dict[str, str]:
        """Each document's text by file name, whitespace collapsed; a listed file that is
        missing is an error naming the list and the document."""
        if self.folder is None or not self.folder.is_dir():
            raise InputError(str(self.folder), "documents folder not found: curated rows quote the documents in it "
                                               "(set curated.documents in the params, or BRIEFING_SEEDS)")
        texts = {}
        for doc_id, entry in sorted(self.entries.items()):
            path = self.folder / entry["seed"]
            if not path.is_file():
                raise InputError(f"{self.listed_in}: key 'documents.{doc_id}'",
                                 f"its file {entry['seed']!r} is not in {self.folder}")
            texts[entry["seed"]] = collapse(read_text(path))
        return texts


@dataclass(frozen=True)
class CuratedInputs:
    """Where an edition's curated rows and documents come from."""

    tables: Path | None  # folder of events.csv and facts.csv; None: the series has none
    documents: Documents
    names: Path  # country_names.csv, the project's for every series

    def files(self) -> list[Path]:
        """Every file the curated tables are made from, for the build's inputs."""
        rows = [self.tables / n for n in ("events.csv", "facts.csv")] if self.tables else []
        docs = [self.documents.folder / e["seed"] for e in self.documents.entries.values()] \
            if self.documents.folder else []
        listed = [self.documents.listed_in] if self.tables else []
        return sorted({p for p in [*rows, *docs, *listed, self.names] if p.is_file()})


def default_documents_folder(ws: Workspace) -> Path:
    """The seed documents: BRIEFING_SEEDS, else ../shared/seeds beside the project."""
    env = os.environ.get("BRIEFING_SEEDS")
    return Path(env) if env else ws.root.parent / "shared" / "seeds"


def curated_inputs(ws: Workspace, edition: Edition) -> CuratedInputs:
    names = ws.curated / "country_names.csv"
    if edition.curated is None:
        documents = Documents(registry.documents(ws.sources_file), ws.sources_file, default_documents_folder(ws))
        return CuratedInputs(ws.curated, documents, names)
    tables, folder = edition.curated_folder("tables"), edition.curated_folder("documents")
    if tables is None:
        return CuratedInputs(None, Documents({}, Path(DOCUMENTS_FILE), folder), names)
    if not tables.is_dir():
        raise InputError(str(tables), "curated.tables: folder not found")
    listed = tables / DOCUMENTS_FILE
    return CuratedInputs(tables, Documents(registry.series_documents(listed), listed, folder), names)


def read_curated(inputs: CuratedInputs) -> dict[str, pd.DataFrame]:
    """Facts and events of the edition's series, every quote checked against its document."""
    if inputs.tables is None:
        return {"facts": _empty(FACT_COLUMNS, value="float64"), "events": _empty(EVENT_COLUMNS, year="int64")}
    texts = inputs.documents.texts()
    tables = {}
    for name, reader, columns in (("facts", read_facts, FACT_COLUMNS), ("events", read_events, EVENT_COLUMNS)):
        path = inputs.tables / f"{name}.csv"
        if path.is_file():
            tables[name] = reader(path, inputs.documents, texts)
        else:
            tables[name] = _empty(columns, **({"value": "float64"} if name == "facts" else {"year": "int64"}))
    return tables


def _empty(columns: list[str], **dtypes: str) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in columns})
    for column, dtype in dtypes.items():
        frame[column] = pd.Series(dtype=dtype)
    return frame


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cited(path: Path, raw: pd.DataFrame, documents: Documents, texts: dict[str, str] | None) -> None:
    """Every row cites a listed document, that document's file, and quotes it verbatim."""
    entries = documents.entries
    check_unique(path, raw, ["id"])
    fail_at(path, raw, ~raw["source_id"].isin(entries), "source_id",
            f"not a document of {documents.listed_in.name} (known: {sorted(entries)})")
    expected = raw["source_id"].map(lambda s: entries.get(s, {}).get("seed"))
    fail_at(path, raw, raw["seed_file"] != expected, "seed_file", "does not match the document's file")
    if texts is None:
        return
    quotes = raw["quote"].map(collapse)
    fail_at(path, raw, quotes == "", "quote", "is empty: a row quotes the sentence of its document that states it")
    found = [q in texts.get(f, "") for q, f in zip(quotes, raw["seed_file"], strict=True)]
    fail_at(path, raw, ~pd.Series(found, index=raw.index), "quote",
            "does not occur verbatim in its document (whitespace aside)")


def read_facts(path: Path, documents: Documents, texts: dict[str, str] | None = None) -> pd.DataFrame:
    raw = read_csv(path, FACT_COLUMNS)
    raw["value"] = to_float(path, raw, "value", missing=(), minimum=None)
    _cited(path, raw, documents, texts)
    return raw[FACT_COLUMNS].reset_index(drop=True)


def read_events(path: Path, documents: Documents, texts: dict[str, str] | None = None) -> pd.DataFrame:
    raw = read_csv(path, EVENT_COLUMNS)
    fail_at(path, raw, ~raw["date_precision"].isin(PRECISION), "date_precision", "must be day, month or year")
    matches = raw.apply(lambda r: bool(re.match(PRECISION.get(r["date_precision"], "$^"), r["date"])), axis=1)
    fail_at(path, raw, ~matches, "date", "date does not match its precision (YYYY, YYYY-MM or YYYY-MM-DD)")
    known = raw["jurisdiction"].isin(list(countries.GROUPS)) | raw["jurisdiction"].map(countries.is_country)
    fail_at(path, raw, ~known, "jurisdiction", f"not an ISO 3166-1 alpha-2 country code or one of {sorted(countries.GROUPS)}")
    _cited(path, raw, documents, texts)
    events = raw[EVENT_COLUMNS].assign(year=raw["date"].str[:4].astype("int64"))
    return events.reset_index(drop=True)


NAME_COLUMNS = ["code", "name", "native_name", "language", "source", "locator"]


def read_country_names(path: Path, documents: dict[str, dict] | None = None) -> pd.DataFrame:
    """Countries' names in their own script, each row citing the CLDR file it comes from."""
    raw = read_csv(path, NAME_COLUMNS)
    check_unique(path, raw, ["code"])
    fail_at(path, raw, ~raw["code"].map(countries.is_country), "code", "not an ISO 3166-1 alpha-2 country code")
    fail_at(path, raw, raw["code"].map(countries.name) != raw["name"], "name",
            "is not the briefing's name of that code (briefing.countries.name)")
    fail_at(path, raw, raw["native_name"].str.strip() == "", "native_name", "is empty")
    return raw[NAME_COLUMNS].reset_index(drop=True)
