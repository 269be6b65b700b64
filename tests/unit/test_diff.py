"""Findings diff on hand-written findings."""

from __future__ import annotations

import pytest

from briefing.errors import InputError
from briefing.report.diff import diff_findings, load_findings


def item(id, value):
    return {"id": id, "label": id, "value": value, "unit": "pct", "source": "s"}


def test_added_removed_and_moved_sorted_by_size():
    old = {f["id"]: f for f in [item("a.x.1", 10.0), item("a.x.2", 100.0), item("a.x.3", 1.0), item("a.gone.1", 5),
                                 item("a.list.1", ["JP", "KR"]), item("a.zero.1", 0.0)]}
    new = {f["id"]: f for f in [item("a.x.1", 11.0), item("a.x.2", 150.0), item("a.x.3", 1.0), item("a.new.1", 7),
                                 item("a.list.1", ["KR", "JP"]), item("a.zero.1", 2.0)]}
    result = diff_findings(old, new)
    assert [m.id for m in result.moved] == ["a.x.2", "a.x.1", "a.zero.1", "a.list.1"]
    assert result.moved[0].relative_pct == pytest.approx(50.0)
    assert result.moved[2].relative_pct is None and result.moved[2].change == 2.0
    assert [f["id"] for f in result.added] == ["a.new.1"] and [f["id"] for f in result.removed] == ["a.gone.1"]
    assert result.unchanged == 1


def test_bad_reference(tmp_path):
    with pytest.raises(InputError, match="expected <edition>/v<N>"):
        load_findings(tmp_path, "2025-v1")
    with pytest.raises(InputError, match="no published version 2025/v3"):
        load_findings(tmp_path, "2025/v3")
