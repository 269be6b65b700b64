"""Generated blocks: which published version "what changed" compares with."""

from __future__ import annotations

import json

import pytest

from briefing.errors import InputError
from briefing.report.blocks import expand, uses_history
from briefing.report.site import Window, baseline_for, baseline_identity, predecessor_of, previous_version


def publish(site, edition, version, key, series=None, window=(2015, 2023), compared_with=None):
    folder = site / edition / f"v{version}"
    folder.mkdir(parents=True)
    parameters = {"window": {"start": window[0], "end": window[1]}, **({"series": series} if series else {})}
    (folder / "manifest.json").write_text(json.dumps({"edition": edition, "content_key": key, "parameters": parameters,
                                                      "compared_with": compared_with,
                                                      **({"series": series} if series else {})}))


def baseline(site, edition, series="east-asia", window=(2015, 2023)):
    return baseline_for(site, edition, series, Window(window[1], window[0]))


def test_the_baseline_is_the_previous_edition_and_a_version_follows_the_last_other_content(tmp_path):
    assert baseline(tmp_path, "2025") is None
    publish(tmp_path, "2024", 3, "old", "east-asia", (2014, 2022))
    assert baseline(tmp_path, "2025") == "2024/v3"
    assert baseline_identity(tmp_path, "2024/v3") == {"version": "2024/v3", "content_key": "old"}
    assert baseline_identity(tmp_path, None) is None
    publish(tmp_path, "2025", 1, "k1", "east-asia", compared_with="2024/v3")
    assert baseline(tmp_path, "2025") == "2024/v3"  # versions of the edition itself are never its baseline
    assert previous_version(tmp_path, "2025", "k1") is None  # rebuilding v1's content
    assert previous_version(tmp_path, "2025", "k2") == "2025/v1"  # about to publish v2
    publish(tmp_path, "2025", 2, "k2", "east-asia", compared_with="2024/v3")
    assert previous_version(tmp_path, "2025", "k2") == "2025/v1"
    publish(tmp_path, "ci", 1, "x")
    assert previous_version(tmp_path, "2025", "k3") == "2025/v2"
    assert predecessor_of(tmp_path, "2025", 2) == "2024/v3"  # what its manifest records
    publish(tmp_path, "ci", 2, "y")
    assert predecessor_of(tmp_path, "ci", 2) == "ci/v1" and predecessor_of(tmp_path, "ci", 1) is None


def test_previous_edition_is_of_the_same_series_ordered_by_window(tmp_path):
    publish(tmp_path, "2024", 1, "a", "east-asia", (2014, 2022))
    publish(tmp_path, "2023", 2, "b", "east-asia", (2013, 2021))
    publish(tmp_path, "1-rerun", 1, "c", "east-asia", (2012, 2020))  # sorts first by name, not by window
    publish(tmp_path, "2024-europe", 1, "d", "europe", (2016, 2022))  # later window, other series
    publish(tmp_path, "2026", 1, "e", "east-asia", (2016, 2024))  # a later edition is not a predecessor
    publish(tmp_path, "legacy", 1, "f", None, (2014, 2022))  # no series: a series of its own
    assert baseline(tmp_path, "2025") == "2024/v1"
    assert baseline(tmp_path, "2024", window=(2014, 2022)) == "2023/v2"
    assert baseline(tmp_path, "2023", window=(2013, 2021)) == "1-rerun/v1"
    assert baseline(tmp_path, "1-rerun", window=(2012, 2020)) is None
    assert baseline(tmp_path, "europe-2025", "europe") == "2024-europe/v1"
    assert baseline(tmp_path, "europe-2021", "europe", (2015, 2020)) is None
    assert baseline(tmp_path, "2025b", "2025b") is None  # its own series: nothing else
    assert baseline(tmp_path, "legacy", "legacy", (2014, 2022)) is None


def test_unknown_block_and_history_detection(tmp_path):
    assert uses_history("text\n{{< briefing changes >}}\n") and not uses_history("{{< briefing summary >}}")
    assert uses_history("{{< briefing watch-followup >}}")
    with pytest.raises(InputError, match="unknown generated block 'nope'"):
        expand("a\n{{< briefing nope >}}", None, tmp_path / "x.qmd")
