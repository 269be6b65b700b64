"""The published site's layout, known here and nowhere else:

```
_site/index.html                          every edition and version (render.site_index)
_site/<edition>/v<N>/                     an immutable version: HTML, PDF, findings.json, manifest.json
_site/<edition>/v<N>/briefing-<edition>-v<N>.pdf
_site/<edition>/latest/                   a copy of the newest version
```

and which published version "what changed" compares a new book with."""

from __future__ import annotations

import json
import re
from pathlib import Path

VERSION_DIR = re.compile(r"^v(\d+)$")
LATEST = "latest"
MANIFEST = "manifest.json"
FINDINGS = "findings.json"


def pdf_name(edition: str, version: int) -> str:
    return f"briefing-{edition}-v{version}.pdf"


def version_dir(site: Path, edition: str, version: int) -> Path:
    return site / edition / f"v{version}"


def published_versions(site: Path, edition: str) -> list[int]:
    """The version numbers published for `edition`, oldest first."""
    folder = site / edition
    if not folder.is_dir():
        return []
    return sorted(int(m.group(1)) for p in folder.iterdir() if (m := VERSION_DIR.match(p.name)))


def published_editions(site: Path) -> list[str]:
    """Editions with at least one published version, by name."""
    if not site.is_dir():
        return []
    return sorted(p.name for p in site.iterdir() if p.is_dir() and published_versions(site, p.name))


def read_manifest(site: Path, edition: str, version: int) -> dict:
    return json.loads((version_dir(site, edition, version) / MANIFEST).read_text(encoding="utf-8"))


def baseline_for(site: Path, edition: str, key: str) -> str | None:
    """The version "what changed" compares with: the newest published version of this
    edition whose content (key) differs from this book's, else the newest version of
    the previous edition (by name), else none."""
    own = published_versions(site, edition)
    while own and read_manifest(site, edition, own[-1]).get("content_key", "") == key:
        own.pop()
    if own:
        return f"{edition}/v{own[-1]}"
    earlier = [name for name in published_editions(site) if name < edition]
    return f"{earlier[-1]}/v{published_versions(site, earlier[-1])[-1]}" if earlier else None
