"""Generated blocks: which published version "what changed" compares with."""

from __future__ import annotations

import json

import pytest

from briefing.errors import InputError
from briefing.report.blocks import expand, uses_history
from briefing.report.site import Window, baseline_for, predecessor_of


def publish(site, edition, version, key, series=None, window=(2015, 2023)):
    folder = site / edition / f"v{version}"
    folder.mkdir(parents=True)
    parameters = {"window": {"start": window[0], "end": window[1]}, **({"series": series} if series else {})}
    (folder / "manifest.json").write_text(json.dumps({"edition": edition, "content_key": key, "parameters": parameters,
                                                      **({"series": series} if series else {})}))


def baseline(site, edition, key, series="east-asia", window=(2015, 2023)):
    return baseline_for(site, edition, key, series, Window(window[1], window[0]))


def test_baseline_skips_versions_with_the_same_content(tmp_path):
    assert baseline(tmp_path, "2025", "k1") is None
    publish(tmp_path, "2024", 3, "old", "east-asia", (2014, 2022))
    assert baseline(tmp_path, "2025", "k1") == "2024/v3"
    publish(tmp_path, "2025", 1, "k1", "east-asia")
    assert baseline(tmp_path, "2025", "k1") == "2024/v3"  # rebuilding v1's content
    assert baseline(tmp_path, "2025", "k2") == "2025/v1"  # about to publish v2
    publish(tmp_path, "2025", 2, "k2", "east-asia")
    assert baseline(tmp_path, "2025", "k2") == "2025/v1"
    publish(tmp_path, "ci", 1, "x")
    assert baseline(tmp_path, "2025", "k3") == "2025/v2"


def test_previous_edition_is_of_the_same_series_ordered_by_window(tmp_path):
    publish(tmp_path, "2024", 1, "a", "east-asia", (2014, 2022))
    publish(tmp_path, "2023", 2, "b", "east-asia", (2013, 2021))
    publish(tmp_path, "1-rerun", 1, "c", "east-asia", (2012, 2020))  # sorts first by name, not by window
    publish(tmp_path, "2024-europe", 1, "d", "europe", (2016, 2022))  # later window, other series
    publish(tmp_path, "2026", 1, "e", "east-asia", (2016, 2024))  # a later edition is not a predecessor
    publish(tmp_path, "legacy", 1, "f", None, (2014, 2022))  # no series: a series of its own
    assert baseline(tmp_path, "2025", "k") == "2024/v1"
    # Rebuilding a published edition's content: compared with the edition before it.
    assert baseline(tmp_path, "2024", "a", window=(2014, 2022)) == "2023/v2"
    assert baseline(tmp_path, "2023", "b", window=(2013, 2021)) == "1-rerun/v1"
    assert baseline(tmp_path, "1-rerun", "c", window=(2012, 2020)) is None
    assert baseline(tmp_path, "europe-2025", "k", "europe") == "2024-europe/v1"
    assert baseline(tmp_path, "europe-2021", "k", "europe", (2015, 2020)) is None
    assert baseline(tmp_path, "2025b", "k", "2025b") is None  # its own series: nothing else
    assert predecessor_of(tmp_path, "2026", 1) == "2024/v1"
    assert predecessor_of(tmp_path, "2023", 2) == "1-rerun/v1"  # only v2 of 2023 is here
    publish(tmp_path, "2023", 1, "b0", "east-asia", (2013, 2021))
    assert predecessor_of(tmp_path, "2023", 2) == "2023/v1"
    assert predecessor_of(tmp_path, "2024-europe", 1) is None
    assert predecessor_of(tmp_path, "legacy", 1) is None


def test_unknown_block_and_history_detection(tmp_path):
    assert uses_history("text\n{{< briefing changes >}}\n") and not uses_history("{{< briefing summary >}}")
    with pytest.raises(InputError, match="unknown generated block 'nope'"):
        expand("a\n{{< briefing nope >}}", None, tmp_path / "x.qmd")
