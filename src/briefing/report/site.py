"""The published site's layout, known here and nowhere else:

```
_site/index.html                          every edition and version (render.site_index)
_site/versions.json                       every series, edition and version, read by the pages at view time
_site/<edition>/v<N>/                     an immutable version: HTML, PDF, findings.json, manifest.json
_site/<edition>/v<N>/briefing-<edition>-v<N>.pdf   (and .bib, .ris: its citation)
_site/<edition>/latest/                   a copy of the newest version
```

A version's files never change once published, on disk or on a host (`is_version_file`); the
site-level files (the index, versions.json, the `latest/` copies) change with every version.

and what a new book is compared with (`History`): its baseline, the newest version of the
previous edition *of the same series* (ordered by window, never an edition of another series),
which is part of the book's content (`baseline_identity` enters the content key, so a book
compared with another baseline is another version); and the newest published version of the
same edition with other content, the version this one follows."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

VERSION_DIR = re.compile(r"^v(\d+)$")
LATEST = "latest"
MANIFEST = "manifest.json"
FINDINGS = "findings.json"


VERSIONS_JSON = "versions.json"
SITE_INDEX = "index.html"
VERSION_FILE = re.compile(r"^[^/]+/v\d+/.")  # a path under _site/ inside a version folder
LATEST_FILE = re.compile(rf"^(?P<edition>[^/]+)/{LATEST}/.")


def pdf_name(edition: str, version: int) -> str:
    return f"briefing-{edition}-v{version}.pdf"


def citation_name(edition: str, version: int, kind: str) -> str:
    """The version's citation file beside its PDF: kind "bib" (BibTeX) or "ris"."""
    return f"briefing-{edition}-v{version}.{kind}"


def version_path(edition: str, version: int) -> str:
    """The version's folder relative to the site root, as a URL path ("2025/v2/")."""
    return f"{edition}/v{version}/"


def is_version_file(path: str) -> bool:
    """Whether `path` (relative to the site root, with /) belongs to a published version."""
    return VERSION_FILE.match(path) is not None


def latest_copy_of(path: str) -> str | None:
    """The edition whose `latest/` copy `path` lies in, else None."""
    match = LATEST_FILE.match(path)
    return match["edition"] if match else None


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


@dataclass(frozen=True, order=True)
class Window:
    """An edition's data window, ordered by its end year, then its start."""

    end: int
    start: int

    @classmethod
    def of(cls, window: dict) -> Window:
        return cls(int(window["end"]), int(window["start"]))

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"


@dataclass(frozen=True)
class PublishedEdition:
    """What the site knows of a published edition, from its newest version's manifest."""

    name: str
    series: str
    window: Window
    title: str
    versions: tuple[int, ...]

    @property
    def latest(self) -> str:
        return f"{self.name}/v{self.versions[-1]}"


def series_of(manifest: dict) -> str:
    """A manifest's series: `series`, else its parameters' series, else the edition itself
    (versions published before series existed form a series of their own)."""
    return manifest.get("series") or manifest.get("parameters", {}).get("series") or manifest["edition"]


def published_edition(site: Path, name: str) -> PublishedEdition:
    versions = tuple(published_versions(site, name))
    manifest = read_manifest(site, name, versions[-1])
    parameters = manifest.get("parameters", {})
    return PublishedEdition(name, series_of({"edition": name, **manifest}), Window.of(parameters["window"]),
                            parameters.get("title", name), versions)


def editions_by_series(site: Path) -> dict[str, list[PublishedEdition]]:
    """Every published edition, grouped by series; each series' editions oldest window first."""
    found: dict[str, list[PublishedEdition]] = {}
    for name in published_editions(site):
        edition = published_edition(site, name)
        found.setdefault(edition.series, []).append(edition)
    return {series: sorted(editions, key=lambda e: (e.window, e.name)) for series, editions in sorted(found.items())}


def series_editions(site: Path, series: str) -> list[PublishedEdition]:
    """The published editions of `series`, oldest window first (name breaks ties)."""
    return editions_by_series(site).get(series, [])


def previous_edition(site: Path, series: str, window: Window, name: str) -> PublishedEdition | None:
    """The published edition of `series` whose window comes last before `window`; none when
    `name` is the first of its series (an edition of the same window is not earlier)."""
    earlier = [e for e in series_editions(site, series) if e.name != name and e.window < window]
    return earlier[-1] if earlier else None


@dataclass(frozen=True)
class History:
    """What a book is compared with: `baseline`, the newest version of the previous edition of
    its series ("2024/v1"), and `previous`, the newest published version of its own edition
    with other content ("2025/v1"), whose changes this version names."""

    baseline: str | None = None
    previous: str | None = None
    pages: dict[str, str] = field(default_factory=dict)  # this book's pages (in the content key) by sha256
    titles: dict[str, str] = field(default_factory=dict)  # each chapter file's title


def baseline_for(site: Path, edition: str, series: str | None = None, window: Window | None = None) -> str | None:
    """The version an edition is compared with: the newest version of the previous edition of
    its series (by window), else none."""
    if window is None:
        return None
    previous = previous_edition(site, series or edition, window, edition)
    return previous.latest if previous else None


def baseline_identity(site: Path, baseline: str | None) -> dict | None:
    """What the content key holds of a baseline: its version and that version's own content key,
    so a republished predecessor (a new version) or another one makes another version."""
    if baseline is None:
        return None
    name, version = baseline.split("/")
    return {"version": baseline, "content_key": read_manifest(site, name, int(version[1:])).get("content_key", "")}


def previous_version(site: Path, edition: str, key: str) -> str | None:
    """The newest published version of `edition` whose content (key) differs from `key`: the one
    a new version follows (a rebuild of published content follows what that version followed)."""
    own = published_versions(site, edition)
    while own and read_manifest(site, edition, own[-1]).get("content_key", "") == key:
        own.pop()
    return f"{edition}/v{own[-1]}" if own else None


def predecessor_of(site: Path, edition: str, version: int) -> str | None:
    """What a published version is compared with: the baseline its manifest records (the
    previous edition of its series), else the version before it."""
    manifest = read_manifest(site, edition, version)
    if manifest.get("compared_with"):
        return manifest["compared_with"]
    earlier = [v for v in published_versions(site, edition) if v < version]
    return f"{edition}/v{earlier[-1]}" if earlier else None
