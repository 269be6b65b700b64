"""stages/fetch: the four modes and the options each takes (every refusal names the
option and why), and a mirror fetch of one real source: snapshotted once, unchanged after."""

from __future__ import annotations

import pytest
import yaml

from briefing.errors import InputError
from briefing.stages import fetch as fetch_stage
from briefing.stages.fetch import LIVE, LIVE_RECORDS, LOCAL_RECORDS, MIRROR, fetch_mode

ALL = {"--mirror", "--source", "--live", "--budget", "--refresh", "--records", "--field", "--years", "--records-from"}


@pytest.mark.parametrize(("given", "mode"), [
    (set(), MIRROR),
    ({"--mirror", "--source"}, MIRROR),
    ({"--live"}, LIVE),
    ({"--live", "--source", "--budget", "--refresh"}, LIVE),
    ({"--live", "--records", "--field", "--years"}, LIVE_RECORDS),
    ({"--live", "--records", "--field", "--years", "--budget", "--refresh"}, LIVE_RECORDS),
    ({"--records-from", "--field"}, LOCAL_RECORDS),
])
def test_each_mode_takes_its_options(given, mode):
    assert fetch_mode(given) is mode


@pytest.mark.parametrize(("given", "where", "rule"), [
    ({"--live", "--mirror"}, "--mirror", "choose one: the APIs (--live) or a local mirror (--mirror)"),
    ({"--records"}, "--records", "record-level works come from the API: add --live"),
    ({"--live", "--records", "--field"}, "--records", "needs --field (see data/fields.yml) and --years"),
    ({"--live", "--records", "--years"}, "--records", "needs --field"),
    ({"--live", "--field"}, "--field", "only with --records or --records-from"),
    ({"--years"}, "--years", "only with --live --records"),
    ({"--budget"}, "--budget", "only with --live"),
    ({"--refresh", "--mirror"}, "--refresh", "only with --live"),
    ({"--live", "--records", "--field", "--years", "--source"}, "--source", "record-level fetches take --field"),
    ({"--records-from"}, "--records-from", "needs --field (see data/fields.yml): whose works these are"),
    ({"--records-from", "--field", "--live"}, "--live", "--records-from snapshots local record files"),
    ({"--records-from", "--field", "--mirror"}, "--mirror", "use it with --field only"),
])
def test_an_option_from_another_mode_is_refused_with_its_reason(given, where, rule):
    with pytest.raises(InputError) as caught:
        fetch_mode(given)
    assert str(caught.value).startswith(f"{where}: ") and rule in str(caught.value)


def test_every_option_belongs_to_some_mode():
    modes = (MIRROR, LIVE, LIVE_RECORDS, LOCAL_RECORDS)
    assert set().union(*(m.takes for m in modes)) == ALL
    assert {m.selector for m in modes} <= ALL


def test_mirror_fetch_snapshots_once(workspace, mirror):
    first = fetch_stage.fetch(workspace, mirror, ["worldbank"])
    ((source, snap_id, new),) = first
    assert (source, new) == ("worldbank", True) and snap_id.startswith("mirror-")
    meta = yaml.safe_load((workspace.raw / "worldbank" / snap_id / "snapshot.yml").read_text())
    assert meta["source"] == "worldbank" and meta["files"][0]["sha256"]
    assert (workspace.raw / "worldbank" / "current").read_text().strip() == snap_id
    assert fetch_stage.fetch(workspace, mirror, ["worldbank"]) == [(source, snap_id, False)]
    assert sorted(p.name for p in workspace.raw.iterdir()) == ["worldbank"]
