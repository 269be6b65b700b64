"""The explorer of a published version, written by `briefing publish`: its data under
`explore/` (checksums go into the manifest), its page `explore.html`, and the script and
stylesheet the whole site shares (`report/explore_page.py`)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from briefing.config import Edition
from briefing.infra.fileio import sha256_file
from briefing.infra.workspace import Workspace
from briefing.report.book import Chapter
from briefing.report.explore_data import FOLDER, META, explore_files
from briefing.report.explore_page import PAGE, explore_page, write_shared_assets


def write_explorer(ws: Workspace, edition: Edition, version: int, chapters: list[Chapter], findings: list[dict],
                   target: Path, commit: str) -> dict:
    """Write the explorer into the version folder being staged (`target`) and the shared code
    into the site; returns what the manifest records: the page, the sha256 of every data file
    and of each shared file (by its path from the site's root)."""
    files = explore_files(ws.build(edition.edition), edition, version, findings, ws.root / "data" / "regions.yml")
    (target / FOLDER).mkdir()
    for name, data in files.items():
        (target / FOLDER / name).write_bytes(data)
    shared = write_shared_assets(ws.site)
    page = explore_page(edition, version, chapters, shared, json.loads(files[META]), commit, sorted(files))
    (target / PAGE).write_text(page, encoding="utf-8")
    return {
        "page": PAGE,
        "files": {f"{FOLDER}/{name}": hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
        "shared": {path: sha256_file(ws.site / path) for path in sorted(shared.values())},
    }
