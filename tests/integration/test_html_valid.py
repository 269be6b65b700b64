"""Every HTML page of the published default edition, and the site's index of editions, passes the
Nu HTML Checker (vnu-jar, pinned in package.json and installed by `make setup`'s npm ci) with no
error, run with the machine's Java. A page the checker finds fault with fails the test with the
checker's own messages."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from briefing.report.site import version_dir
from tests.conftest import REPO

pytestmark = pytest.mark.slow
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(paths) -> list[dict]:
    """The checker's errors for `paths` (messages of type 'error', and fatal ones)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not on PATH: the Nu HTML Checker needs Java 11 or newer")
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(REPO)} is missing: `make setup` runs npm ci")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
                            capture_output=True, text=True, timeout=300)
    return [m for m in json.loads(result.stderr or result.stdout)["messages"] if m["type"] in ("error", "non-document-error")]


def test_every_page_of_the_default_edition_passes_the_nu_html_checker(default_build):
    pages = sorted(version_dir(default_build.site, "2025", 1).glob("*.html")) + [default_build.site / "index.html"]
    assert len(pages) >= 8
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in check(pages)]
    assert errors == []


def test_the_checker_finds_an_error_when_there_is_one(tmp_path):
    """The checker as run here does report: a page with a stray end tag fails."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>x</div></body></html>',
                   encoding="utf-8")
    assert check([bad])
