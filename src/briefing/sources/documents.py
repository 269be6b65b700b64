"""Where an edition's curated inputs come from, without reading them (no pandas here:
the up-to-date check of `briefing validate` hashes these files and nothing more).

A series brings its own (`curated:` in params: a folder of `events.csv`, `facts.csv` and
`documents.yml`, and a folder of the documents as plain text); without it an edition uses
the project's (`data/curated/`, the documents of `data/sources.yml`, and the seed documents
in `BRIEFING_SEEDS`, else `../shared/seeds` beside the project)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from briefing.config import Edition
from briefing.errors import InputError
from briefing.infra.workspace import Workspace
from briefing.sources import registry

DOCUMENTS_FILE = "documents.yml"


def collapse(text: str) -> str:
    """Whitespace runs as one space: how quotes are matched against documents."""
    return re.sub(r"\s+", " ", text).strip()


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
        from briefing.sources.readcsv import read_text  # imported here: it loads pandas

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
