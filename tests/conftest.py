"""Shared fixtures: the real source mirror, a workspace in a temporary folder, and
one CI-edition build per test session, shared by the xdist workers (the first to ask
builds it under a file lock; it is read-only: a test that changes it fails), that
section, integration and browser tests read."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.config import load_edition
from briefing.infra.workspace import Workspace
from briefing.stages.build import build
from tests.curated_checks import SEEDS_DIR

REPO = Path(__file__).resolve().parents[1]
MIRROR = Path(os.environ.get("BRIEFING_MIRROR", REPO.parent / "shared" / "data"))
CI_PARAMS = REPO / "params" / "ci.yml"


def pytest_configure(config):
    os.environ.setdefault("PYTHONHASHSEED", "0")


@pytest.fixture(scope="session")
def mirror() -> Path:
    if not MIRROR.is_dir():
        pytest.skip(f"source mirror {MIRROR} not found (set BRIEFING_MIRROR)")
    return MIRROR


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(root=REPO, work=tmp_path / "work")


def _shared_folder(tmp_path_factory, name: str) -> Path:
    """A folder every xdist worker of this test run sees (keyed by the run), or this
    session's own when there are no workers."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run is None:
        return tmp_path_factory.mktemp(name)
    return tmp_path_factory.getbasetemp().parent / f"{name}-{run[:12]}"


def tree_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under `folder`: enough to see a write."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def ci_build(tmp_path_factory, mirror) -> Iterator[Workspace]:
    """The CI edition built once per test run, end to end, and shared read-only."""
    from filelock import FileLock

    folder = _shared_folder(tmp_path_factory, "ci-build")
    ws = Workspace(root=REPO, work=folder / "work")
    with FileLock(f"{folder}.lock"):
        if not (folder / "built").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            build(ws, load_edition(CI_PARAMS), mirror, jobs=2)
            (folder / "built").write_text("")
    before = tree_state(ws.work)
    yield ws
    after = tree_state(ws.work)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"a test wrote into the shared CI build: {changed[:5]}"


def run_cli(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """The installed CLI in a subprocess, as a user runs it."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "briefing.cli", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=600)


def invoke(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """The command line called in-process (no interpreter start), from `cwd` as a user's
    shell would be; returns what run_cli returns. For tests where the start is not what
    is tested: each in-process call saves a second or more of imports."""
    from typer.testing import CliRunner

    from briefing.cli import app

    with contextlib.chdir(cwd):
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, for byte-for-byte comparison."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_project(target: Path) -> Path:
    """A copy of the authored project (no build outputs), for tests that alter it."""
    ignore = shutil.ignore_patterns(".venv", ".git", "_build", "_site", "figures", "raw", "__pycache__",
                                    ".pytest_cache", "bench", "node_modules", "artifacts")
    shutil.copytree(REPO, target, ignore=ignore)
    link_seeds(target)
    return target


def link_seeds(project: Path) -> None:
    """The seed documents beside a copied project (`../shared/seeds`), as beside the real one."""
    seeds = project.parent / "shared" / "seeds"
    if not seeds.exists() and SEEDS_DIR.is_dir():
        seeds.parent.mkdir(parents=True, exist_ok=True)
        seeds.symlink_to(SEEDS_DIR, target_is_directory=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no line per request on stderr
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """`folder` served over HTTP on 127.0.0.1 (a free port) while the block runs; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def spark_local():
    """One local Spark session (local[2]) for the whole test session; stopped at the end."""
    from briefing.engine import spark_engine

    spark_engine.session("local[2]")
    yield "local[2]"
    spark_engine.stop()
