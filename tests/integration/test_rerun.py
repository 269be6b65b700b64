"""Reruns that fail never break the next good build (issue: a failed run overwrote an executed
notebook the cache still believed in). On a copy of the default edition's published build,
twice over: a window past the data stops with exit 2 naming the source's last year, and a
section that fails mid-run exits 1 with its notebook kept in `failed/`; each time the
restored parameters build without `--force`, re-run nothing, and leave `_site/`, the executed
notebooks, findings and figures byte-identical."""

from __future__ import annotations

import shutil

import pytest
import yaml

from tests.conftest import DEFAULT_PARAMS, invoke, tree_bytes

pytestmark = pytest.mark.slow
KEPT = ("_site", "_build/2025/notebooks", "_build/2025/findings", "figures/2025")


@pytest.fixture(scope="module")
def work(tmp_path_factory, default_build):
    folder = tmp_path_factory.mktemp("rerun") / "work"
    shutil.copytree(default_build.work, folder)
    return folder


def params_with(folder, **changes):
    data = yaml.safe_load(DEFAULT_PARAMS.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key == "decoupling":
            data["sections"]["decoupling"] = {**data["sections"]["decoupling"], **value}
        else:
            data[key] = value
    path = folder / "2025.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def build(params, work, mirror):
    return invoke("build", "--params", str(params), "--workdir", str(work), "--mirror", str(mirror),
                  "--renderer", "builtin")


def test_failing_and_restoring_twice_ends_with_a_good_build_and_the_same_site(work, mirror, tmp_path):
    before = {part: tree_bytes(work / part) for part in KEPT}
    for _ in range(2):
        past = build(params_with(tmp_path, window={"start": 2015, "end": 2031}), work, mirror)
        assert past.returncode == 2, past.stdout + past.stderr
        assert "window ends 2031, but the OpenAlex pair table ends in 2023" in " ".join(past.stderr.split())
        good = build(DEFAULT_PARAMS, work, mirror)
        assert good.returncode == 0, good.stderr
        assert "run: nothing to run" in good.stdout or "run: up to date" in good.stdout, good.stdout
        failing = build(params_with(tmp_path, decoupling={"period_field": "no_such_field"}), work, mirror)
        assert failing.returncode == 1, failing.stdout + failing.stderr
        kept = work / "_build" / "2025" / "failed" / "decoupling.ipynb"
        assert kept.is_file() and str(kept) in " ".join(failing.stderr.split())
        assert {part: tree_bytes(work / part) for part in KEPT} == before
        restored = build(DEFAULT_PARAMS, work, mirror)
        assert restored.returncode == 0, restored.stderr
        assert "run: nothing to run" in restored.stdout or "run: up to date" in restored.stdout, restored.stdout
        assert "new version" not in restored.stdout
    assert {part: tree_bytes(work / part) for part in KEPT} == before
