"""stages/publish on a tiny project: a version with HTML, PDF, findings and manifest; no
new version without new content; a new one beside the untouched old one after a change."""

from __future__ import annotations

import json
import subprocess

from briefing.stages.publish import publish
from tests.conftest import tree_bytes
from tests.tiny_book import tiny_book, write_section


def test_versions_grow_only_with_content_and_are_never_rewritten(tmp_path):
    ws, edition = tiny_book(tmp_path)
    first = publish(ws, edition, renderer="builtin")
    assert (first.version, first.created) == (1, True)
    assert {"index.html", "briefing-ci-v1.pdf", "findings.json", "manifest.json"} <= {p.name for p in first.path.iterdir()}
    v1 = tree_bytes(first.path)
    again = publish(ws, edition, renderer="builtin")
    assert (again.version, again.created) == (1, False)
    write_section(ws.build("ci"), "Japan and South Korea wrote **13** papers together.")
    second = publish(ws, edition, renderer="builtin")
    assert (second.version, second.created) == (2, True)
    assert tree_bytes(first.path) == v1
    assert tree_bytes(ws.site / "ci" / "latest") == tree_bytes(second.path)
    assert 'href="ci/v2/index.html"' in (ws.site / "index.html").read_text()


def test_manifest_findings_and_pdf_text(tmp_path):
    ws, edition = tiny_book(tmp_path)
    version = publish(ws, edition, renderer="builtin").path
    manifest = json.loads((version / "manifest.json").read_text())
    assert (manifest["edition"], manifest["version"]) == ("ci", 1) and manifest["published_at"].endswith("Z")
    assert manifest["parameters"]["sections"] == {"demo": {}} and manifest["renderer"]["name"] == "built-in"
    findings = json.loads((version / "findings.json").read_text())["findings"]
    assert [(f["id"], f["section"]) for f in findings] == [("demo.works.JP-KR.2022", "demo")]
    text = subprocess.run(["pdftotext", str(version / "briefing-ci-v1.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "wrote 12 papers together" in " ".join(text.split())
