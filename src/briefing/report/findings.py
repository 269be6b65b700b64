"""An edition's findings as built: each section's file (`briefing.findings.model`), and all of
them merged, ids unique across sections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import InputError

if TYPE_CHECKING:
    from briefing.config import Edition

def section_findings(build: Path, section: str) -> dict:
    path = build / "findings" / f"{section}.json"
    if not path.is_file():
        raise InputError(str(path), f"section {section!r} has no findings; run `briefing run` first")
    return json.loads(path.read_text(encoding="utf-8"))


def merged_findings(build: Path, edition: Edition) -> dict:
    """All sections' findings in one file; ids must be unique across sections."""
    merged: dict[str, dict] = {}
    for section in edition.sections:
        for item in section_findings(build, section)["findings"]:
            if item["id"] in merged:
                raise InputError(str(build / "findings" / f"{section}.json"),
                                 f"finding id {item['id']!r} also produced by another section")
            merged[item["id"]] = {**item, "section": section}
    return {"edition": edition.edition, "findings": [merged[k] for k in sorted(merged)]}
