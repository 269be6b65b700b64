"""Shared fixtures: the real source mirror, a workspace in a temporary folder, and
one build per test session of the CI edition and one of the default edition, each shared
by the xdist workers (the first to ask builds it under a file lock; it is read-only: a
test that changes it fails)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from briefing.config import load_edition
from briefing.infra.workspace import Workspace
from briefing.stages.build import build
from tests.curated_checks import SEEDS_DIR

REPO = Path(__file__).resolve().parents[1]
MIRROR = Path(os.environ.get("BRIEFING_MIRROR", REPO.parent / "shared" / "data"))
CI_PARAMS = REPO / "params" / "ci.yml"
DEFAULT_PARAMS = REPO / "params" / "2025.yml"


def pytest_configure(config):
    os.environ.setdefault("PYTHONHASHSEED", "0")
    # The build stamp (the publication time, infra/stamp.py) fixed for the whole run, so that two
    # clean builds publish the same bytes even when the run crosses midnight. The xdist workers
    # and the CLI's subprocesses inherit it.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))


# Modules that run first, in this order: pytest-xdist (--dist loadfile) hands each of the
# two workers two modules to start with, then the next module whenever one ends. The first
# two start the two most-read shared builds (CI, default), one on each worker, so neither
# waits for the other's; the longest modules follow, and the many short ones end the run,
# so that both workers finish at about the same time.
RUN_FIRST = [
    "tests/integration/test_bad_input.py",  # ci_build
    "tests/print/test_print_default.py",  # default_build
    "tests/integration/test_series.py",
    "tests/sections/test_partnership.py",  # other_build
    "tests/browser/test_reflow.py",  # default_build and other_build, in Chromium
    "tests/print/test_print_rules.py",  # default_build and other_build
    "tests/integration/test_publish.py",
    "tests/integration/test_deploy.py",
    "tests/integration/test_yearly_cycle.py",  # series_site, after test_series has started it
    "tests/integration/test_readme_add_indicator.py",
    "tests/integration/test_live_secret.py",
    "tests/integration/test_records_in_build.py",
    "tests/integration/test_indicators_added.py",
    "tests/browser/test_hostile_names.py",
    "tests/browser/test_explore.py",  # default_build
    "tests/integration/test_engine_spark.py",
    "tests/integration/test_live_fetch.py",
    "tests/integration/test_live_faults.py",
    "tests/integration/test_cli.py",
    "tests/integration/test_property_params.py",  # three drawn editions, about a minute
]


def pytest_collection_modifyitems(config, items):
    missing = [module for module in RUN_FIRST if not (REPO / module).is_file()]
    if missing:
        raise pytest.UsageError(f"tests/conftest.py RUN_FIRST names modules that are not there: {missing}")
    rank = {module: i for i, module in enumerate(RUN_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(RUN_FIRST)))  # stable: the rest as collected


def require(present: bool, what: str, how: str) -> None:
    """The one policy for what the tests need from the machine: a missing requirement fails
    the test with what to install, never skips it (a green run must have tested the data).
    Only Quarto, which cannot be installed offline, is optional (tests/integration/test_quarto.py)."""
    if not present:
        pytest.fail(f"{what} is missing: {how}", pytrace=False)


@pytest.fixture(scope="session")
def mirror() -> Path:
    require(MIRROR.is_dir(), f"the source mirror {MIRROR}", "put it beside the project (../shared/data) or set BRIEFING_MIRROR")
    return MIRROR


def findings_of(build: Path, section: str | None = None, *, values: bool = False) -> dict:
    """A build's findings by id (one section's, or all), each the finding's record, or its value."""
    paths = [build / "findings" / f"{section}.json"] if section else sorted((build / "findings").glob("*.json"))
    found = {}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert section is None or data["section"] == section
        found.update({f["id"]: (f["value"] if values else f) for f in data["findings"]})
    return found


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


def tree_state(folder: Path, contents: bool = False) -> dict[str, tuple]:
    """Size and modification time of every file under `folder`: enough to see a write; or, with
    `contents`, each file's sha256 (a file rewritten with the same bytes is no change)."""
    if contents:
        return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),)
                for p in sorted(folder.rglob("*")) if p.is_file()}
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@contextlib.contextmanager
def shared_folder(tmp_path_factory, name: str, make, watched: str = "work", contents: bool = False) -> Iterator[Path]:
    """A folder made once per test run by `make(folder)`, by the first worker to ask (under a
    file lock), and shared read-only: a test that writes into its `watched` part fails (the
    work folder's lock file aside, which a command that fails on bad input still takes). With
    `contents`, a file rewritten with the same bytes is no write (a failing build's fetch
    renews the snapshots' `current` pointers)."""
    from filelock import FileLock

    folder = _shared_folder(tmp_path_factory, name)
    with FileLock(f"{folder}.lock"):
        if not (folder / "built").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            (folder / "built").write_text("")
    before = tree_state(folder / watched, contents)
    yield folder
    after = tree_state(folder / watched, contents)
    changed = sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n) and n != LOCK_FILE)
    assert not changed, f"a test wrote into the shared {name}: {changed[:5]}"


LOCK_FILE = ".briefing.lock"


@contextlib.contextmanager
def shared_build(tmp_path_factory, mirror: Path, name: str, params: Path | dict, **options) -> Iterator[Workspace]:
    """The edition of `params` (a file, or its content, then kept beside the work folder as
    `<edition>.yml`) built once per test run, end to end, by the first worker to ask (under
    a file lock), and shared read-only: a test that writes into it fails."""
    def make(folder: Path) -> None:
        path = params
        if isinstance(params, dict):
            path = folder / f"{params['edition']}.yml"
            path.write_text(yaml.safe_dump(params, sort_keys=False), encoding="utf-8")
        build(Workspace(root=REPO, work=folder / "work"), load_edition(path), mirror, jobs=2, **options)

    with shared_folder(tmp_path_factory, name, make) as folder:
        yield Workspace(root=REPO, work=folder / "work")


@pytest.fixture(scope="session")
def ci_build(tmp_path_factory, mirror) -> Iterator[Workspace]:
    """The CI edition (params/ci.yml), read by section, integration and browser tests."""
    with shared_build(tmp_path_factory, mirror, "ci-build", CI_PARAMS) as ws:
        yield ws


@pytest.fixture(scope="session")
def default_build(tmp_path_factory, mirror) -> Iterator[Workspace]:
    """The default edition (params/2025.yml) with the built-in renderer and --strict (a
    contradicted claim would stop it), read by the words and print tests."""
    with shared_build(tmp_path_factory, mirror, "default-build", DEFAULT_PARAMS, renderer="builtin",
                      strict=True) as ws:
        yield ws


@pytest.fixture(scope="session")
def series_site(tmp_path_factory, mirror):
    """The East Asia 2024 and 2025 editions (small, their shipped windows), built in that order,
    and a Europe edition written by `briefing new`, in one site (tests/series_site.py): read by
    the series and the yearly-cycle tests."""
    from tests.series_site import build_series_site, series_site

    with shared_folder(tmp_path_factory, "series-site", lambda folder: build_series_site(folder, mirror),
                       contents=True) as folder:
        yield series_site(folder)


# Another focus pair, region, poles and window than the CI edition's, every section.
OTHER_EDITION = "ci-other"
OTHER_CHANGES = {
    "edition": OTHER_EDITION, "focus_pair": ["AU", "NZ"], "poles": ["US", "DE"], "window": {"start": 2019, "end": 2023},
    "region": {"name": "Asia-Pacific", "countries": ["JP", "KR", "CN", "TW", "AU", "NZ", "SG", "IN", "MY", "TH", "VN",
                                                    "ID", "PH", "HK"]},
}


@pytest.fixture(scope="session")
def other_build(tmp_path_factory, mirror) -> Iterator[Workspace]:
    """The CI edition with another focus pair (Australia–New Zealand), region, poles (the
    United States and Germany) and window (2019–2023): read by the partnership section's
    and the decoupling poles' tests, which check that no code change is needed."""
    params = {**yaml.safe_load(CI_PARAMS.read_text(encoding="utf-8")), **OTHER_CHANGES}
    with shared_build(tmp_path_factory, mirror, "other-build", params) as ws:
        yield ws


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
    """One local Spark session (local[2]) for the whole test session; stopped at the end. The
    Spark engine is the optional extra `briefing[spark]`: without pyspark its tests are skipped."""
    pytest.importorskip("pyspark", reason="the Spark engine is the optional extra briefing[spark] (pyspark)")
    from briefing.engine import spark_engine

    spark_engine.session("local[2]")
    yield "local[2]"
    spark_engine.stop()
