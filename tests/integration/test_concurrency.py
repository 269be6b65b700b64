"""Two `briefing build` commands on one work folder: the second waits for the first
(or refuses after its timeout), and the result is a whole, single version. The second
starts only once the first holds the lock (its pid in the lock file), and says it
waits for that pid: ordered by the lock itself, not by a sleep."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from briefing.infra.lock import LOCK_NAME, holder, work_lock
from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.slow


def wait_until(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_second_build_waits_and_nothing_is_corrupted(tmp_path, mirror):
    work = tmp_path / "work"
    args = [sys.executable, "-m", "briefing.cli", "build", "--params", "params/ci.yml", "--workdir", str(work),
            "--mirror", str(mirror)]
    first = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until(lambda: holder(work / LOCK_NAME) == f"pid {first.pid}" or first.poll() is not None)
    assert first.poll() is None, "the first build ended before it was seen holding the lock"
    second = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out1, err1 = first.communicate(timeout=600)
    out2, err2 = second.communicate(timeout=600)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert f"waiting for another briefing command (pid {first.pid}) to finish" in " ".join(err2.split())
    assert "new version ci/v1" in out1 and "unchanged, still ci/v1" in out2
    site = work / "_site" / "ci"
    assert sorted(p.name for p in site.iterdir()) == ["latest", "v1"]
    assert json.loads((site / "v1" / "manifest.json").read_text())["version"] == 1


def test_refuses_after_timeout(tmp_path):
    work = tmp_path / "work"
    with work_lock(work):
        result = run_cli("validate", "--params", "params/ci.yml", "--workdir", str(work),
                         env={"BRIEFING_LOCK_TIMEOUT": "1"})
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert f"another briefing command (pid {os.getpid()}) is still writing this work folder after 1s" in message
    assert not (work / "_build").exists()
