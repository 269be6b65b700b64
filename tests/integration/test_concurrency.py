"""Two `briefing` commands on one work folder: the second refuses after its timeout,
naming the pid that holds the lock. That a second build waits for the first and the
result is a whole, single version is tested with the first clean build of
test_publish.py, so that one build serves both."""

from __future__ import annotations

import os

import pytest

from briefing.infra.lock import work_lock
from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def test_refuses_after_timeout(tmp_path):
    work = tmp_path / "work"
    with work_lock(work):
        result = run_cli("validate", "--params", "params/ci.yml", "--workdir", str(work),
                         env={"BRIEFING_LOCK_TIMEOUT": "1"})
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert f"another briefing command (pid {os.getpid()}) is still writing this work folder after 1s" in message
    assert not (work / "_build").exists()
