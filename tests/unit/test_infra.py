"""infra/: atomic files and staged folders (nothing half written), the work-folder lock
across real processes, provenance from a real git repository, and raw snapshots."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from briefing.errors import InputError
from briefing.infra.fileio import canonical_json, staged_dir, write_text_atomic
from briefing.infra.lock import LOCK_NAME, holder, work_lock
from briefing.infra.provenance import git_commit
from briefing.sources.snapshot import content_id, read_snapshot, verify, write_snapshot


def test_canonical_json_is_the_same_bytes_for_the_same_data():
    assert canonical_json({"b": 1, "a": [1.5, "日本"]}) == canonical_json({"a": [1.5, "日本"], "b": 1})
    assert canonical_json({"a": 1}).endswith("}\n")
    with pytest.raises(ValueError):
        canonical_json({"a": float("nan")})


def test_a_staged_folder_replaces_its_target_whole_or_not_at_all(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with pytest.raises(RuntimeError), staged_dir(target) as tmp:
        (tmp / "new.txt").write_text("half")
        raise RuntimeError("failed halfway")
    assert [p.name for p in target.iterdir()] == ["old.txt"] and [p.name for p in tmp_path.iterdir()] == ["out"]
    with staged_dir(target) as tmp:
        (tmp / "new.txt").write_text("whole")
    assert [p.name for p in target.iterdir()] == ["new.txt"] and [p.name for p in tmp_path.iterdir()] == ["out"]


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a" / "b.json"
    write_text_atomic(path, "one")
    write_text_atomic(path, "two")
    assert path.read_text() == "two" and [p.name for p in path.parent.iterdir()] == ["b.json"]
    assert oct(path.stat().st_mode & 0o777) == "0o644"


def hold_lock_in_another_process(work, seconds: float) -> subprocess.Popen:
    code = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from briefing.infra.lock import work_lock
        with work_lock(Path({str(work)!r})):
            print("held", flush=True)
            time.sleep({seconds})
        print("released", flush=True)
    """)
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"  # synchronised on the holder saying so
    return process


def test_a_second_writer_waits_for_the_first_and_names_it(tmp_path):
    other = hold_lock_in_another_process(tmp_path, 1.0)
    told = []
    with work_lock(tmp_path, timeout=60, on_wait=told.append):
        assert other.stdout.readline().strip() == "released"  # granted only after the holder let go
    assert told == [f"waiting for another briefing command (pid {other.pid}) to finish"]
    other.wait()


def test_a_writer_that_waits_too_long_is_refused(tmp_path):
    other = hold_lock_in_another_process(tmp_path, 30)
    try:
        assert holder(tmp_path / LOCK_NAME) == f"pid {other.pid}"
        with pytest.raises(InputError, match=rf"another briefing command \(pid {other.pid}\) is still writing"), \
                work_lock(tmp_path, timeout=0.3):
            pass
    finally:
        other.kill()
        other.wait()
    with work_lock(tmp_path, timeout=5):  # a holder that dies releases the lock
        pass


def test_git_commit_is_short_marks_dirty_and_says_unversioned(tmp_path):
    assert git_commit(tmp_path) == "unversioned"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a.txt").write_text("1")
    subprocess.run([*git, "add", "a.txt"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "one"], cwd=tmp_path, check=True)
    clean = git_commit(tmp_path)
    assert len(clean) == 12 and "+" not in clean
    (tmp_path / "b.txt").write_text("untracked files do not count")
    assert git_commit(tmp_path) == clean
    (tmp_path / "a.txt").write_text("2")
    assert git_commit(tmp_path) == f"{clean}+dirty"


def test_snapshots_are_named_by_content_immutable_and_verified(tmp_path):
    data = tmp_path / "in" / "x.csv"
    data.parent.mkdir()
    data.write_text("a,b\n1,2\n")
    raw = tmp_path / "raw"
    snap, new = write_snapshot(raw, "demo", {"title": "Demo"}, "mirror:demo/x.csv", "mirror", [data])
    assert new and snap.id == content_id("mirror", {"x.csv": snap.files["x.csv"]})
    assert write_snapshot(raw, "demo", {}, "elsewhere", "mirror", [data]) == (snap, False)
    assert read_snapshot(raw, "demo") == snap and snap.meta["title"] == "Demo"
    verify(snap)
    snap.file("x.csv").write_text("a,b\n1,3\n")
    with pytest.raises(InputError, match="sha256 differs from snapshot.yml"):
        verify(snap)
    snap.file("x.csv").unlink()
    with pytest.raises(InputError, match="file listed in snapshot.yml is missing"):
        verify(snap)
    with pytest.raises(InputError, match="no snapshot of this source; run `briefing fetch` first"):
        read_snapshot(raw, "other")
