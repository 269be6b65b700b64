"""Generated blocks: which published version "what changed" compares with."""

from __future__ import annotations

import json

import pytest

from briefing.errors import InputError
from briefing.report.blocks import expand, uses_history
from briefing.report.site import baseline_for


def publish(site, edition, version, key):
    folder = site / edition / f"v{version}"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"content_key": key}))


def test_baseline_skips_versions_with_the_same_content(tmp_path):
    assert baseline_for(tmp_path, "2025", "k1") is None
    publish(tmp_path, "2024", 3, "old")
    assert baseline_for(tmp_path, "2025", "k1") == "2024/v3"
    publish(tmp_path, "2025", 1, "k1")
    assert baseline_for(tmp_path, "2025", "k1") == "2024/v3"  # rebuilding v1's content
    assert baseline_for(tmp_path, "2025", "k2") == "2025/v1"  # about to publish v2
    publish(tmp_path, "2025", 2, "k2")
    assert baseline_for(tmp_path, "2025", "k2") == "2025/v1"
    publish(tmp_path, "ci", 1, "x")
    assert baseline_for(tmp_path, "2025", "k3") == "2025/v2"


def test_unknown_block_and_history_detection(tmp_path):
    assert uses_history("text\n{{< briefing changes >}}\n") and not uses_history("{{< briefing summary >}}")
    with pytest.raises(InputError, match="unknown generated block 'nope'"):
        expand("a\n{{< briefing nope >}}", None, tmp_path / "x.qmd")
