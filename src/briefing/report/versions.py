"""`_site/versions.json`: every series, each edition of it (oldest window first) and each
version with its publication date, window, renderer and whether it is the newest, from the
published manifests. Written at every publish, deterministically; the pages read it at view
time (`render/assets/versions.js`), so an older version learns of a newer one without any
file of its own changing, as `mike` does for MkDocs sites."""

from __future__ import annotations

from pathlib import Path

from briefing.infra.fileio import canonical_json, write_text_if_changed
from briefing.report.site import (
    VERSIONS_JSON,
    PublishedEdition,
    editions_by_series,
    read_manifest,
    version_path,
)

FORMAT = 1  # bumped if a reader of versions.json would need to change


def _version(site: Path, edition: PublishedEdition, number: int) -> dict:
    manifest = read_manifest(site, edition.name, number)
    renderer = manifest.get("renderer", {})
    return {"version": number, "path": version_path(edition.name, number),
            "published": manifest["published_at"][:10], "published_at": manifest["published_at"],
            "renderer": renderer.get("label") or renderer.get("name", "not recorded"),
            "latest": number == edition.versions[-1]}


def _edition(site: Path, edition: PublishedEdition) -> dict:
    return {"edition": edition.name, "title": edition.title,
            "window": {"start": edition.window.start, "end": edition.window.end},
            "latest": edition.versions[-1], "versions": [_version(site, edition, n) for n in edition.versions]}


def versions_document(site: Path) -> dict:
    """What versions.json holds: series by name, editions by window (then name), versions by number."""
    series = [{"series": name, "editions": [_edition(site, e) for e in editions]}
              for name, editions in editions_by_series(site).items()]
    return {"format": FORMAT, "series": series}


def write_versions(site: Path) -> Path:
    target = site / VERSIONS_JSON
    write_text_if_changed(target, canonical_json(versions_document(site)))
    return target
